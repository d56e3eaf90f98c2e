package dev.openledger.attribution.span;

import dev.openledger.core.codec.CanonicalWriter;

/**
 * Which matches count as spans.
 *
 * @param minLength shortest span kept, in tokens (OLMoTrace keeps long, rare spans; short ones are
 *     chance)
 * @param maxOccurrences spans occurring more often than this are boilerplate and earn nothing
 */
public record SpanConfig(int minLength, int maxOccurrences) {
  public static final SpanConfig DEFAULT = new SpanConfig(8, 1000);

  public SpanConfig {
    if (minLength < 1 || maxOccurrences < 1) {
      throw new IllegalArgumentException("minLength and maxOccurrences must be >= 1");
    }
  }

  public void encode(CanonicalWriter w) {
    w.varint(minLength).varint(maxOccurrences);
  }
}
