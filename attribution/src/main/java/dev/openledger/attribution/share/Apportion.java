package dev.openledger.attribution.share;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Exact integer splitting. {@link #largestRemainder} is Hamilton's method with per-item limits;
 * {@link #waterfill} is proportional allocation under per-item caps. Both iterate in index order
 * and break ties by index, so they are deterministic.
 */
public final class Apportion {
  private Apportion() {}

  /** Result of {@link #waterfill}: the fractions and what could not be placed under the caps. */
  public record Fill(double[] amounts, double leftover) {}

  /**
   * Splits {@code total} proportionally to {@code weights} with {@code amount_i ≤ caps[i]}: items
   * whose proportional amount exceeds their cap are fixed at the cap and the rest is re-split among
   * the others, until none exceeds. Zero-weight items get 0. When every positive item is capped,
   * the remainder is {@code leftover}.
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
   * Splits {@code total} units by the real quotas {@code q} (any scale) with {@code units[i] ≤
   * limits[i]}: first a real-valued {@link #waterfill} of {@code total} by {@code q} under the
   * limits (zero-quota items share, equally and under their limits, only what the positive quotas
   * cannot hold); then each item gets {@code ⌊x_i⌋} and the few units left go one by one to the
   * largest remainders (ties: lower index), skipping items at their limit. Exact for totals up to
   * 2⁵³.
   *
   * @throws IllegalArgumentException when the limits cannot hold {@code total} or no quota is
   *     positive
   */
  public static long[] largestRemainder(double[] q, long total, long[] limits) {
    int n = q.length;
    double sum = 0;
    long capacity = 0;
    for (int i = 0; i < n; i++) {
      if (!(q[i] >= 0) || Double.isInfinite(q[i]) || limits[i] < 0) {
        throw new IllegalArgumentException(
            "quota " + i + " is " + q[i] + " with limit " + limits[i]);
      }
      sum += q[i];
      capacity = Math.min(Long.MAX_VALUE / 2, capacity + limits[i]);
    }
    long[] units = new long[n];
    if (total == 0) {
      return units;
    }
    if (sum == 0 || capacity < total) {
      throw new IllegalArgumentException(
          "cannot place " + total + " units (quota sum " + sum + ", capacity " + capacity + ")");
    }
    double[] caps = new double[n];
    double[] ones = new double[n];
    for (int i = 0; i < n; i++) {
      caps[i] = limits[i];
      ones[i] = q[i] == 0 ? 1 : 0;
    }
    Fill main = waterfill(q, caps, total);
    double[] x = main.amounts();
    if (main.leftover() > 0) {
      double[] rest = waterfill(ones, caps, main.leftover()).amounts();
      for (int i = 0; i < n; i++) {
        x[i] += rest[i];
      }
    }
    double[] remainder = new double[n];
    long given = 0;
    for (int i = 0; i < n; i++) {
      units[i] = Math.min((long) Math.floor(x[i]), limits[i]);
      remainder[i] = x[i] - units[i];
      given += units[i];
    }
    long left = total - given;
    Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
    if (left > 0) {
      Arrays.sort(
          order, Comparator.<Integer>comparingDouble(i -> -remainder[i]).thenComparingInt(i -> i));
      // At most a few units per item remain after the water-fill; cycle until placed.
      while (left > 0) {
        long before = left;
        for (int k = 0; k < n && left > 0; k++) {
          int i = order[k];
          if (units[i] < limits[i]) {
            units[i]++;
            left--;
          }
        }
        if (left == before) {
          throw new IllegalStateException("no item below its limit, " + left + " units left");
        }
      }
    } else if (left < 0) {
      // Rounding can only overshoot by a few units; take them from the smallest remainders.
      Arrays.sort(
          order, Comparator.<Integer>comparingDouble(i -> remainder[i]).thenComparingInt(i -> -i));
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
