package dev.openledger.node.api.view;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openledger.core.Hex;
import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import dev.openledger.core.json.Json;
import dev.openledger.ledger.bank.Account;
import dev.openledger.ledger.bank.SupplyReport;
import dev.openledger.ledger.block.Block;
import dev.openledger.ledger.block.BlockHeader;
import dev.openledger.ledger.block.Event;
import dev.openledger.ledger.block.Receipt;
import dev.openledger.ledger.engine.CommittedTx;
import dev.openledger.ledger.msg.Message;
import dev.openledger.ledger.state.StateKey;
import dev.openledger.ledger.state.smt.SmtProof;
import dev.openledger.ledger.store.LedgerStore.SignedHeader;
import dev.openledger.ledger.tx.SignedTransaction;
import dev.openledger.ledger.tx.Transaction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Builds API views from ledger values. */
public final class Views {
  private Views() {}

  public static List<EventView> events(List<Event> events) {
    List<EventView> out = new ArrayList<>(events.size());
    for (Event e : events) {
      List<EventView.Attribute> attrs = new ArrayList<>(e.attributes().size());
      for (Event.Attribute a : e.attributes()) {
        attrs.add(new EventView.Attribute(a.key(), a.value()));
      }
      out.add(new EventView(e.type(), attrs));
    }
    return out;
  }

  /** A message as JSON: its {@code type} name, then its fields. */
  public static ObjectNode message(Message m) {
    ObjectNode node = Json.mapper().createObjectNode();
    node.put("type", m.type().name());
    node.setAll((ObjectNode) Json.mapper().valueToTree(m));
    return node;
  }

  public static TxBodyView txBody(SignedTransaction tx) {
    Transaction b = tx.body();
    return new TxBodyView(
        b.chainId(), tx.sender(), b.sender(), b.nonce(), b.fee(), message(b.message()));
  }

  public static TxView committed(CommittedTx c) {
    Receipt r = c.receipt();
    return new TxView(
        c.tx().hash(),
        TxView.COMMITTED,
        c.location().height(),
        c.location().index(),
        r.code(),
        r.message(),
        r.feeCharged(),
        events(r.events()),
        txBody(c.tx()));
  }

  public static TxView pending(Hash hash) {
    return new TxView(hash, TxView.PENDING, null, null, null, null, null, null, null);
  }

  public static TxView rejected(Hash hash, String code, String message) {
    return new TxView(hash, TxView.REJECTED, null, null, code, message, null, null, null);
  }

  public static BlockView block(Block block, List<Event> blockEvents) {
    BlockHeader h = block.header();
    List<Hash> txs = new ArrayList<>(block.txs().size());
    for (SignedTransaction tx : block.txs()) {
      txs.add(tx.hash());
    }
    return new BlockView(
        h.height(),
        h.hash(),
        h.chainId(),
        Instant.ofEpochMilli(h.timeMillis()).toString(),
        h.timeMillis(),
        h.prevHash(),
        h.txRoot(),
        h.receiptRoot(),
        h.stateRoot(),
        h.proposer(),
        block.signature(),
        h.txCount(),
        txs,
        events(blockEvents));
  }

  /**
   * The header a block view describes, rebuilt from its fields (its hash is recomputed, not
   * trusted).
   */
  public static BlockHeader header(BlockView v) {
    return new BlockHeader(
        v.chainId(),
        v.height(),
        v.timeMillis(),
        v.prevHash(),
        v.txRoot(),
        v.receiptRoot(),
        v.stateRoot(),
        v.proposer(),
        v.txCount());
  }

  public static AccountView account(
      Address address, Account account, SignedHeader at, Optional<ProofView> proof) {
    BlockHeader h = at.header();
    return new AccountView(
        address, account.balance(), account.nonce(), h.height(), h.stateRoot(), proof.orElse(null));
  }

  public static ProofView proof(StateKey key, Optional<byte[]> value, SmtProof proof) {
    ProofView.Terminal t =
        proof.terminal() instanceof SmtProof.LeafTerminal leaf
            ? new ProofView.Terminal("leaf", leaf.keyHash(), leaf.valueHash())
            : new ProofView.Terminal("empty", null, null);
    return new ProofView(
        Hex.encode(key.bytes()), value.map(Hex::encode).orElse(null), proof.siblings(), t);
  }

  /** The proof a view describes; throws {@link IllegalArgumentException} for a malformed view. */
  public static SmtProof proof(ProofView v) {
    SmtProof.Terminal t;
    if ("leaf".equals(v.terminal().type())) {
      t = new SmtProof.LeafTerminal(v.terminal().keyHash(), v.terminal().valueHash());
    } else if ("empty".equals(v.terminal().type())) {
      t = new SmtProof.EmptyTerminal();
    } else {
      throw new IllegalArgumentException("unknown proof terminal '" + v.terminal().type() + "'");
    }
    return new SmtProof(v.siblings(), t);
  }

  public static SupplyView supply(long height, SupplyReport s) {
    return new SupplyView(
        height,
        s.initial(),
        s.burned(),
        s.total(),
        s.treasury(),
        s.circulating(),
        s.moduleAccounts());
  }
}
