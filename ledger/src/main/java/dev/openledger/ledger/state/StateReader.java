package dev.openledger.ledger.state;

import java.util.Optional;

/** Read access to a state. Implementations are a committed store, a snapshot, or an overlay. */
public interface StateReader {

  Optional<byte[]> get(StateKey key);

  /**
   * Every entry whose key starts with {@code prefix}, in ascending key order. Close the iterator.
   */
  CloseableIterator<StateEntry> scan(StateKey prefix);
}
