package dev.openledger.ml.tokenizer;

import java.util.Arrays;

/**
 * A binary min-heap of longs (rank in the high half, position in the low half: lowest rank, then
 * leftmost).
 */
final class LongHeap {
  private long[] a;
  private int size;

  LongHeap(int capacity) {
    a = new long[Math.max(4, capacity)];
  }

  boolean isEmpty() {
    return size == 0;
  }

  void push(long v) {
    if (size == a.length) {
      a = Arrays.copyOf(a, size * 2);
    }
    int i = size++;
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (a[parent] <= v) {
        break;
      }
      a[i] = a[parent];
      i = parent;
    }
    a[i] = v;
  }

  long pop() {
    long top = a[0];
    long last = a[--size];
    int i = 0;
    while (true) {
      int c = 2 * i + 1;
      if (c >= size) {
        break;
      }
      if (c + 1 < size && a[c + 1] < a[c]) {
        c++;
      }
      if (a[c] >= last) {
        break;
      }
      a[i] = a[c];
      i = c;
    }
    a[i] = last;
    return top;
  }
}
