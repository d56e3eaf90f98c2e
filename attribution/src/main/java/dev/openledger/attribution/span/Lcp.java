package dev.openledger.attribution.span;

/**
 * Longest-common-prefix arrays by Kasai et al. ("Linear-Time Longest-Common-Prefix Computation in
 * Suffix Arrays and Its Applications", CPM 2001), O(n). {@code lcp[r]} is the length of the common
 * prefix of the suffixes at ranks {@code r−1} and {@code r} ({@code lcp[0] = 0}). A separator
 * symbol never matches, not even itself, so common prefixes stop at document boundaries; Kasai's
 * bound {@code lcp(i+1) ≥ lcp(i) − 1} still holds because a prefix free of separators is a true
 * common prefix.
 */
public final class Lcp {
  /** Pass as {@code separator} when the text has none. */
  public static final int NO_SEPARATOR = Integer.MIN_VALUE;

  private Lcp() {}

  public static int[] kasai(int[] text, int[] sa, int separator) {
    int n = text.length;
    int[] rank = new int[n];
    for (int r = 0; r < n; r++) {
      rank[sa[r]] = r;
    }
    int[] lcp = new int[n];
    int h = 0;
    for (int i = 0; i < n; i++) {
      int r = rank[i];
      if (r == 0) {
        h = 0;
        continue;
      }
      int j = sa[r - 1];
      while (i + h < n && j + h < n && text[i + h] == text[j + h] && text[i + h] != separator) {
        h++;
      }
      lcp[r] = h;
      if (h > 0) {
        h--;
      }
    }
    return lcp;
  }

  /** Reference: compares neighbouring suffixes directly. For tests. */
  public static int[] naive(int[] text, int[] sa, int separator) {
    int[] lcp = new int[sa.length];
    for (int r = 1; r < sa.length; r++) {
      int a = sa[r - 1];
      int b = sa[r];
      int h = 0;
      while (a + h < text.length
          && b + h < text.length
          && text[a + h] == text[b + h]
          && text[a + h] != separator) {
        h++;
      }
      lcp[r] = h;
    }
    return lcp;
  }
}
