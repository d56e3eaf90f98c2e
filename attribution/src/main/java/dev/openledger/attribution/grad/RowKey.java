package dev.openledger.attribution.grad;

import dev.openledger.core.crypto.Hash;
import java.util.Objects;

/**
 * Names a training row in a gradient store: its 32-byte row id (as recorded by its Datanet) and its
 * compact index, the row's position in the store.
 *
 * @param rowId the row's id
 * @param index position in the store, {@code 0 <= index < rowCount}
 */
public record RowKey(Hash rowId, int index) {
  public RowKey {
    Objects.requireNonNull(rowId, "rowId");
    if (index < 0) {
      throw new IllegalArgumentException("row index must be >= 0, got " + index);
    }
  }
}
