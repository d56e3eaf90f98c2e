package dev.openledger.core.archfixture;

import dev.openledger.ledger.tx.Transaction;

/** Violates "core depends on nothing of ours" on purpose. */
public final class CoreUsesLedger {
  private CoreUsesLedger() {}

  public static long nonce(Transaction tx) {
    return tx.nonce();
  }
}
