package dev.openledger.ledger.cluster;

import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import dev.openledger.core.money.Amount;
import dev.openledger.ledger.store.TxLocation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A Jepsen-style history of client operations: each transfer is invoked, then completes ok
 * (committed, with where), fail (definitely not applied: refused or dropped) or info (unknown: the
 * client gave up waiting). Times are from one monotonic clock so that real-time order between
 * operations can be checked.
 */
final class History {
  enum Type {
    OK,
    FAIL,
    INFO
  }

  /**
   * One operation.
   *
   * @param hash the signed transaction
   * @param from sender
   * @param to recipient
   * @param amount transferred
   * @param nonce sender's nonce
   * @param invokedNanos when the client first submitted it
   * @param completedNanos when it learnt the outcome
   * @param type outcome
   * @param location where it was committed (ok only)
   * @param detail the refusal or error (fail, info)
   */
  record Op(
      Hash hash,
      Address from,
      Address to,
      Amount amount,
      long nonce,
      long invokedNanos,
      long completedNanos,
      Type type,
      Optional<TxLocation> location,
      String detail) {}

  private final List<Op> ops = new ArrayList<>();

  synchronized void add(Op op) {
    ops.add(op);
  }

  synchronized List<Op> ops() {
    return List.copyOf(ops);
  }

  synchronized long count(Type t) {
    return ops.stream().filter(o -> o.type() == t).count();
  }
}
