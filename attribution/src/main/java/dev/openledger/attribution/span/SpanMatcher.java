package dev.openledger.attribution.span;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds the maximal verbatim spans of an output (OLMoTrace, Liu et al. 2025, §2): the longest match
 * starting at each position ({@link SpanIndex#longestMatch}, two binary searches per extended
 * token), then the spans not contained in an earlier one (match ends only grow with the start, so a
 * span is kept when its end passes every earlier end), then those at least {@code minLength} long
 * and occurring at most {@code maxOccurrences} times.
 *
 * <p>Weight (information content, damped by frequency): {@code w = −Σ_{t∈span} log₂ p(t) / log₂(1 +
 * occurrences)}, with the smoothed unigram probability {@code p(t) = (count(t) + 1) / (tokens +
 * vocabSize)}. Rare and long spans weigh more; a phrase found in many documents weighs less. Credit
 * goes to the earliest-submitted document containing the span (lowest document index), so later
 * copies earn nothing.
 */
public final class SpanMatcher {
  private SpanMatcher() {}

  /** Longest match length at every output position. */
  public static int[] matchLengths(SpanIndex index, int[] output) {
    int[] len = new int[output.length];
    for (int b = 0; b < output.length; b++) {
      len[b] = index.longestMatch(output, b).length();
    }
    return len;
  }

  public static SpanSearch search(SpanIndex index, int[] output, SpanConfig config) {
    List<Span> spans = new ArrayList<>();
    boolean[] covered = new boolean[output.length];
    int maxEnd = 0;
    for (int b = 0; b < output.length; b++) {
      SpanIndex.Match m = index.longestMatch(output, b);
      int end = b + m.length();
      if (m.length() == 0 || end <= maxEnd) {
        continue;
      }
      maxEnd = end;
      if (m.length() < config.minLength() || m.occurrences() > config.maxOccurrences()) {
        continue;
      }
      int first = Integer.MAX_VALUE;
      for (int r = m.lo(); r < m.hi(); r++) {
        first = Math.min(first, index.documentAt(index.suffix(r)));
      }
      DocInfo doc = index.document(first);
      double w = weight(index, output, b, end, m.occurrences());
      spans.add(
          new Span(b, end, m.occurrences(), w, first, doc.docId(), doc.owner(), doc.datanet()));
      for (int i = b; i < end; i++) {
        covered[i] = true;
      }
    }
    int count = 0;
    for (boolean c : covered) {
      if (c) {
        count++;
      }
    }
    return new SpanSearch(spans, count, output.length);
  }

  /** The rarity weight of {@code output[start..end)} occurring {@code occurrences} times. */
  public static double weight(SpanIndex index, int[] output, int start, int end, int occurrences) {
    double denom = index.tokenCount() + index.vocabSize();
    double bits = 0;
    for (int i = start; i < end; i++) {
      double p = (index.count(output[i]) + 1) / denom;
      bits -= StrictMath.log(p) / StrictMath.log(2);
    }
    return bits / (StrictMath.log(1 + occurrences) / StrictMath.log(2));
  }
}
