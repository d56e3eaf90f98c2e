package dev.openledger.attribution.eval;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/** ROC AUC, Spearman and Pearson correlation. */
public final class Metrics {
  private Metrics() {}

  /**
   * Area under the ROC curve of {@code scores} for the positives {@code labels[i] == true}: the
   * probability that a random positive outscores a random negative, ties counting one half
   * (Mann-Whitney U / (P·N)).
   *
   * @throws IllegalArgumentException when there is no positive or no negative
   */
  public static double auc(double[] scores, boolean[] labels) {
    double[] ranks = ranks(scores);
    long pos = 0;
    double rankSum = 0;
    for (int i = 0; i < scores.length; i++) {
      if (labels[i]) {
        pos++;
        rankSum += ranks[i];
      }
    }
    long neg = scores.length - pos;
    if (pos == 0 || neg == 0) {
      throw new IllegalArgumentException(
          "AUC needs positives and negatives, got " + pos + " and " + neg);
    }
    return (rankSum - pos * (pos + 1) / 2.0) / ((double) pos * neg);
  }

  /** Spearman's ρ: Pearson correlation of average ranks. NaN when either side is constant. */
  public static double spearman(double[] a, double[] b) {
    return pearson(ranks(a), ranks(b));
  }

  /** Pearson's r. NaN when either side is constant. */
  public static double pearson(double[] a, double[] b) {
    if (a.length != b.length || a.length < 2) {
      throw new IllegalArgumentException(
          "correlation needs two equal-length series of at least 2 values");
    }
    double ma = Arrays.stream(a).average().orElse(0);
    double mb = Arrays.stream(b).average().orElse(0);
    double sab = 0;
    double saa = 0;
    double sbb = 0;
    for (int i = 0; i < a.length; i++) {
      sab += (a[i] - ma) * (b[i] - mb);
      saa += (a[i] - ma) * (a[i] - ma);
      sbb += (b[i] - mb) * (b[i] - mb);
    }
    return (saa == 0 || sbb == 0) ? Double.NaN : sab / Math.sqrt(saa * sbb);
  }

  /** 1-based average ranks (ties share the mean of their positions). */
  public static double[] ranks(double[] x) {
    Integer[] idx = IntStream.range(0, x.length).boxed().toArray(Integer[]::new);
    Arrays.sort(idx, Comparator.comparingDouble(i -> x[i]));
    double[] r = new double[x.length];
    int i = 0;
    while (i < idx.length) {
      int j = i;
      while (j + 1 < idx.length && x[idx[j + 1]] == x[idx[i]]) {
        j++;
      }
      double avg = (i + j) / 2.0 + 1;
      for (int k = i; k <= j; k++) {
        r[idx[k]] = avg;
      }
      i = j + 1;
    }
    return r;
  }
}
