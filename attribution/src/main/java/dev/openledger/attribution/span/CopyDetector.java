package dev.openledger.attribution.span;

/**
 * Finds, for each document, the tokens it shares with an <em>earlier</em> document of
 * <em>another</em> owner, in the manner of ExactSubstr (Lee et al., "Deduplicating Training Data
 * Makes Language Models Better", ACL 2022) but with submission priority. Suffixes whose first k
 * symbols agree form runs of the suffix array where {@code lcp ≥ k}; within a run, an occurrence in
 * document d with owner o is a copy when the run's first occurrence (lowest document index, i.e.
 * earliest submission) belongs to an owner other than o; an owner repeating its own earlier text is
 * not copying. Each copied occurrence marks its k tokens. One pass over the LCP array: O(N).
 */
final class CopyDetector {
  private CopyDetector() {}

  /**
   * @param text encoded text (separator 0)
   * @param sa its suffix array
   * @param lcp its LCP array with separators never matching
   * @param docStarts document starts, in document (= submission) order
   * @param owners a small integer per document naming its owner
   * @param k window length
   * @return copied tokens per document
   */
  static int[] copiedTokens(int[] text, int[] sa, int[] lcp, int[] docStarts, int[] owners, int k) {
    int n = text.length;
    int[] diff = new int[n + 1];
    int r = 0;
    while (r < n) {
      int end = r + 1;
      while (end < n && lcp[end] >= k) {
        end++;
      }
      if (end - r >= 2) {
        markRun(sa, r, end, docStarts, owners, k, diff);
      }
      r = end;
    }
    int[] copied = new int[docStarts.length];
    int covered = 0;
    for (int p = 0; p < n; p++) {
      covered += diff[p];
      if (covered > 0 && text[p] != SpanIndex.SEPARATOR) {
        copied[docOf(docStarts, p)]++;
      }
    }
    return copied;
  }

  private static void markRun(
      int[] sa, int from, int to, int[] docStarts, int[] owners, int k, int[] diff) {
    // The run's first submitter: the lowest document index (documents are laid out in submission
    // order).
    int first = Integer.MAX_VALUE;
    for (int r = from; r < to; r++) {
      first = Math.min(first, docOf(docStarts, sa[r]));
    }
    for (int r = from; r < to; r++) {
      if (owners[docOf(docStarts, sa[r])] != owners[first]) {
        diff[sa[r]]++;
        diff[sa[r] + k]--;
      }
    }
  }

  private static int docOf(int[] docStarts, int pos) {
    int i = java.util.Arrays.binarySearch(docStarts, pos);
    return i >= 0 ? i : -i - 2;
  }
}
