package dev.openledger.attribution.span;

import java.util.Arrays;

/**
 * Suffix array construction by induced sorting, SA-IS (Nong, Zhang and Chan, "Two Efficient
 * Algorithms for Linear Time Suffix Array Construction", IEEE Trans. Computers 2011): O(n) time,
 * for integer alphabets. A suffix that is a proper prefix of another sorts first.
 */
public final class SuffixArrays {
  private SuffixArrays() {}

  /**
   * The suffix array of {@code text}, whose values lie in {@code [0, alphabetSize)}.
   *
   * @return {@code sa} with {@code text[sa[0]..] < text[sa[1]..] < ...}
   */
  public static int[] build(int[] text, int alphabetSize) {
    int n = text.length;
    if (n == 0) {
      return new int[0];
    }
    if (n == Integer.MAX_VALUE) {
      throw new IllegalArgumentException("text too long for an int suffix array");
    }
    // Append a unique smallest sentinel: shift every symbol up by one and end with 0.
    int[] s = new int[n + 1];
    for (int i = 0; i < n; i++) {
      int c = text[i];
      if (c < 0 || c >= alphabetSize) {
        throw new IllegalArgumentException(
            "symbol " + c + " at " + i + " is outside [0, " + alphabetSize + ")");
      }
      s[i] = c + 1;
    }
    int[] sa = sais(s, alphabetSize + 1);
    return Arrays.copyOfRange(sa, 1, n + 1); // sa[0] is the sentinel
  }

  /** SA-IS proper: {@code s} ends with a unique 0, values in {@code [0, k)}. */
  static int[] sais(int[] s, int k) {
    int n = s.length;
    int[] sa = new int[n];
    if (n == 1) {
      return sa;
    }
    // t[i]: suffix i is S-type (smaller than suffix i+1).
    boolean[] t = new boolean[n];
    t[n - 1] = true;
    for (int i = n - 2; i >= 0; i--) {
      t[i] = s[i] < s[i + 1] || (s[i] == s[i + 1] && t[i + 1]);
    }
    int[] bkt = new int[k];

    // Stage 1: sort the LMS substrings by one round of induced sorting.
    bucketEnds(s, bkt);
    Arrays.fill(sa, -1);
    for (int i = 1; i < n; i++) {
      if (isLms(t, i)) {
        sa[--bkt[s[i]]] = i;
      }
    }
    induceL(s, t, sa, bkt);
    induceS(s, t, sa, bkt);

    // Compact the sorted LMS positions into sa[0..n1).
    int n1 = 0;
    for (int i = 0; i < n; i++) {
      if (isLms(t, sa[i])) {
        sa[n1++] = sa[i];
      }
    }
    // Name the LMS substrings: equal substrings share a name, names follow sorted order.
    Arrays.fill(sa, n1, n, -1);
    int name = 0;
    int prev = -1;
    for (int i = 0; i < n1; i++) {
      int pos = sa[i];
      boolean diff = false;
      for (int d = 0; d < n; d++) {
        if (prev == -1 || s[pos + d] != s[prev + d] || t[pos + d] != t[prev + d]) {
          diff = true;
          break;
        } else if (d > 0 && (isLms(t, pos + d) || isLms(t, prev + d))) {
          break;
        }
      }
      if (diff) {
        name++;
        prev = pos;
      }
      sa[n1 + pos / 2] = name - 1; // LMS positions are at least 2 apart, so pos/2 is unique
    }
    for (int i = n - 1, j = n - 1; i >= n1; i--) {
      if (sa[i] >= 0) {
        sa[j--] = sa[i];
      }
    }

    // Stage 2: sort the reduced string (recursively unless all names are distinct).
    int[] s1 = Arrays.copyOfRange(sa, n - n1, n);
    int[] sa1;
    if (name < n1) {
      sa1 = sais(s1, name);
    } else {
      sa1 = new int[n1];
      for (int i = 0; i < n1; i++) {
        sa1[s1[i]] = i;
      }
    }

    // Stage 3: place the LMS suffixes in sorted order, then induce the rest.
    for (int i = 1, j = 0; i < n; i++) {
      if (isLms(t, i)) {
        s1[j++] = i;
      }
    }
    bucketEnds(s, bkt);
    Arrays.fill(sa, -1);
    for (int i = n1 - 1; i >= 0; i--) {
      int j = s1[sa1[i]];
      sa[--bkt[s[j]]] = j;
    }
    induceL(s, t, sa, bkt);
    induceS(s, t, sa, bkt);
    return sa;
  }

  private static boolean isLms(boolean[] t, int i) {
    return i > 0 && t[i] && !t[i - 1];
  }

  private static void bucketEnds(int[] s, int[] bkt) {
    Arrays.fill(bkt, 0);
    for (int c : s) {
      bkt[c]++;
    }
    int sum = 0;
    for (int c = 0; c < bkt.length; c++) {
      sum += bkt[c];
      bkt[c] = sum;
    }
  }

  private static void bucketStarts(int[] s, int[] bkt) {
    Arrays.fill(bkt, 0);
    for (int c : s) {
      bkt[c]++;
    }
    int sum = 0;
    for (int c = 0; c < bkt.length; c++) {
      int count = bkt[c];
      bkt[c] = sum;
      sum += count;
    }
  }

  private static void induceL(int[] s, boolean[] t, int[] sa, int[] bkt) {
    bucketStarts(s, bkt);
    for (int i = 0; i < sa.length; i++) {
      int j = sa[i] - 1;
      if (j >= 0 && !t[j]) {
        sa[bkt[s[j]]++] = j;
      }
    }
  }

  private static void induceS(int[] s, boolean[] t, int[] sa, int[] bkt) {
    bucketEnds(s, bkt);
    for (int i = sa.length - 1; i >= 0; i--) {
      int j = sa[i] - 1;
      if (j >= 0 && t[j]) {
        sa[--bkt[s[j]]] = j;
      }
    }
  }

  /** Reference: sorts the suffixes by direct comparison, O(n² log n) worst case. For tests. */
  public static int[] naive(int[] text) {
    Integer[] idx = new Integer[text.length];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = i;
    }
    Arrays.sort(idx, (a, b) -> compareSuffixes(text, a, b));
    return Arrays.stream(idx).mapToInt(Integer::intValue).toArray();
  }

  private static int compareSuffixes(int[] text, int a, int b) {
    int n = text.length;
    while (a < n && b < n) {
      if (text[a] != text[b]) {
        return Integer.compare(text[a], text[b]);
      }
      a++;
      b++;
    }
    return Integer.compare(n - a, n - b); // the shorter (exhausted) suffix is smaller
  }
}
