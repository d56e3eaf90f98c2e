package dev.openledger.attribution;

import dev.openledger.attribution.score.ScoringMethod;
import dev.openledger.attribution.share.SharePolicy;
import dev.openledger.attribution.span.SpanConfig;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.crypto.Hash;
import java.util.Objects;

/**
 * How an attribution is computed; its hash is a recorded input.
 *
 * @param method the gradient-track scorer (DataInf by default)
 * @param policy the share rules
 * @param spans the span-track rules
 * @param crossCheck also compute a second scorer (TracIn when the query has every checkpoint, else
 *     grad-dot) and report its Spearman correlation with the first
 */
public record AttributionConfig(
    ScoringMethod method, SharePolicy policy, SpanConfig spans, boolean crossCheck) {
  public static final AttributionConfig DEFAULT =
      new AttributionConfig(ScoringMethod.DATAINF, SharePolicy.DEFAULT, SpanConfig.DEFAULT, false);

  public AttributionConfig {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(spans, "spans");
  }

  public AttributionConfig withPolicy(SharePolicy p) {
    return new AttributionConfig(method, p, spans, crossCheck);
  }

  public AttributionConfig withMethod(ScoringMethod m) {
    return new AttributionConfig(m, policy, spans, crossCheck);
  }

  public AttributionConfig withCrossCheck(boolean on) {
    return new AttributionConfig(method, policy, spans, on);
  }

  public AttributionConfig withSpans(SpanConfig s) {
    return new AttributionConfig(method, policy, s, crossCheck);
  }

  public Hash hash() {
    CanonicalWriter w = new CanonicalWriter().u8(method.ordinal());
    policy.encode(w);
    spans.encode(w);
    w.bool(crossCheck);
    return Hash.sha256(w.toByteArray());
  }
}
