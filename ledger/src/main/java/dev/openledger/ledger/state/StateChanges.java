package dev.openledger.ledger.state;

import java.util.Collections;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The writes of a block, sorted by key: a value to store, or empty for a deletion. This is what
 * storage persists and what the state tree folds into the new root.
 *
 * @param writes sorted writes (not copied; the producer hands it over)
 */
public record StateChanges(NavigableMap<StateKey, Optional<byte[]>> writes) {
  public static final StateChanges NONE = new StateChanges(Collections.emptyNavigableMap());

  public StateChanges {
    Objects.requireNonNull(writes, "writes");
    writes = Collections.unmodifiableNavigableMap(writes);
  }

  public static StateChanges copyOf(NavigableMap<StateKey, Optional<byte[]>> writes) {
    return new StateChanges(new TreeMap<>(writes));
  }

  public int size() {
    return writes.size();
  }
}
