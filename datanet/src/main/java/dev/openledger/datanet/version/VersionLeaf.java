package dev.openledger.datanet.version;

import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import java.util.Objects;

/**
 * One row as committed in a version.
 *
 * @param textHash SHA-256 of the row's exported text in UTF-8
 */
public record VersionLeaf(Hash rowId, Address owner, Hash textHash) {
  private static final byte[] LEAF_PREFIX = {0x00};

  public VersionLeaf {
    Objects.requireNonNull(rowId, "rowId");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(textHash, "textHash");
  }

  /** {@code SHA-256(0x00 || rowId || owner || textHash)}. */
  public Hash hash() {
    return Hash.sha256(LEAF_PREFIX, rowId.bytes(), owner.bytes(), textHash.bytes());
  }
}
