package dev.openledger.ledger.store;

import dev.openledger.core.crypto.Hash;
import dev.openledger.ledger.block.Block;
import dev.openledger.ledger.block.BlockResults;
import dev.openledger.ledger.state.StateChanges;
import dev.openledger.ledger.state.smt.SmtNode;
import java.util.Map;
import java.util.Objects;

/**
 * Everything one block changes in storage, written atomically.
 *
 * @param block the signed block
 * @param results the receipts (one per transaction, in order) and block events
 * @param changes the state writes
 * @param nodes the state-tree nodes created by the block
 */
public record BlockCommit(
    Block block, BlockResults results, StateChanges changes, Map<Hash, SmtNode> nodes) {
  public BlockCommit {
    Objects.requireNonNull(block, "block");
    Objects.requireNonNull(results, "results");
    Objects.requireNonNull(changes, "changes");
    Objects.requireNonNull(nodes, "nodes");
    if (results.receipts().size() != block.txs().size()) {
      throw new IllegalArgumentException(
          "block "
              + block.height()
              + " has "
              + block.txs().size()
              + " transactions but "
              + results.receipts().size()
              + " receipts");
    }
  }
}
