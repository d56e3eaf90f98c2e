package dev.openledger.datanet;

import dev.openledger.core.crypto.Hash;
import dev.openledger.datanet.validate.Rejection;
import java.util.Objects;
import java.util.Optional;

/**
 * The verdict on one row of a file.
 *
 * @param ordinal the row's position among the file's rows (0-based)
 * @param rowId the id the row has (or would have had) in this contribution
 * @param quality the row's quality grade in [0,1] (0 when rejected)
 * @param rejection why the row was refused, empty when accepted
 */
public record RowDecision(int ordinal, Hash rowId, double quality, Optional<Rejection> rejection) {
  public RowDecision {
    Objects.requireNonNull(rowId, "rowId");
    Objects.requireNonNull(rejection, "rejection");
    if (!(quality >= 0 && quality <= 1)) {
      throw new IllegalArgumentException("quality must be in [0,1]");
    }
  }

  public boolean accepted() {
    return rejection.isEmpty();
  }
}
