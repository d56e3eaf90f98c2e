package dev.openledger.ledger.engine;

import dev.openledger.core.Result;
import dev.openledger.core.crypto.Hash;
import dev.openledger.core.crypto.PublicKey;
import dev.openledger.ledger.block.Block;
import dev.openledger.ledger.block.BlockHeader;
import dev.openledger.ledger.block.BlockResults;
import dev.openledger.ledger.exec.BlockInput;
import dev.openledger.ledger.exec.ExecutedBlock;
import dev.openledger.ledger.exec.TxExecutionException;
import dev.openledger.ledger.store.InMemoryLedgerStore;
import dev.openledger.ledger.store.LedgerStore;
import dev.openledger.ledger.tx.SignedTransaction;
import dev.openledger.ledger.tx.VerifiedTransaction;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Replays a stored chain from its genesis into a fresh in-memory store and checks every block:
 * height and parent link, the sequencer's signature, every transaction's signature and stateless
 * checks, and that re-executing the block reproduces its header (tx, receipt and state roots) and
 * its receipts exactly. Then checks every module's invariants on the final state. What a new
 * replica, an auditor, or the crash test does.
 */
public final class ChainVerifier {
  private ChainVerifier() {}

  /**
   * The result of a successful replay.
   *
   * @param height the last block checked
   * @param stateRoots the state root after every block, index = height
   */
  public record Report(long height, List<Hash> stateRoots) {
    public Report {
      stateRoots = List.copyOf(stateRoots);
    }

    public Hash finalStateRoot() {
      return stateRoots.get(stateRoots.size() - 1);
    }
  }

  /** Replays every block of {@code store}; the failure code is {@code verify_failed}. */
  public static Result<Report> verify(LedgerStore store, Chain chain) {
    return verify(store, chain, chain.genesis().sequencer()::equals);
  }

  /**
   * Replays every block, accepting blocks after block 0 signed by any key {@code mayPropose}
   * accepts (a replicated chain's validators); block 0 is always the genesis sequencer's.
   */
  public static Result<Report> verify(
      LedgerStore store, Chain chain, Predicate<PublicKey> mayPropose) {
    if (store.height() < 0) {
      return fail("the store holds no blocks");
    }
    InMemoryLedgerStore replica = new InMemoryLedgerStore();
    ExecutedBlock g =
        chain.executor().executeGenesis(chain.genesis(), replica.state(), replica.nodes());
    Block stored0 = store.block(0).orElseThrow();
    Result<Report> bad = compareBlock(stored0, g, store, chain.genesis().sequencer()::equals);
    if (bad != null) {
      return bad;
    }
    replica.commit(g.toCommit(stored0.signature()));
    List<Hash> roots = new ArrayList<>();
    roots.add(g.header().stateRoot());
    BlockHeader parent = g.header();
    for (long h = 1; h <= store.height(); h++) {
      Block stored = store.block(h).orElse(null);
      if (stored == null) {
        return fail("block " + h + " is missing although the store's height is " + store.height());
      }
      List<VerifiedTransaction> txs = new ArrayList<>(stored.txs().size());
      for (SignedTransaction tx : stored.txs()) {
        Result<VerifiedTransaction> v = chain.verifier().verify(tx);
        if (v instanceof Result.Err<VerifiedTransaction> err) {
          return fail(
              "block "
                  + h
                  + " holds transaction "
                  + tx.hash()
                  + " that fails "
                  + err.code()
                  + ": "
                  + err.message());
        }
        txs.add(v.orElseThrow());
      }
      BlockHeader sh = stored.header();
      if (sh.timeMillis() < parent.timeMillis()) {
        return fail("block " + h + " has a time before its parent's");
      }
      ExecutedBlock re;
      try {
        re =
            chain
                .executor()
                .execute(
                    new BlockInput(parent, sh.timeMillis(), sh.proposer(), txs),
                    replica.state(),
                    replica.nodes());
      } catch (TxExecutionException e) {
        return fail(
            "re-executing block "
                + h
                + " threw on transaction "
                + e.txHash()
                + ": "
                + e.getCause());
      }
      if (!re.dropped().isEmpty()) {
        return fail(
            "block "
                + h
                + " includes transaction "
                + re.dropped().get(0).hash()
                + " that execution drops: "
                + re.dropped().get(0).message());
      }
      bad = compareBlock(stored, re, store, mayPropose);
      if (bad != null) {
        return bad;
      }
      replica.commit(re.toCommit(stored.signature()));
      roots.add(re.header().stateRoot());
      parent = re.header();
    }
    List<String> violations = chain.machine().checkInvariants(replica.state());
    if (!violations.isEmpty()) {
      return fail("invariants fail after replay: " + String.join("; ", violations));
    }
    return Result.ok(new Report(store.height(), roots));
  }

  private static Result<Report> compareBlock(
      Block stored, ExecutedBlock re, LedgerStore store, Predicate<PublicKey> mayPropose) {
    long h = stored.height();
    if (!stored.header().equals(re.header())) {
      return fail(
          "block "
              + h
              + " differs from its replay: stored "
              + stored.header()
              + ", replayed "
              + re.header());
    }
    if (!mayPropose.test(stored.header().proposer())
        || !stored.header().verifySignature(stored.signature())) {
      return fail(
          "block "
              + h
              + " is not signed by the sequencer"
              + (h == 0 ? "" : " or another key allowed to propose"));
    }
    BlockResults results = store.results(h).orElse(null);
    if (results == null || !results.equals(re.results())) {
      return fail("the stored receipts of block " + h + " differ from the replayed ones");
    }
    return null;
  }

  private static Result<Report> fail(String message) {
    return Result.err("verify_failed", message);
  }
}
