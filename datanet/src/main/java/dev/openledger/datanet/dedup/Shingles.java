package dev.openledger.datanet.dedup;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Word k-gram shingles of a normalised row, each as a 64-bit hash, sorted and distinct. A row with
 * fewer than k words has one shingle: all its words. Jaccard similarity of two rows is computed on
 * these sets (64-bit hashes: a false merge of two different shingles needs a 2^-64 collision).
 */
public final class Shingles {
  private Shingles() {}

  public static long[] of(List<String> words, int k) {
    if (words.isEmpty()) {
      return new long[0];
    }
    long[] wordHashes = new long[words.size()];
    for (int i = 0; i < wordHashes.length; i++) {
      wordHashes[i] = fnv1a(words.get(i));
    }
    int count = Math.max(1, words.size() - k + 1);
    int width = Math.min(k, words.size());
    long[] out = new long[count];
    for (int s = 0; s < count; s++) {
      long h = 0x243F6A8885A308D3L;
      for (int j = 0; j < width; j++) {
        h = Mix.mix64(h * 0x9E3779B97F4A7C15L + wordHashes[s + j]);
      }
      out[s] = h;
    }
    Arrays.sort(out);
    return distinct(out);
  }

  /** |A ∩ B| / |A ∪ B| of two sorted distinct arrays; 1.0 for two empty sets. */
  public static double jaccard(long[] a, long[] b) {
    if (a.length == 0 && b.length == 0) {
      return 1.0;
    }
    int i = 0;
    int j = 0;
    int inter = 0;
    while (i < a.length && j < b.length) {
      if (a[i] == b[j]) {
        inter++;
        i++;
        j++;
      } else if (a[i] < b[j]) {
        i++;
      } else {
        j++;
      }
    }
    return inter / (double) (a.length + b.length - inter);
  }

  private static long[] distinct(long[] sorted) {
    int n = 0;
    for (int i = 0; i < sorted.length; i++) {
      if (i == 0 || sorted[i] != sorted[i - 1]) {
        sorted[n++] = sorted[i];
      }
    }
    return n == sorted.length ? sorted : Arrays.copyOf(sorted, n);
  }

  /** 64-bit FNV-1a over the UTF-8 bytes of a word. */
  static long fnv1a(String word) {
    long h = 0xcbf29ce484222325L;
    for (byte b : word.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    return h;
  }
}
