package dev.openledger.ledger.msg;

import dev.openledger.core.crypto.Hash;
import java.util.Objects;

/**
 * A published datanet version a model was trained on, pinned by its Merkle root (the same triple as
 * ModelFactory's {@code DatanetVersionRef}).
 *
 * @param datanetId the datanet
 * @param version its version number (from 1)
 * @param root the root the chain recorded for that version
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
