package dev.openledger.datanet;

import dev.openledger.core.crypto.Hash;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of registering a contribution after its submission reached the chain.
 *
 * @param claimedRows rows that now own their content in the datanet
 * @param lostRows rows that another contribution registered first (between this file's ingestion
 *     and its registration); they point at the winner and are left out of the contribution
 */
public record Registration(
    Hash contributionId, List<Hash> claimedRows, List<RowDecision> lostRows) {
  public Registration {
    Objects.requireNonNull(contributionId, "contributionId");
    claimedRows = List.copyOf(claimedRows);
    lostRows = List.copyOf(lostRows);
  }
}
