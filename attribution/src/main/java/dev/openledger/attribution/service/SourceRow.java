package dev.openledger.attribution.service;

import dev.openledger.attribution.share.RowInfo;
import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import java.util.Objects;

/**
 * A row of a Datanet version a model trained on, as its Datanet and the chain record it.
 *
 * @param rowId the row's id (the gradient store's key, the span index's document id)
 * @param contentHash hash of the row's normalised content (the Datanet's dedup hash); equal content
 *     means duplicates
 * @param owner the contributor who owns it
 * @param datanet the Datanet it belongs to
 * @param contribution the contribution that brought it
 * @param submissionSeq its contribution's place in the order of first submission (lower = earlier)
 * @param text the row's cleaned text
 */
public record SourceRow(
    Hash rowId,
    Hash contentHash,
    Address owner,
    Hash datanet,
    Hash contribution,
    long submissionSeq,
    String text) {
  public SourceRow {
    Objects.requireNonNull(rowId, "rowId");
    Objects.requireNonNull(contentHash, "contentHash");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(datanet, "datanet");
    Objects.requireNonNull(contribution, "contribution");
    Objects.requireNonNull(text, "text");
    if (submissionSeq < 0) {
      throw new IllegalArgumentException("submissionSeq must be >= 0, got " + submissionSeq);
    }
  }

  /** The row as the share rules need it. */
  public RowInfo info() {
    return new RowInfo(rowId, contentHash, owner, datanet, submissionSeq);
  }
}
