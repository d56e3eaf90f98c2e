package dev.openledger.ledger.engine;

import java.util.Objects;

/** Where a transaction stands, by hash. */
public sealed interface TxStatus permits TxStatus.Pending, TxStatus.Committed, TxStatus.Rejected {

  /** Admitted and waiting for a block. */
  record Pending() implements TxStatus {}

  /**
   * In a committed block.
   *
   * @param tx the transaction with its receipt and block
   */
  record Committed(CommittedTx tx) implements TxStatus {
    public Committed {
      Objects.requireNonNull(tx, "tx");
    }
  }

  /**
   * Dropped after admission (remembered for a while after it happened).
   *
   * @param code the rejection code
   * @param message why
   */
  record Rejected(String code, String message) implements TxStatus {}
}
