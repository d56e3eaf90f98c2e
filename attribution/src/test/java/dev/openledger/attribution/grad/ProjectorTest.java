package dev.openledger.attribution.grad;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ProjectorTest {
  private static final SegmentLayout LAYOUT = SegmentLayout.uniform("t", 3, 700);

  @Test
  void vectorAndScalarPathsGiveTheSameBits() {
    Projector p = new Projector(ProjectionSpec.rademacher(42, 100), LAYOUT);
    float[] x = gaussian(new Random(1), LAYOUT.dim());
    x[5] = 0f; // the zero-skip must not change anything either
    float[] fast = new float[p.target().dim()];
    float[] slow = new float[p.target().dim()];
    p.project(x, fast);
    p.projectScalar(x, slow);
    assertThat(fast).containsExactly(slow);
  }

  @Test
  void sameSeedSameProjectionOtherSeedAnother() {
    float[] x = gaussian(new Random(2), LAYOUT.dim());
    float[] a = project(ProjectionSpec.rademacher(7, 64), x);
    float[] b = project(ProjectionSpec.rademacher(7, 64), x);
    float[] c = project(ProjectionSpec.rademacher(8, 64), x);
    assertThat(a).containsExactly(b);
    assertThat(a).isNotEqualTo(c);
  }

  @Test
  void shortSegmentsAreCopiedAndLayoutKeepsNames() {
    SegmentLayout mixed =
        SegmentLayout.of(new java.util.LinkedHashMap<>(java.util.Map.of("a", 10)));
    Projector p = new Projector(ProjectionSpec.rademacher(1, 64), mixed);
    float[] x = gaussian(new Random(3), 10);
    float[] y = new float[p.target().dim()];
    p.project(x, y);
    assertThat(y).containsExactly(x);
    assertThat(p.target().get(0).name()).isEqualTo("a");
  }

  /**
   * Johnson-Lindenstrauss: for Rademacher entries ±1/√k, ⟨Px,Py⟩ is unbiased with variance
   * (‖x‖²‖y‖² + ⟨x,y⟩² − 2Σx_j²y_j²)/k ≤ 2‖x‖²‖y‖²/k. Every one of 300 pairs must lie within 5
   * standard deviations of that bound, and the mean relative error of ‖Px‖² must be below 2/√k.
   */
  @Test
  void rademacherApproximatelyPreservesInnerProducts() {
    checkJl(ProjectionSpec.rademacher(99, 512), 300);
  }

  @Test
  void gaussianApproximatelyPreservesInnerProducts() {
    checkJl(ProjectionSpec.gaussian(99, 128), 20);
  }

  private static void checkJl(ProjectionSpec spec, int pairs) {
    SegmentLayout one = SegmentLayout.uniform("t", 1, 2048);
    Projector p = new Projector(spec, one);
    int k = spec.dimsPerSegment();
    Random rnd = new Random(5);
    double normErr = 0;
    for (int t = 0; t < pairs; t++) {
      float[] x = gaussian(rnd, one.dim());
      float[] y = gaussian(rnd, one.dim());
      for (int j = 0; j < y.length; j++) {
        y[j] = 0.5f * x[j] + y[j]; // correlated pairs, so inner products are not all near 0
      }
      float[] px = new float[k];
      float[] py = new float[k];
      p.project(x, px);
      p.project(y, py);
      double xy = dot(x, y);
      double xx = dot(x, x);
      double yy = dot(y, y);
      double bound = 5 * Math.sqrt(2 * xx * yy / k);
      assertThat(Math.abs(dot(px, py) - xy)).isLessThanOrEqualTo(bound);
      normErr += Math.abs(dot(px, px) / xx - 1);
    }
    assertThat(normErr / pairs).isLessThan(2 / Math.sqrt(k));
  }

  static double dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += (double) a[i] * b[i];
    }
    return s;
  }

  private static float[] project(ProjectionSpec spec, float[] x) {
    Projector p = new Projector(spec, LAYOUT);
    float[] y = new float[p.target().dim()];
    p.project(x, y);
    return y;
  }

  static float[] gaussian(Random rnd, int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) rnd.nextGaussian();
    }
    return v;
  }
}
