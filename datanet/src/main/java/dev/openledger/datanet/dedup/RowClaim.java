package dev.openledger.datanet.dedup;

import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import java.util.Objects;

/**
 * A row that owns its content in a datanet: the first submission of that text.
 *
 * @param shingles the row's sorted shingle hashes, for exact Jaccard verification of candidates
 */
public record RowClaim(Hash rowId, Hash contributionId, Address owner, long[] shingles) {
  public RowClaim {
    Objects.requireNonNull(rowId, "rowId");
    Objects.requireNonNull(contributionId, "contributionId");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(shingles, "shingles");
  }
}
