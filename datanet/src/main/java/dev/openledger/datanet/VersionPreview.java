package dev.openledger.datanet;

import dev.openledger.core.crypto.Hash;
import java.util.Objects;

/**
 * What a version built from given contributions would be: its Merkle root and leaf count.
 *
 * @param root the Merkle root over the rows
 * @param rows the number of leaves
 */
public record VersionPreview(Hash root, int rows) {
  public VersionPreview {
    Objects.requireNonNull(root, "root");
    if (rows < 1) {
      throw new IllegalArgumentException("a version has at least one row");
    }
  }
}
