package dev.openledger.ledger.staking;

/** Where slashed OPEN goes: destroyed, or to the treasury. */
public enum SlashDestination {
  BURN,
  TREASURY
}
