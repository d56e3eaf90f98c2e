package dev.openledger.ml.tokenizer;

import java.util.Arrays;

/**
 * Open-addressing map from a long key (two token ids packed by {@link #pair}) to an int, for the
 * merge table and the trainer's pair counts; no boxing on the hot path. Keys must not be {@link
 * Long#MIN_VALUE}.
 */
final class LongIntMap {
  private static final long EMPTY = Long.MIN_VALUE;
  private long[] keys;
  private int[] values;
  private int size;

  LongIntMap(int expected) {
    int cap = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
    keys = new long[cap];
    values = new int[cap];
    Arrays.fill(keys, EMPTY);
  }

  static long pair(int left, int right) {
    return ((long) left << 32) | (right & 0xFFFFFFFFL);
  }

  static int left(long pair) {
    return (int) (pair >>> 32);
  }

  static int right(long pair) {
    return (int) pair;
  }

  private static int mix(long k) {
    long h = k * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32));
  }

  /** The value for {@code key}, or {@code missing}. */
  int get(long key, int missing) {
    int mask = keys.length - 1;
    for (int i = mix(key) & mask; ; i = (i + 1) & mask) {
      long k = keys[i];
      if (k == key) {
        return values[i];
      }
      if (k == EMPTY) {
        return missing;
      }
    }
  }

  void put(long key, int value) {
    int i = slot(key);
    if (keys[i] == EMPTY) {
      keys[i] = key;
      values[i] = value;
      if (++size * 2 > keys.length) {
        grow();
      }
      return;
    }
    values[i] = value;
  }

  /**
   * Adds {@code delta} to the value of {@code key} (absent counts as 0) and returns the new value.
   */
  int add(long key, int delta) {
    int i = slot(key);
    int value = keys[i] == EMPTY ? delta : Math.addExact(values[i], delta);
    put(key, value);
    return value;
  }

  /** The slot holding {@code key}, or the empty slot where it would go. */
  private int slot(long key) {
    int mask = keys.length - 1;
    int i = mix(key) & mask;
    while (keys[i] != EMPTY && keys[i] != key) {
      i = (i + 1) & mask;
    }
    return i;
  }

  int size() {
    return size;
  }

  private void grow() {
    long[] oldKeys = keys;
    int[] oldValues = values;
    keys = new long[oldKeys.length * 2];
    values = new int[oldKeys.length * 2];
    Arrays.fill(keys, EMPTY);
    size = 0;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] != EMPTY) {
        put(oldKeys[i], oldValues[i]);
      }
    }
  }
}
