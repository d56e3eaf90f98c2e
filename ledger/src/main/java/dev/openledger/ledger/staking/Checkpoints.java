package dev.openledger.ledger.staking;

import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;
import dev.openledger.core.money.Amount;
import dev.openledger.ledger.state.State;
import dev.openledger.ledger.state.StateKey;
import dev.openledger.ledger.state.StateReader;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * A history of one amount over block time, as OpenZeppelin's {@code Checkpoints.Trace208}: entry i
 * (a 4-byte big-endian index after {@code prefix}) holds {@code (timeMillis, value)} in increasing
 * time; a write at the time of the last entry overwrites it. {@code count} holds the number of
 * entries. Reading the value at a past time is a binary search over point reads.
 */
final class Checkpoints {
  private final StateKey prefix;
  private final StateKey count;

  Checkpoints(StateKey prefix, StateKey count) {
    this.prefix = prefix;
    this.count = count;
  }

  /** Records {@code value} from {@code timeMillis} on. */
  void push(State state, long timeMillis, Amount value) {
    int n = size(state);
    if (n > 0) {
      Entry last = entry(state, n - 1);
      if (last.timeMillis() > timeMillis) {
        throw new IllegalStateException(
            "checkpoint at " + timeMillis + " is before the last one at " + last.timeMillis());
      }
      if (last.timeMillis() == timeMillis) {
        put(state, n - 1, new Entry(timeMillis, value));
        return;
      }
    }
    put(state, n, new Entry(timeMillis, value));
    state.put(count, new CanonicalWriter(6).varint(n + 1L).toByteArray());
  }

  /** The latest value (0 when there is none). */
  Amount latest(StateReader state) {
    int n = size(state);
    return n == 0 ? Amount.ZERO : entry(state, n - 1).value();
  }

  /**
   * The value in force at {@code timeMillis}: that of the last entry at or before it (0 before the
   * first).
   */
  Amount at(StateReader state, long timeMillis) {
    int lo = 0;
    int hi = size(state);
    // Invariant: entries [0, lo) are at or before timeMillis; entries [hi, n) are after it.
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (entry(state, mid).timeMillis() <= timeMillis) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo == 0 ? Amount.ZERO : entry(state, lo - 1).value();
  }

  int size(StateReader state) {
    Optional<byte[]> b = state.get(count);
    if (b.isEmpty()) {
      return 0;
    }
    try {
      CanonicalReader r = new CanonicalReader(b.get());
      int n = (int) r.varint("checkpoint count", Integer.MAX_VALUE);
      r.finish();
      return n;
    } catch (DecodeException e) {
      throw new IllegalStateException(
          "stored checkpoint count at " + count + " is corrupt: " + e.getMessage(), e);
    }
  }

  private StateKey key(int i) {
    return prefix.append(ByteBuffer.allocate(4).putInt(i).array());
  }

  private void put(State state, int i, Entry e) {
    state.put(
        key(i), new CanonicalWriter(20).varint(e.timeMillis()).amount(e.value()).toByteArray());
  }

  private Entry entry(StateReader state, int i) {
    byte[] b =
        state
            .get(key(i))
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "checkpoint " + i + " under " + prefix + " is missing"));
    try {
      CanonicalReader r = new CanonicalReader(b);
      Entry e = new Entry(r.varint("time"), r.amount("value"));
      r.finish();
      return e;
    } catch (DecodeException e) {
      throw new IllegalStateException(
          "stored checkpoint under " + prefix + " is corrupt: " + e.getMessage(), e);
    }
  }

  private record Entry(long timeMillis, Amount value) {}
}
