package dev.openledger.modelfactory.spec;

import dev.openledger.core.crypto.Hash;
import java.util.Objects;

/**
 * A published datanet version a model trains on, pinned by the Merkle root the chain recorded for
 * it.
 *
 * @param datanetId the datanet
 * @param version its version number (from 1)
 * @param root the version's Merkle root over its rows
 */
public record DatanetVersionRef(Hash datanetId, int version, Hash root) {
  public DatanetVersionRef {
    Objects.requireNonNull(datanetId, "datanetId");
    Objects.requireNonNull(root, "root");
    if (version < 1) {
      throw new IllegalArgumentException("datanet versions are numbered from 1, got " + version);
    }
  }

  /** {@code ID@VERSION} with the id in hex. */
  public String label() {
    return datanetId.toHex() + "@" + version;
  }
}
