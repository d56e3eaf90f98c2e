package dev.openledger.attribution.share;

import dev.openledger.core.crypto.Address;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.TreeMap;

/**
 * Splits the gradient pool among rows. The rule, in order:
 *
 * <ol>
 *   <li><b>Helpful only:</b> {@code w_i = max(s_i, 0)} for eligible rows, 0 otherwise.
 *   <li><b>Clip:</b> with τ the {@code clipQuantile} of the positive {@code w} (element {@code
 *       ⌈q·m⌉−1} of the m sorted values), {@code w_i = min(w_i, τ)}.
 *   <li><b>Row cap:</b> {@code f = waterfill(w, rowCap)}, fractions of the pool.
 *   <li><b>Contributor cap:</b> {@code F_c = Σ_{i∈c} f_i}; {@code G = waterfill(F,
 *       min(contributorCap, m_c·rowCap))} with m_c the contributor's rows with w > 0.
 *   <li><b>Integers:</b> contributors get {@code U = largestRemainder(G·P)} (limit {@code
 *       min(⌊contributorCap·P⌋, m_c·⌊rowCap·P⌋)}) plus an unallocated item for {@code P·(1−ΣG)};
 *       each contributor's U_c is water-filled over its rows by {@code f_i} under {@code
 *       ⌊rowCap·P⌋} (a contributor that received redistributed units passes them to its uncapped
 *       rows).
 * </ol>
 *
 * Additive per contributor (a Sybil split changes nothing unless the contributor cap binds; see
 * docs/attribution.md).
 */
public final class ShareAllocator {
  private ShareAllocator() {}

  /**
   * @param scores helpfulness per row
   * @param eligible rows that may earn
   * @param catalog owners of the rows
   * @param policy caps and clipping
   * @param pool units to split
   */
  public static GradientAllocation allocate(
      double[] scores, BitSet eligible, RowCatalog catalog, SharePolicy policy, long pool) {
    int n = scores.length;
    if (catalog.size() != n) {
      throw new IllegalArgumentException("catalog has " + catalog.size() + " rows, scores " + n);
    }
    double[] w = new double[n];
    for (int i = eligible.nextSetBit(0); i >= 0 && i < n; i = eligible.nextSetBit(i + 1)) {
      w[i] = Math.max(0, scores[i]);
    }
    clip(w, policy.clipQuantile());

    double[] rowCaps = new double[n];
    Arrays.fill(rowCaps, policy.rowCap());
    double[] f = Apportion.waterfill(w, rowCaps, 1.0).amounts();

    // Contributors in address order, each with its rows in index order.
    TreeMap<Address, List<Integer>> byContributor = new TreeMap<>();
    for (int i = 0; i < n; i++) {
      if (w[i] > 0) {
        byContributor.computeIfAbsent(catalog.get(i).contributor(), a -> new ArrayList<>()).add(i);
      }
    }
    long[] rowUnits = new long[n];
    if (byContributor.isEmpty() || pool == 0) {
      return new GradientAllocation(rowUnits, pool);
    }
    List<List<Integer>> groups = new ArrayList<>(byContributor.values());
    int k = groups.size();
    double[] fc = new double[k];
    double[] capC = new double[k];
    long[] limitC = new long[k + 1];
    long rowLimit = (long) Math.floor(policy.rowCap() * pool);
    for (int c = 0; c < k; c++) {
      for (int i : groups.get(c)) {
        fc[c] += f[i];
      }
      int m = groups.get(c).size();
      capC[c] = Math.min(policy.contributorCap(), m * policy.rowCap());
      limitC[c] =
          Math.min((long) Math.floor(policy.contributorCap() * pool), multiplyCapped(m, rowLimit));
    }
    double[] g = Apportion.waterfill(fc, capC, 1.0).amounts();
    double[] quotas = new double[k + 1];
    double placed = 0;
    for (int c = 0; c < k; c++) {
      quotas[c] = g[c];
      placed += g[c];
    }
    quotas[k] = Math.max(0, 1.0 - placed);
    limitC[k] = pool;
    long[] unitsC = Apportion.largestRemainder(quotas, pool, limitC);
    for (int c = 0; c < k; c++) {
      List<Integer> rows = groups.get(c);
      double[] q = new double[rows.size()];
      long[] limits = new long[rows.size()];
      for (int j = 0; j < q.length; j++) {
        q[j] = f[rows.get(j)];
        limits[j] = rowLimit;
      }
      long[] u = Apportion.largestRemainder(q, unitsC[c], limits);
      for (int j = 0; j < q.length; j++) {
        rowUnits[rows.get(j)] = u[j];
      }
    }
    return new GradientAllocation(rowUnits, unitsC[k]);
  }

  /** Clips positive weights at their {@code q}-quantile (no clipping when q = 1). */
  static void clip(double[] w, double q) {
    if (q >= 1) {
      return;
    }
    double[] pos = Arrays.stream(w).filter(x -> x > 0).sorted().toArray();
    if (pos.length == 0) {
      return;
    }
    int idx = Math.max(0, (int) Math.ceil(q * pos.length) - 1);
    double tau = pos[idx];
    for (int i = 0; i < w.length; i++) {
      w[i] = Math.min(w[i], tau);
    }
  }

  private static long multiplyCapped(long a, long b) {
    long r = a * b;
    return (a != 0 && (r / a != b || r < 0)) ? Long.MAX_VALUE / 4 : r;
  }
}
