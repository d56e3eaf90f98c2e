package dev.openledger.ledger.tx;

import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import java.util.Objects;

/**
 * A transaction that passed every stateless check, signature included. Only {@link TxVerifier}
 * makes these, so code that takes one (block execution) never re-verifies and never sees an
 * unchecked one.
 */
public final class VerifiedTransaction {
  private final SignedTransaction tx;

  VerifiedTransaction(SignedTransaction tx) {
    this.tx = Objects.requireNonNull(tx);
  }

  public SignedTransaction signed() {
    return tx;
  }

  public Transaction body() {
    return tx.body();
  }

  public Hash hash() {
    return tx.hash();
  }

  public Address sender() {
    return tx.sender();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof VerifiedTransaction v && v.tx.equals(tx);
  }

  @Override
  public int hashCode() {
    return tx.hashCode();
  }

  @Override
  public String toString() {
    return tx.toString();
  }
}
