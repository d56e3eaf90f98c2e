package dev.openledger.ledger.genesis;

/**
 * A release schedule for an allocation: nothing until {@code cliffMonths} after genesis, then linear over
 * {@code linearMonths}. Recorded in genesis; to be enforced by a vesting module (until then the
 * category allocations sit in module accounts that no key controls, so nothing can be released early).
 *
 * @param cliffMonths months before anything is released
 * @param linearMonths months of linear release after the cliff
 */
public record Vesting(int cliffMonths, int linearMonths) {
  public Vesting {
    if (cliffMonths < 0 || linearMonths < 0 || cliffMonths + linearMonths > 600) {
      throw new IllegalArgumentException("vesting months must be non-negative and at most 600 in total");
    }
  }
}
