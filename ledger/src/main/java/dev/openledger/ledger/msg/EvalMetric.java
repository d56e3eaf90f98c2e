package dev.openledger.ledger.msg;

import dev.openledger.core.crypto.Hash;
import java.util.Objects;

/**
 * A model's held-out result on one datanet version, in integers (perplexity × 1000, rounded) so the
 * chain stores it exactly; the same fields as ModelFactory's {@code EvalMetric}.
 *
 * @param datanetId the datanet
 * @param version its version
 * @param tokens held-out tokens scored
 * @param basePerplexityMilli the base model's perplexity × 1000
 * @param adapterPerplexityMilli the adapted model's perplexity × 1000
 */
public record EvalMetric(
    Hash datanetId,
    int version,
    long tokens,
    long basePerplexityMilli,
    long adapterPerplexityMilli) {
  public EvalMetric {
    Objects.requireNonNull(datanetId, "datanetId");
    if (version < 1 || tokens < 1 || basePerplexityMilli < 1000 || adapterPerplexityMilli < 1000) {
      throw new IllegalArgumentException(
          "a metric needs version >= 1, tokens >= 1 and perplexities >= 1");
    }
  }
}
