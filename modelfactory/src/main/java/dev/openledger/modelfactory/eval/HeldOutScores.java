package dev.openledger.modelfactory.eval;

/**
 * Held-out scores of base and adapter on the same tokens. Loss is the mean token cross-entropy
 * (nats) over every scored token; perplexity is {@code exp(loss)}.
 *
 * @param rows held-out rows
 * @param tokens scored tokens in them
 * @param baseLoss the base model's loss
 * @param adapterLoss the adapted model's loss
 * @param basePerplexity {@code exp(baseLoss)}
 * @param adapterPerplexity {@code exp(adapterLoss)}
 * @param perplexityReductionPercent {@code 100·(base − adapter)/base}; negative when the adapter is
 *     worse
 */
public record HeldOutScores(
    int rows,
    long tokens,
    double baseLoss,
    double adapterLoss,
    double basePerplexity,
    double adapterPerplexity,
    double perplexityReductionPercent) {

  public HeldOutScores {
    if (rows < 1 || tokens < 1) {
      throw new IllegalArgumentException("held-out scores need at least one row and one token");
    }
  }

  /** Scores from summed token losses. */
  public static HeldOutScores of(int rows, long tokens, double baseLossSum, double adapterLossSum) {
    double b = baseLossSum / tokens;
    double a = adapterLossSum / tokens;
    double pb = Math.exp(b);
    double pa = Math.exp(a);
    return new HeldOutScores(rows, tokens, b, a, pb, pa, 100 * (pb - pa) / pb);
  }

  /** These scores and {@code o}'s together (token-weighted). */
  public HeldOutScores plus(HeldOutScores o) {
    return of(
        rows + o.rows,
        tokens + o.tokens,
        baseLoss * tokens + o.baseLoss * o.tokens,
        adapterLoss * tokens + o.adapterLoss * o.tokens);
  }
}
