package dev.openledger.datanet.leaderboard;

import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import java.util.Objects;

/**
 * One contribution as the leaderboard sees it.
 *
 * @param rowsSubmitted rows in the file as submitted
 * @param rowsAccepted rows that entered the datanet (0 unless the contribution was accepted)
 */
public record ContributionOutcome(
    Address contributor, Hash contributionId, Status status, int rowsSubmitted, int rowsAccepted) {
  /** Where the contribution stands in review. */
  public enum Status {
    PENDING,
    ACCEPTED,
    REJECTED
  }

  public ContributionOutcome {
    Objects.requireNonNull(contributor, "contributor");
    Objects.requireNonNull(contributionId, "contributionId");
    Objects.requireNonNull(status, "status");
    if (rowsSubmitted < 0 || rowsAccepted < 0 || rowsAccepted > rowsSubmitted) {
      throw new IllegalArgumentException("need 0 <= rowsAccepted <= rowsSubmitted");
    }
    if (status != Status.ACCEPTED && rowsAccepted != 0) {
      throw new IllegalArgumentException("only an accepted contribution has accepted rows");
    }
  }
}
