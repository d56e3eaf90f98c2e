package dev.openledger.node.api;

import dev.openledger.ledger.tx.SignedTransaction;

/**
 * A node's own admission rule for submitted transactions, applied after decoding and before the
 * engine's checks: not part of consensus, but of what this node agrees to forward (e.g. a
 * contribution whose file it does not hold).
 */
@FunctionalInterface
public interface TxGate {
  /** Admits everything. */
  TxGate NONE = tx -> {};

  /**
   * Returns normally to admit the transaction.
   *
   * @throws ApiException to refuse it, with the answer's status, code and message
   */
  void admit(SignedTransaction tx);
}
