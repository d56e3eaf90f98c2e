package dev.openledger.ledger.gov;

/** A proposal's state, in OpenZeppelin's {@code IGovernor.ProposalState} order. */
public enum ProposalState {
  /** Created; voting opens after the snapshot. */
  PENDING,
  /** Voting is open. */
  ACTIVE,
  /** Withdrawn by its proposer while pending. */
  CANCELED,
  /** Voting ended without quorum, or with For not above Against. */
  DEFEATED,
  /** Voting ended with quorum and For above Against; waiting to be queued. */
  SUCCEEDED,
  /** Queued; executable once the timelock has passed, until the grace period ends. */
  QUEUED,
  /** Queued but not executed within the grace period. */
  EXPIRED,
  /** Its messages ran and took effect. */
  EXECUTED
}
