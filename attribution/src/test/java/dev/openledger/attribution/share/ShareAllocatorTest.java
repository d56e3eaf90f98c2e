package dev.openledger.attribution.share;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openledger.attribution.Synthetic;
import dev.openledger.core.crypto.Address;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class ShareAllocatorTest {

  static RowCatalog catalog(int n, int contributors) {
    List<RowInfo> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      rows.add(
          new RowInfo(
              Synthetic.hash("r" + i),
              Synthetic.hash("c" + i),
              Synthetic.account("a" + (i % contributors)),
              Synthetic.DATANET_A,
              i));
    }
    return new RowCatalog(rows);
  }

  static BitSet all(int n) {
    BitSet b = new BitSet();
    b.set(0, n);
    return b;
  }

  @Property(tries = 300)
  void sharesSumExactlyAndCapsHold(
      @ForAll @IntRange(min = 1, max = 120) int n,
      @ForAll @IntRange(min = 1, max = 9) int contributors,
      @ForAll @DoubleRange(min = 0.01, max = 1) double rowCap,
      @ForAll @DoubleRange(min = 0.05, max = 1) double contributorCap,
      @ForAll @LongRange(min = 0, max = 1_000_000_000_000L) long pool,
      @ForAll @LongRange(min = 0, max = 1_000_000) long seed) {
    Random rnd = new Random(seed);
    double[] scores = new double[n];
    for (int i = 0; i < n; i++) {
      scores[i] = rnd.nextInt(4) == 0 ? -rnd.nextDouble() : Math.exp(3 * rnd.nextGaussian());
    }
    RowCatalog cat = catalog(n, contributors);
    SharePolicy policy = SharePolicy.DEFAULT.withCaps(rowCap, contributorCap).withClipQuantile(0.9);
    GradientAllocation a = ShareAllocator.allocate(scores, all(n), cat, policy, pool);
    long sum = a.unallocated();
    Map<Address, Long> perContributor = new HashMap<>();
    for (int i = 0; i < n; i++) {
      long u = a.units(i);
      assertThat(u).isGreaterThanOrEqualTo(0).isLessThanOrEqualTo((long) Math.floor(rowCap * pool));
      if (scores[i] <= 0) {
        assertThat(u).isZero();
      }
      sum += u;
      perContributor.merge(cat.get(i).contributor(), u, Long::sum);
    }
    assertThat(sum).isEqualTo(pool);
    perContributor
        .values()
        .forEach(u -> assertThat(u).isLessThanOrEqualTo((long) Math.floor(contributorCap * pool)));
    // Deterministic: the same inputs, the same integers.
    assertThat(ShareAllocator.allocate(scores, all(n), cat, policy, pool).rowUnits())
        .containsExactly(a.rowUnits());
  }

  @Test
  void proportionalWhenNoCapBindsAndTiesGoToTheLowerIndex() {
    double[] scores = {3, 1, 1, 1, 0, -5};
    SharePolicy open = new SharePolicy(1_000_000_000L, 1, 1, 1, 3.5, true, 0.5, 5);
    // One contributor, so the tie among rows 1-3 is broken by row index (between contributors: by
    // address).
    GradientAllocation a =
        ShareAllocator.allocate(scores, all(6), catalog(6, 1), open, 1_000_000_000L);
    assertThat(a.rowUnits())
        .containsExactly(500_000_000L, 166_666_667L, 166_666_667L, 166_666_666L, 0, 0);
    assertThat(a.unallocated()).isZero();
  }

  @Test
  void ineligibleRowsEarnNothing() {
    double[] scores = {1, 1, 1, 1};
    BitSet eligible = all(4);
    eligible.clear(2);
    SharePolicy open = new SharePolicy(1000, 1, 1, 1, 3.5, true, 0.5, 5);
    assertThat(ShareAllocator.allocate(scores, eligible, catalog(4, 4), open, 999).rowUnits())
        .containsExactly(333, 333, 0, 333);
  }

  @Test
  void clipsOutliersAtTheQuantile() {
    double[] scores = new double[100];
    java.util.Arrays.fill(scores, 1.0);
    scores[7] = 1000.0; // an outlier
    SharePolicy p = new SharePolicy(1_000_000L, 1, 1, 0.99, 3.5, true, 0.5, 5);
    GradientAllocation a =
        ShareAllocator.allocate(scores, all(100), catalog(100, 100), p, 1_000_000L);
    assertThat(a.units(7)).isEqualTo(a.units(8)); // clipped to the 99th percentile, i.e. 1.0
  }

  /**
   * Regression: a contributor quota just above its floored limit (here 0.5·999 = 499.5 against a
   * limit of 499) leaves a unit that only the zero-quota unallocated item can take; this used to
   * loop forever.
   */
  @Test
  void unitsLeftByFlooredLimitsGoToTheUnallocatedItem() {
    double[] scores = {1, 1};
    SharePolicy p = new SharePolicy(999, 1, 0.5, 1, 3.5, true, 0.5, 5);
    GradientAllocation a = ShareAllocator.allocate(scores, all(2), catalog(2, 2), p, 999);
    assertThat(a.rowUnits()).containsExactly(499, 499);
    assertThat(a.unallocated()).isEqualTo(1);
  }

  @Test
  void infeasibleCapsLeaveTheRemainderUnallocated() {
    double[] scores = {5, 1};
    SharePolicy p = new SharePolicy(1000, 0.1, 1, 1, 3.5, true, 0.5, 5);
    GradientAllocation a = ShareAllocator.allocate(scores, all(2), catalog(2, 2), p, 1000);
    assertThat(a.rowUnits()).containsExactly(100, 100);
    assertThat(a.unallocated()).isEqualTo(800);
  }

  @Test
  void nothingHelpfulMeansAllUnallocated() {
    GradientAllocation a =
        ShareAllocator.allocate(
            new double[] {-1, 0}, all(2), catalog(2, 1), SharePolicy.DEFAULT, 77);
    assertThat(a.rowUnits()).containsExactly(0, 0);
    assertThat(a.unallocated()).isEqualTo(77);
  }

  @Test
  void contributorCapRedistributesToOthersWithinRowCaps() {
    // a0 owns rows 0,2,4 (strong), a1 rows 1,3,5 (weak); a cap of 60% binds a0.
    double[] scores = {10, 1, 10, 1, 10, 1};
    SharePolicy p = new SharePolicy(1_000_000L, 1, 0.6, 1, 3.5, true, 0.5, 5);
    GradientAllocation a = ShareAllocator.allocate(scores, all(6), catalog(6, 2), p, 1_000_000L);
    long a0 = a.units(0) + a.units(2) + a.units(4);
    long a1 = a.units(1) + a.units(3) + a.units(5);
    assertThat(a0).isEqualTo(600_000L);
    assertThat(a1).isEqualTo(400_000L);
  }

  @Property(tries = 200)
  void largestRemainderRespectsLimitsAndTotal(
      @ForAll @IntRange(min = 1, max = 30) int n,
      @ForAll @LongRange(min = 0, max = 1_000_000) long total,
      @ForAll @LongRange(min = 0, max = 1_000_000) long seed) {
    Random rnd = new Random(seed);
    double[] q = new double[n];
    long[] limits = new long[n];
    long capacity = 0;
    for (int i = 0; i < n; i++) {
      q[i] =
          i > 0 && rnd.nextInt(3) == 0 ? 0 : rnd.nextDouble() + 0.01; // zero quotas too, never all
      limits[i] = total / n + 1 + rnd.nextInt(10);
      capacity += limits[i];
    }
    long[] u = Apportion.largestRemainder(q, Math.min(total, capacity), limits);
    assertThat(java.util.Arrays.stream(u).sum()).isEqualTo(Math.min(total, capacity));
    for (int i = 0; i < n; i++) {
      assertThat(u[i]).isBetween(0L, limits[i]);
    }
  }
}
