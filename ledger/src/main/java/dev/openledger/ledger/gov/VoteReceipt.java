package dev.openledger.ledger.gov;

import dev.openledger.core.money.Amount;
import java.util.Objects;

/**
 * A cast vote.
 *
 * @param support its side
 * @param weight the voter's power at the proposal's snapshot
 */
public record VoteReceipt(VoteSupport support, Amount weight) {
  public VoteReceipt {
    Objects.requireNonNull(support, "support");
    Objects.requireNonNull(weight, "weight");
  }
}
