package dev.openledger.ledger.exec;

import dev.openledger.core.crypto.Hash;

/**
 * A module threw while applying a transaction: a bug, not bad input. Carries the transaction so
 * that the engine can leave it out and build the block again instead of stopping the chain.
 */
public final class TxExecutionException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient Hash txHash;

  public TxExecutionException(Hash txHash, RuntimeException cause) {
    super("applying transaction " + txHash + " threw " + cause, cause);
    this.txHash = txHash;
  }

  public Hash txHash() {
    return txHash;
  }
}
