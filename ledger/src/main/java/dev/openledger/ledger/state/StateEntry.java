package dev.openledger.ledger.state;

import java.util.Objects;

/**
 * A key and its value, as a scan returns them.
 *
 * @param key the key
 * @param value the value bytes (the caller must not modify them)
 */
public record StateEntry(StateKey key, byte[] value) {
  public StateEntry {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
  }
}
