package dev.openledger.ledger.economy;

/** Who a reward went to, for the distribution figures. Append-only (the ordinal is stored). */
public enum RewardKind {
  /** Staking interest. */
  STAKING_INTEREST(Counter.INTEREST_PAID),
  /** A data contributor's attribution reward. */
  CONTRIBUTOR(Counter.CONTRIBUTOR_REWARDS),
  /** A model developer's share of an inference fee. */
  DEVELOPER(Counter.DEVELOPER_REWARDS),
  /** A serving provider's share of an inference fee. */
  PROVIDER(Counter.PROVIDER_REWARDS);

  private final Counter counter;

  RewardKind(Counter counter) {
    this.counter = counter;
  }

  /** The counter of this kind's total. */
  public Counter counter() {
    return counter;
  }
}
