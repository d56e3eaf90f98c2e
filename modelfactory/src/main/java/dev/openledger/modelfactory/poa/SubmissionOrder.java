package dev.openledger.modelfactory.poa;

import dev.openledger.core.crypto.Hash;

/**
 * Where a contribution stands in the order of first submission (lower = earlier). On a node this
 * comes from the chain (the block that recorded it); attribution credits the earliest submitter of
 * repeated text.
 */
@FunctionalInterface
public interface SubmissionOrder {

  /**
   * @return a non-negative sequence number; contributions in one block may share it
   */
  long sequence(Hash contributionId);
}
