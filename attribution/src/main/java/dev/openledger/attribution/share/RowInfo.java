package dev.openledger.attribution.share;

import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import java.util.Objects;

/**
 * What the Datanet records about a training row, as attribution needs it.
 *
 * @param rowId the row's id (the gradient store's row id, and the span index's document id)
 * @param contentHash SHA-256 of the row's normalised content; equal content means duplicates
 * @param contributor who submitted it and is paid for it
 * @param datanet the Datanet it belongs to
 * @param submissionSeq its place in the global submission order (lower = earlier; e.g. block height
 *     · 2³² + transaction index), which decides who was first
 */
public record RowInfo(
    Hash rowId, Hash contentHash, Address contributor, Hash datanet, long submissionSeq) {
  public RowInfo {
    Objects.requireNonNull(rowId, "rowId");
    Objects.requireNonNull(contentHash, "contentHash");
    Objects.requireNonNull(contributor, "contributor");
    Objects.requireNonNull(datanet, "datanet");
    if (submissionSeq < 0) {
      throw new IllegalArgumentException("submissionSeq must be >= 0, got " + submissionSeq);
    }
  }
}
