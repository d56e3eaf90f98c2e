package dev.openledger.node.archfixture;

import dev.openledger.ledger.store.BlockCommit;
import dev.openledger.ledger.store.LedgerStore;

/**
 * Violates "only the ledger writes state" on purpose: node code committing a block to the store.
 */
public final class CommitsBlock {
  private CommitsBlock() {}

  public static void write(LedgerStore store, BlockCommit commit) {
    store.commit(commit);
  }
}
