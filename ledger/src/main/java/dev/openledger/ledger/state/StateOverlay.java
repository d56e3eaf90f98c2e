package dev.openledger.ledger.state;

import java.util.Iterator;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Buffered writes over a base state. Reads see the buffer first, then the base; nothing reaches the
 * base until {@link #commitTo(State)}. Overlays nest: a block's overlay over the committed state, a
 * transaction's message overlay over the block's, so a failed message is dropped by discarding its
 * overlay. Not thread-safe.
 */
public final class StateOverlay implements State {
  private final StateReader base;
  private final TreeMap<StateKey, Optional<byte[]>> writes = new TreeMap<>();

  public StateOverlay(StateReader base) {
    this.base = base;
  }

  @Override
  public Optional<byte[]> get(StateKey key) {
    Optional<byte[]> w = writes.get(key);
    return w != null ? w : base.get(key);
  }

  @Override
  public void put(StateKey key, byte[] value) {
    writes.put(key, Optional.of(value));
  }

  @Override
  public void delete(StateKey key) {
    writes.put(key, Optional.empty());
  }

  /** Applies the buffered writes to {@code target} (normally the base) and clears the buffer. */
  public void commitTo(State target) {
    for (Map.Entry<StateKey, Optional<byte[]>> e : writes.entrySet()) {
      if (e.getValue().isPresent()) {
        target.put(e.getKey(), e.getValue().get());
      } else {
        target.delete(e.getKey());
      }
    }
    writes.clear();
  }

  /** The buffered writes, sorted by key (a live view; do not modify). */
  public NavigableMap<StateKey, Optional<byte[]>> writes() {
    return writes;
  }

  public boolean isEmpty() {
    return writes.isEmpty();
  }

  /**
   * Hands the buffered writes over as {@link StateChanges}; the overlay must not be used
   * afterwards.
   */
  public StateChanges toChanges() {
    return new StateChanges(writes);
  }

  @Override
  public CloseableIterator<StateEntry> scan(StateKey prefix) {
    StateKey end = prefix.prefixEnd();
    NavigableMap<StateKey, Optional<byte[]>> local =
        end == null ? writes.tailMap(prefix, true) : writes.subMap(prefix, true, end, false);
    return new Merged(base.scan(prefix), local.entrySet().iterator());
  }

  /**
   * Merges the base's sorted entries with the overlay's sorted writes; the overlay wins on equal
   * keys.
   */
  private static final class Merged implements CloseableIterator<StateEntry> {
    private final CloseableIterator<StateEntry> baseIt;
    private final Iterator<Map.Entry<StateKey, Optional<byte[]>>> localIt;
    private StateEntry baseHead;
    private Map.Entry<StateKey, Optional<byte[]>> localHead;
    private StateEntry next;

    Merged(
        CloseableIterator<StateEntry> baseIt,
        Iterator<Map.Entry<StateKey, Optional<byte[]>>> localIt) {
      this.baseIt = baseIt;
      this.localIt = localIt;
      baseHead = baseIt.hasNext() ? baseIt.next() : null;
      localHead = localIt.hasNext() ? localIt.next() : null;
      advance();
    }

    private void advance() {
      next = null;
      while (next == null && (baseHead != null || localHead != null)) {
        int cmp =
            baseHead == null
                ? 1
                : localHead == null ? -1 : baseHead.key().compareTo(localHead.getKey());
        if (cmp < 0) {
          next = baseHead;
          baseHead = baseIt.hasNext() ? baseIt.next() : null;
        } else {
          if (cmp == 0) {
            baseHead = baseIt.hasNext() ? baseIt.next() : null;
          }
          if (localHead.getValue().isPresent()) {
            next = new StateEntry(localHead.getKey(), localHead.getValue().get());
          }
          localHead = localIt.hasNext() ? localIt.next() : null;
        }
      }
    }

    @Override
    public boolean hasNext() {
      return next != null;
    }

    @Override
    public StateEntry next() {
      if (next == null) {
        throw new NoSuchElementException();
      }
      StateEntry out = next;
      advance();
      return out;
    }

    @Override
    public void close() {
      baseIt.close();
    }
  }
}
