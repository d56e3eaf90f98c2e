package dev.openledger.attribution.score;

import java.util.Arrays;
import java.util.BitSet;

/**
 * Flags rows whose self-influence is an outlier: the modified z-score of Iglewicz and Hoaglin on
 * {@code log(SI)}, {@code z_i = 0.6745·(x_i − median)/MAD}, flagged when {@code z_i > threshold}
 * (3.5 is their recommended cut). Only unusually <em>high</em> self-influence is flagged:
 * mislabelled, spam and adversarial rows have large gradients (Pruthi et al. 2020, §5; dattri's
 * mislabel benchmarks). When MAD is 0 (at least half the rows share one value), rows strictly above
 * the median are flagged.
 */
public final class OutlierFlags {
  private OutlierFlags() {}

  /** The modified z-scores of {@code log(si)} (rows with SI ≤ 0 score −∞). */
  public static double[] zScores(double[] si) {
    double[] x = new double[si.length];
    for (int i = 0; i < si.length; i++) {
      x[i] = si[i] > 0 ? StrictMath.log(si[i]) : Double.NEGATIVE_INFINITY;
    }
    double median = median(x);
    double[] dev = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      dev[i] = Math.abs(x[i] - median);
    }
    double mad = median(dev);
    double[] z = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      if (mad == 0 || Double.isNaN(mad) || Double.isInfinite(mad)) {
        z[i] = x[i] > median ? Double.POSITIVE_INFINITY : 0;
      } else {
        z[i] = 0.6745 * (x[i] - median) / mad;
      }
    }
    return z;
  }

  /** The rows whose z-score exceeds {@code threshold}. */
  public static BitSet flag(double[] si, double threshold) {
    double[] z = zScores(si);
    BitSet flagged = new BitSet(si.length);
    for (int i = 0; i < z.length; i++) {
      if (z[i] > threshold) {
        flagged.set(i);
      }
    }
    return flagged;
  }

  /** The lower median (element ⌊(n−1)/2⌋ of the sorted values); 0 for no values. */
  static double median(double[] values) {
    if (values.length == 0) {
      return 0;
    }
    double[] s = values.clone();
    Arrays.sort(s);
    return s[(s.length - 1) / 2];
  }
}
