package dev.openledger.attribution.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class KernelsTest {

  @Property(tries = 200)
  void vectorDotHasTheScalarBits(
      @ForAll @IntRange(min = 0, max = 300) int len,
      @ForAll @IntRange(min = 0, max = 7) int off,
      @ForAll @LongRange(min = 0, max = 1_000_000) long seed) {
    Random rnd = new Random(seed);
    float[] a = random(rnd, len + off);
    float[] b = random(rnd, len + off);
    double fast = Kernels.dot(a, off, b, off, len);
    double slow = Kernels.dotScalar(a, off, b, off, len);
    assertThat(Double.doubleToLongBits(fast)).isEqualTo(Double.doubleToLongBits(slow));
  }

  @Property(tries = 100)
  void vectorAxpyHasTheScalarBits(
      @ForAll @IntRange(min = 0, max = 300) int len,
      @ForAll @LongRange(min = 0, max = 1_000_000) long seed) {
    Random rnd = new Random(seed);
    float[] x = random(rnd, len);
    float[] y1 = random(rnd, len);
    float[] y2 = y1.clone();
    float alpha = rnd.nextFloat() - 0.5f;
    Kernels.axpy(alpha, x, 0, y1, 0, len);
    Kernels.axpyScalar(alpha, x, 0, y2, 0, len);
    assertThat(y1).containsExactly(y2);
  }

  @Property(tries = 50)
  void dotIsCloseToTheExactSum(
      @ForAll @IntRange(min = 1, max = 500) int len,
      @ForAll @LongRange(min = 0, max = 1_000_000) long seed) {
    Random rnd = new Random(seed);
    float[] a = random(rnd, len);
    float[] b = random(rnd, len);
    double exact = 0;
    double scale = 0;
    for (int i = 0; i < len; i++) {
      exact += (double) a[i] * b[i];
      scale += Math.abs((double) a[i] * b[i]);
    }
    assertThat(Kernels.dot(a, 0, b, 0, len))
        .isCloseTo(exact, org.assertj.core.data.Offset.offset(1e-5 * scale + 1e-12));
  }

  static float[] random(Random rnd, int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) rnd.nextGaussian();
    }
    return v;
  }
}
