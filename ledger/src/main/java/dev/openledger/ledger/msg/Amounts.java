package dev.openledger.ledger.msg;

import dev.openledger.core.money.Amount;
import java.util.Objects;

/** Shared field checks for message amounts. */
final class Amounts {
  private Amounts() {}

  /** An amount a message may carry: more than zero, and not more than could ever exist. */
  static void requirePositiveWithinSupply(Amount amount, String what) {
    Objects.requireNonNull(amount, what);
    if (amount.isZero()) {
      throw new IllegalArgumentException(what + " must be positive");
    }
    if (Amount.MAX_SUPPLY.isLessThan(amount)) {
      throw new IllegalArgumentException(
          what + " " + amount + " exceeds the total supply of " + Amount.MAX_SUPPLY);
    }
  }
}
