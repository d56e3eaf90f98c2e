package dev.openledger.attribution.share;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Exact integer splitting. {@link #largestRemainder} is Hamilton's method with per-item limits;
 * {@link #waterfill} is proportional allocation under per-item caps. Both iterate in index order and break
 * ties by index, so they are deterministic.
 */
public final class Apportion {
  private Apportion() {}

  /** Result of {@link #waterfill}: the fractions and what could not be placed under the caps. */
  public record Fill(double[] amounts, double leftover) {}

  /**
   * Splits {@code total} proportionally to {@code weights} with {@code amount_i ≤ caps[i]}: items whose
   * proportional amount exceeds their cap are fixed at the cap and the rest is re-split among the others,
   * until none exceeds. Zero-weight items get 0. When every positive item is capped, the remainder is
   * {@code leftover}.
   */
  public static Fill waterfill(double[] weights, double[] caps, double total) {
    int n = weights.length;
    double[] x = new double[n];
    boolean[] active = new boolean[n];
    for (int i = 0; i < n; i++) {
      active[i] = weights[i] > 0;
    }
    double remaining = total;
    while (remaining > 0) {
      double w = 0;
      for (int i = 0; i < n; i++) {
        if (active[i]) {
          w += weights[i];
        }
      }
      if (w == 0) {
        break;
      }
      boolean capped = false;
      for (int i = 0; i < n; i++) {
        if (active[i] && remaining * weights[i] / w > caps[i]) {
          capped = true;
        }
      }
      if (!capped) {
        for (int i = 0; i < n; i++) {
          if (active[i]) {
            x[i] = remaining * weights[i] / w;
          }
        }
        remaining = 0;
        break;
      }
      double fixed = 0;
      for (int i = 0; i < n; i++) {
        if (active[i] && remaining * weights[i] / w > caps[i]) {
          x[i] = caps[i];
          fixed += caps[i];
          active[i] = false;
        }
      }
      remaining -= fixed;
    }
    return new Fill(x, Math.max(0, remaining));
  }

  /**
   * Splits {@code total} units by the real quotas {@code q} (any scale; normalised here) with
   * {@code units[i] ≤ limits[i]}: each item gets {@code min(⌊q̂_i⌋, limit_i)}, then the units left go one by one
   * to the largest remainders (ties: lower index), skipping items at their limit, cycling if needed.
   *
   * @throws IllegalArgumentException when the limits cannot hold {@code total} or no quota is positive
   */
  public static long[] largestRemainder(double[] q, long total, long[] limits) {
    int n = q.length;
    double sum = 0;
    long capacity = 0;
    for (int i = 0; i < n; i++) {
      if (!(q[i] >= 0) || Double.isInfinite(q[i])) {
        throw new IllegalArgumentException("quota " + i + " is " + q[i]);
      }
      sum += q[i];
      capacity = Math.min(Long.MAX_VALUE / 2, capacity + limits[i]);
    }
    long[] units = new long[n];
    if (total == 0) {
      return units;
    }
    if (sum == 0 || capacity < total) {
      throw new IllegalArgumentException("cannot place " + total + " units (quota sum " + sum + ", capacity " + capacity + ")");
    }
    double[] remainder = new double[n];
    long given = 0;
    for (int i = 0; i < n; i++) {
      double exact = q[i] / sum * total;
      long floor = (long) Math.floor(exact);
      units[i] = Math.min(floor, limits[i]);
      remainder[i] = exact - units[i];
      given += units[i];
    }
    long left = total - given;
    if (left > 0) {
      Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
      Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> -remainder[i]).thenComparingInt(i -> i));
      while (left > 0) {
        for (int k = 0; k < n && left > 0; k++) {
          int i = order[k];
          if (units[i] < limits[i] && q[i] > 0) {
            units[i]++;
            left--;
          }
        }
      }
    } else if (left < 0) {
      // Rounding can only overshoot by a few units; take them from the smallest remainders.
      Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
      Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> remainder[i]).thenComparingInt(i -> -i));
      while (left < 0) {
        for (int k = 0; k < n && left < 0; k++) {
          int i = order[k];
          if (units[i] > 0) {
            units[i]--;
            left++;
          }
        }
      }
    }
    return units;
  }
}
