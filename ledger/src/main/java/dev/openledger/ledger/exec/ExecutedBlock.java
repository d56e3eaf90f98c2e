package dev.openledger.ledger.exec;

import dev.openledger.core.crypto.Hash;
import dev.openledger.core.crypto.Signature;
import dev.openledger.ledger.block.Block;
import dev.openledger.ledger.block.BlockHeader;
import dev.openledger.ledger.block.BlockResults;
import dev.openledger.ledger.state.StateChanges;
import dev.openledger.ledger.state.smt.SmtNode;
import dev.openledger.ledger.store.BlockCommit;
import dev.openledger.ledger.tx.SignedTransaction;
import dev.openledger.ledger.tx.VerifiedTransaction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A block computed but not yet signed or stored.
 *
 * @param header the header, with every root filled in
 * @param included the included transactions, in order
 * @param results their receipts and the block events
 * @param dropped the candidates left out, with why
 * @param changes the state writes
 * @param nodes the state-tree nodes created
 */
public record ExecutedBlock(
    BlockHeader header,
    List<VerifiedTransaction> included,
    BlockResults results,
    List<TxResult.Dropped> dropped,
    StateChanges changes,
    Map<Hash, SmtNode> nodes) {
  public ExecutedBlock {
    Objects.requireNonNull(header, "header");
    included = List.copyOf(included);
    Objects.requireNonNull(results, "results");
    dropped = List.copyOf(dropped);
    Objects.requireNonNull(changes, "changes");
    Objects.requireNonNull(nodes, "nodes");
  }

  /** The block with the proposer's signature, and what storage must write for it. */
  public BlockCommit toCommit(Signature signature) {
    List<SignedTransaction> txs = new ArrayList<>(included.size());
    for (VerifiedTransaction tx : included) {
      txs.add(tx.signed());
    }
    return new BlockCommit(new Block(header, signature, txs), results, changes, nodes);
  }
}
