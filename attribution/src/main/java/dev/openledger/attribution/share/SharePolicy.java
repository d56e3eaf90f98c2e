package dev.openledger.attribution.share;

import dev.openledger.core.codec.CanonicalWriter;

/**
 * The rules that turn row scores into shares of the gradient pool.
 *
 * @param scale units of a whole pool (shares are integers summing to it); 10⁹ = parts per billion
 * @param rowCap the most one row may get, as a fraction of the pool
 * @param contributorCap the most one contributor may get from the gradient track, as a fraction of
 *     the pool
 * @param clipQuantile positive scores above this quantile of the positive scores are clipped to it
 *     (1 = no clip)
 * @param outlierZ self-influence outlier threshold (modified z-score of log SI); flagged rows earn
 *     nothing
 * @param excludeOutliers whether flagged rows are excluded from the pool
 * @param copyFraction a row whose document has at least this fraction of its tokens inside spans
 *     first submitted by another owner is a copy and earns nothing (needs a span index)
 * @param topRows how many top-scoring rows the result lists
 */
public record SharePolicy(
    long scale,
    double rowCap,
    double contributorCap,
    double clipQuantile,
    double outlierZ,
    boolean excludeOutliers,
    double copyFraction,
    int topRows) {

  /**
   * Parts per billion, rows ≤ 5%, contributors ≤ 50%, clip at the 99th percentile, z > 3.5, copies
   * ≥ 50%, top 20.
   */
  public static final SharePolicy DEFAULT =
      new SharePolicy(1_000_000_000L, 0.05, 0.5, 0.99, 3.5, true, 0.5, 20);

  public SharePolicy {
    if (scale <= 0 || scale > (1L << 53)) {
      throw new IllegalArgumentException(
          "scale must be in (0, 2^53] (doubles place units exactly), got " + scale);
    }
    if (!(rowCap > 0 && rowCap <= 1) || !(contributorCap > 0 && contributorCap <= 1)) {
      throw new IllegalArgumentException(
          "caps must be in (0, 1], got " + rowCap + ", " + contributorCap);
    }
    if (!(clipQuantile > 0 && clipQuantile <= 1)) {
      throw new IllegalArgumentException("clipQuantile must be in (0, 1], got " + clipQuantile);
    }
    if (!(outlierZ > 0) || !(copyFraction > 0 && copyFraction <= 1) || topRows < 0) {
      throw new IllegalArgumentException(
          "outlierZ must be > 0, copyFraction in (0, 1], topRows >= 0");
    }
  }

  public SharePolicy withCaps(double rowCap, double contributorCap) {
    return new SharePolicy(
        scale,
        rowCap,
        contributorCap,
        clipQuantile,
        outlierZ,
        excludeOutliers,
        copyFraction,
        topRows);
  }

  public SharePolicy withClipQuantile(double q) {
    return new SharePolicy(
        scale, rowCap, contributorCap, q, outlierZ, excludeOutliers, copyFraction, topRows);
  }

  public SharePolicy withExcludeOutliers(boolean exclude) {
    return new SharePolicy(
        scale, rowCap, contributorCap, clipQuantile, outlierZ, exclude, copyFraction, topRows);
  }

  /** Appends the canonical encoding (doubles as IEEE-754 bits). */
  public void encode(CanonicalWriter w) {
    w.i64(scale)
        .i64(Double.doubleToLongBits(rowCap))
        .i64(Double.doubleToLongBits(contributorCap))
        .i64(Double.doubleToLongBits(clipQuantile))
        .i64(Double.doubleToLongBits(outlierZ))
        .bool(excludeOutliers)
        .i64(Double.doubleToLongBits(copyFraction))
        .varint(topRows);
  }
}
