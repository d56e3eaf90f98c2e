package dev.openledger.node.archfixture;

import dev.openledger.ledger.engine.Admission;
import dev.openledger.ledger.engine.LedgerEngine;
import dev.openledger.ledger.tx.SignedTransaction;
import java.util.concurrent.CompletableFuture;

/** Allowed: node code changes state by submitting a signed transaction. */
public final class SubmitsTransaction {
  private SubmitsTransaction() {}

  public static CompletableFuture<Admission> send(LedgerEngine engine, SignedTransaction tx) {
    return engine.submit(tx);
  }
}
