package dev.openledger.ledger.economy;

import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;

/**
 * One value per {@link Counter}, stored as {@code varint n | varint value * n} in counter order; a
 * record written before a counter existed reads it as 0.
 */
public final class Counters {
  private static final Counter[] ALL = Counter.values();
  private final long[] values;

  private Counters(long[] values) {
    this.values = values;
  }

  public static Counters zero() {
    return new Counters(new long[ALL.length]);
  }

  public long get(Counter c) {
    return values[c.ordinal()];
  }

  /** These counters with {@code delta} added to {@code c}. */
  public Counters plus(Counter c, long delta) {
    long[] v = values.clone();
    v[c.ordinal()] = Math.addExact(v[c.ordinal()], delta);
    return new Counters(v);
  }

  /** The values by counter, in counter order. */
  public Map<Counter, Long> asMap() {
    Map<Counter, Long> m = new EnumMap<>(Counter.class);
    for (Counter c : ALL) {
      m.put(c, values[c.ordinal()]);
    }
    return m;
  }

  byte[] encode() {
    CanonicalWriter w = new CanonicalWriter(8 + values.length * 4).varint(values.length);
    for (long v : values) {
      w.varint(v);
    }
    return w.toByteArray();
  }

  static Counters decode(byte[] bytes) throws DecodeException {
    CanonicalReader r = new CanonicalReader(bytes);
    int n = (int) r.varint("counter count", ALL.length);
    long[] v = new long[ALL.length];
    for (int i = 0; i < n; i++) {
      v[i] = r.varint("counter");
    }
    r.finish();
    return new Counters(v);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Counters c && Arrays.equals(values, c.values);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return asMap().toString();
  }
}
