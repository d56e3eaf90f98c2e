package dev.openledger.ledger.engine;

import dev.openledger.core.crypto.Hash;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/** The answer to a submission: admitted to the mempool, or refused with a reason. */
public sealed interface Admission permits Admission.Accepted, Admission.Refused {

  /**
   * Admitted; {@code outcome} completes when the transaction is committed or dropped.
   *
   * @param hash the transaction hash
   * @param outcome completes after the block holding it is durably stored, or when it is dropped
   */
  record Accepted(Hash hash, CompletableFuture<TxOutcome> outcome) implements Admission {
    public Accepted {
      Objects.requireNonNull(hash, "hash");
      Objects.requireNonNull(outcome, "outcome");
    }
  }

  /**
   * Refused before ordering; nothing changed and nothing was charged.
   *
   * @param code a {@link dev.openledger.ledger.tx.Rejection} code
   * @param message what was wrong
   */
  record Refused(String code, String message) implements Admission {
    public Refused {
      Objects.requireNonNull(code, "code");
      Objects.requireNonNull(message, "message");
    }
  }
}
