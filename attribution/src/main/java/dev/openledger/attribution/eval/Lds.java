package dev.openledger.attribution.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The linear datamodeling score (Park et al., TRAK, ICML 2023, §2; dattri's {@code lds}): draw m
 * random subsets S_j of the players (rows, or contributors for the contributor-level score) of size
 * ⌊α·players⌉, measure the model output {@code f_j(q)} after retraining on each, predict {@code
 * g_j(q) = Σ_{p∈S_j} τ_q(p)}, and take Spearman's ρ over j per query; the LDS is the mean over
 * queries whose ρ is defined, with a normal 95% interval. Subsets come from a seeded generator, so
 * every method compared on the same seed sees the same subsets.
 */
public final class Lds {
  private Lds() {}

  /** Retrains on a subset and measures the output for every query. */
  @FunctionalInterface
  public interface Retrain {
    /**
     * @param included which players are in the subset
     * @return the measured output per query (e.g. minus the query loss), higher = better
     */
    double[] outputs(boolean[] included);
  }

  /**
   * @param mean LDS averaged over the queries with a defined correlation
   * @param ciLow lower end of the 95% interval
   * @param ciHigh upper end
   * @param perQuery ρ per query (NaN where undefined)
   */
  public record Result(double mean, double ciLow, double ciHigh, double[] perQuery) {}

  /**
   * The m subsets: each a mask with ⌊α·players⌉ players chosen uniformly (partial Fisher-Yates).
   */
  public static List<boolean[]> subsets(int players, int m, double alpha, long seed) {
    if (players < 2 || m < 3 || !(alpha > 0 && alpha < 1)) {
      throw new IllegalArgumentException("LDS needs >= 2 players, >= 3 subsets and 0 < alpha < 1");
    }
    SplittableRandom rnd = new SplittableRandom(seed);
    int size = Math.max(1, Math.min(players - 1, (int) Math.round(alpha * players)));
    List<boolean[]> out = new ArrayList<>();
    int[] idx = new int[players];
    for (int j = 0; j < m; j++) {
      for (int i = 0; i < players; i++) {
        idx[i] = i;
      }
      boolean[] mask = new boolean[players];
      for (int i = 0; i < size; i++) {
        int k = i + rnd.nextInt(players - i);
        int t = idx[i];
        idx[i] = idx[k];
        idx[k] = t;
        mask[idx[i]] = true;
      }
      out.add(mask);
    }
    return out;
  }

  /**
   * @param attributions τ per query and player: {@code attributions[q][p]}, in the orientation of
   *     the outputs (higher = the player raises the output)
   * @param subsets from {@link #subsets}
   * @param retrain measures the outputs for a subset
   */
  public static Result score(double[][] attributions, List<boolean[]> subsets, Retrain retrain) {
    int queries = attributions.length;
    int m = subsets.size();
    double[][] actual = new double[queries][m];
    double[][] predicted = new double[queries][m];
    for (int j = 0; j < m; j++) {
      boolean[] mask = subsets.get(j);
      double[] f = retrain.outputs(mask.clone());
      if (f.length != queries) {
        throw new IllegalArgumentException(
            "retrain returned " + f.length + " outputs for " + queries + " queries");
      }
      for (int q = 0; q < queries; q++) {
        actual[q][j] = f[q];
        double g = 0;
        for (int p = 0; p < mask.length; p++) {
          if (mask[p]) {
            g += attributions[q][p];
          }
        }
        predicted[q][j] = g;
      }
    }
    double[] rho = new double[queries];
    List<Double> defined = new ArrayList<>();
    for (int q = 0; q < queries; q++) {
      rho[q] = Metrics.spearman(actual[q], predicted[q]);
      if (!Double.isNaN(rho[q])) {
        defined.add(rho[q]);
      }
    }
    double[] d = defined.stream().mapToDouble(Double::doubleValue).toArray();
    if (d.length == 0) {
      return new Result(Double.NaN, Double.NaN, Double.NaN, rho);
    }
    double mean = Arrays.stream(d).average().orElseThrow();
    double var = 0;
    for (double x : d) {
      var += (x - mean) * (x - mean);
    }
    double half = d.length > 1 ? 1.96 * Math.sqrt(var / (d.length - 1) / d.length) : 0;
    return new Result(mean, mean - half, mean + half, rho);
  }
}
