package dev.openledger.datanet.validate;

import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import java.util.Objects;

/**
 * A pointer to the original of a duplicate: the row that first claimed the content, the
 * contribution it came from and its owner (the first submitter).
 *
 * @param similarity 1.0 for an exact duplicate, else the verified Jaccard similarity of word
 *     shingles
 */
public record DuplicateOf(Hash rowId, Hash contributionId, Address owner, double similarity) {
  public DuplicateOf {
    Objects.requireNonNull(rowId, "rowId");
    Objects.requireNonNull(contributionId, "contributionId");
    Objects.requireNonNull(owner, "owner");
    if (!(similarity >= 0 && similarity <= 1)) {
      throw new IllegalArgumentException("similarity must be in [0,1]: " + similarity);
    }
  }
}
