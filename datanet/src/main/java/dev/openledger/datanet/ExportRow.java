package dev.openledger.datanet;

import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import java.util.Objects;

/**
 * One line of a version export (JSONL), in Merkle leaf order. {@code textHash} is SHA-256 of {@code
 * text} in UTF-8, so a reader can recompute every leaf and the root from the export alone.
 */
public record ExportRow(
    int index, Hash rowId, Address owner, Hash contributionId, Hash textHash, String text) {
  public ExportRow {
    Objects.requireNonNull(rowId, "rowId");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(contributionId, "contributionId");
    Objects.requireNonNull(textHash, "textHash");
    Objects.requireNonNull(text, "text");
  }
}
