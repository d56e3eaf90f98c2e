package dev.openledger.openlora.bench;

import java.util.Arrays;

/** Nearest-rank percentiles of a sample. */
final class Percentiles {
  private Percentiles() {}

  static double of(double[] xs, double p) {
    if (xs.length == 0) {
      return Double.NaN;
    }
    double[] s = xs.clone();
    Arrays.sort(s);
    int rank = (int) Math.ceil(p / 100.0 * s.length);
    return s[Math.max(0, Math.min(s.length - 1, rank - 1))];
  }
}
