package dev.openledger.ledger.datanet;

/** Where a contribution stands on chain. */
public enum ContributionStatus {
  /** Submitted, waiting for the owner or a curator. */
  PENDING,
  /**
   * Approved (by review, or automatically above the datanet's score threshold); may enter versions.
   */
  ACCEPTED,
  /** Refused in review; its content is released for the next submitter. */
  REJECTED
}
