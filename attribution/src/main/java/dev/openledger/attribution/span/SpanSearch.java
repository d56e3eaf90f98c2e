package dev.openledger.attribution.span;

import java.util.List;

/**
 * The spans found in one output.
 *
 * @param spans kept spans, by start position
 * @param coveredTokens output positions inside at least one kept span
 * @param outputLength tokens in the output
 */
public record SpanSearch(List<Span> spans, int coveredTokens, int outputLength) {
  public SpanSearch {
    spans = List.copyOf(spans);
  }

  /** Covered fraction of the output (0 for an empty output). */
  public double coverage() {
    return outputLength == 0 ? 0 : (double) coveredTokens / outputLength;
  }
}
