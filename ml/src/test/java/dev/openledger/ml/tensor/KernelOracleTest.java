package dev.openledger.ml.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Holds every {@link VectorKernels} operation to {@link ReferenceKernels}. Products are compared
 * within the rigorous float error bound of a length-K dot product (Higham, "Accuracy and Stability
 * of Numerical Algorithms", 2002, eq. 3.5): {@code |ĉ − c| ≤ γ_K Σ|a||b|} with {@code γ_K ≈
 * K·2⁻²⁴}, doubled because both sides round. A kernel that drops or repeats one term is off by
 * about {@code Σ|a||b|/K}, far outside.
 */
class KernelOracleTest {
  private static final WorkerPool POOL2 = new WorkerPool(2);
  private static final Kernels REF = new ReferenceKernels();
  private static final Kernels FAST = new VectorKernels(POOL2);
  private static final Kernels FAST1 = new VectorKernels(new WorkerPool(1));

  @AfterAll
  static void close() {
    POOL2.close();
  }

  static Stream<Arguments> shapes() {
    // M, N, K: tile-aligned, ragged edges, K above one KC block, wide N above one NC block, tiny.
    return Stream.of(
        Arguments.of(1, 1, 1),
        Arguments.of(4, 64, 16),
        Arguments.of(5, 7, 3),
        Arguments.of(37, 129, 70),
        Arguments.of(128, 128, 128),
        Arguments.of(67, 300, 600),
        Arguments.of(9, 2100, 33),
        Arguments.of(300, 8, 257),
        Arguments.of(2, 5, 1000));
  }

  @ParameterizedTest
  @MethodSource("shapes")
  void matmulABtMatchesReference(int m, int n, int k) {
    SplittableRandom rnd = new SplittableRandom(m * 31L + n * 7L + k);
    Mat a = strided(rnd, m, k);
    Mat b = strided(rnd, n, k);
    for (boolean acc : new boolean[] {false, true}) {
      Mat c0 = random(rnd, m, n);
      Mat c1 = c0.copy();
      REF.matmulABt(c0, a, b, acc);
      FAST.matmulABt(c1, a, b, acc);
      assertClose(
          c1,
          c0,
          bound(m, n, k, (i, j, p) -> Math.abs(a.get(i, p) * b.get(j, p)), acc ? c0 : null));
    }
  }

  @ParameterizedTest
  @MethodSource("shapes")
  void matmulABMatchesReference(int m, int n, int k) {
    SplittableRandom rnd = new SplittableRandom(m * 13L + n * 5L + k);
    Mat a = strided(rnd, m, k);
    Mat b = strided(rnd, k, n);
    for (boolean acc : new boolean[] {false, true}) {
      Mat c0 = random(rnd, m, n);
      Mat c1 = c0.copy();
      REF.matmulAB(c0, a, b, acc);
      FAST.matmulAB(c1, a, b, acc);
      assertClose(
          c1,
          c0,
          bound(m, n, k, (i, j, p) -> Math.abs(a.get(i, p) * b.get(p, j)), acc ? c0 : null));
    }
  }

  @ParameterizedTest
  @MethodSource("shapes")
  void matmulAtBMatchesReference(int m, int n, int k) {
    SplittableRandom rnd = new SplittableRandom(m * 17L + n * 3L + k);
    Mat a = strided(rnd, k, m);
    Mat b = strided(rnd, k, n);
    for (boolean acc : new boolean[] {false, true}) {
      Mat c0 = random(rnd, m, n);
      Mat c1 = c0.copy();
      REF.matmulAtB(c0, a, b, acc);
      FAST.matmulAtB(c1, a, b, acc);
      assertClose(
          c1,
          c0,
          bound(m, n, k, (i, j, p) -> Math.abs(a.get(p, i) * b.get(p, j)), acc ? c0 : null));
    }
  }

  @ParameterizedTest
  @MethodSource("shapes")
  void matvecMatchesReference(int batch, int rows, int cols) {
    SplittableRandom rnd = new SplittableRandom(batch * 11L + rows + cols);
    Mat w = strided(rnd, rows, cols);
    Mat x = strided(rnd, batch, cols);
    Mat y0 = Mat.zeros(batch, rows);
    Mat y1 = Mat.zeros(batch, rows);
    REF.matvec(y0, w, x);
    FAST.matvec(y1, w, x);
    assertClose(
        y1, y0, bound(batch, rows, cols, (i, j, p) -> Math.abs(x.get(i, p) * w.get(j, p)), null));
  }

  @Test
  void productsDoNotDependOnThreadCount() {
    SplittableRandom rnd = new SplittableRandom(5);
    Mat a = random(rnd, 200, 300);
    Mat b = random(rnd, 260, 300);
    Mat c2 = Mat.zeros(200, 260);
    Mat c1 = Mat.zeros(200, 260);
    FAST.matmulABt(c2, a, b, false);
    FAST1.matmulABt(c1, a, b, false);
    assertThat(c2.data()).isEqualTo(c1.data());
    Mat y2 = Mat.zeros(7, 260);
    Mat y1 = Mat.zeros(7, 260);
    FAST.matvec(y2, b, a.rows(0, 7));
    FAST1.matvec(y1, b, a.rows(0, 7));
    assertThat(y2.data()).isEqualTo(y1.data());
  }

  @Test
  void rmsnormForwardAndBackwardMatchReference() {
    SplittableRandom rnd = new SplittableRandom(2);
    for (int d : new int[] {1, 15, 16, 128, 131}) {
      int rows = 9;
      Mat x = strided(rnd, rows, d);
      Vec w = Vec.of(random(rnd, 1, d).data());
      Mat o0 = Mat.zeros(rows, d);
      Mat o1 = Mat.zeros(rows, d);
      Vec s0 = Vec.of(new float[rows]);
      Vec s1 = Vec.of(new float[rows]);
      REF.rmsnorm(o0, s0, x, w, 1e-5f);
      FAST.rmsnorm(o1, s1, x, w, 1e-5f);
      assertClose(o1, o0, 1e-5f);
      assertClose(Mat.of(s1.data(), 1, rows), Mat.of(s0.data(), 1, rows), 1e-5f);

      Mat g = random(rnd, rows, d);
      Mat dx0 = random(rnd, rows, d);
      Mat dx1 = dx0.copy();
      REF.rmsnormBackward(dx0, g, x, w, s0);
      FAST.rmsnormBackward(dx1, g, x, w, s0);
      assertClose(dx1, dx0, 1e-5f);
      Vec dw0 = Vec.of(random(rnd, 1, d).data());
      Vec dw1 = Vec.of(dw0.toArray());
      REF.rmsnormWeightGrad(dw0, g, x, s0);
      FAST.rmsnormWeightGrad(dw1, g, x, s0);
      assertClose(Mat.of(dw1.data(), 1, d), Mat.of(dw0.data(), 1, d), 1e-5f);
    }
  }

  @Test
  void ropeMatchesReferenceAndInverseUndoesIt() {
    SplittableRandom rnd = new SplittableRandom(3);
    for (int hs : new int[] {2, 8, 32, 34, 64}) {
      RopeTable table = new RopeTable(hs, 50, 10000f);
      Mat x = strided(rnd, 6, hs * 3);
      int[] pos = {0, 1, 7, 20, 49, 3};
      Mat x0 = x.copy();
      Mat x1 = x.copy();
      REF.rope(x0, pos, table, false);
      FAST.rope(x1, pos, table, false);
      assertClose(x1, x0, 1e-6f);
      FAST.rope(x1, pos, table, true);
      assertClose(x1, x.copy(), 1e-5f);
      assertThat(x0.get(0, 0)).isEqualTo(x.get(0, 0)); // position 0 turns by nothing
    }
  }

  @Test
  void softmaxMatchesReference() {
    SplittableRandom rnd = new SplittableRandom(4);
    for (int n : new int[] {1, 3, 16, 17, 100, 1000}) {
      float[] x = random(rnd, 1, n).data();
      for (int i = 0; i < n; i++) {
        x[i] *= 10f;
      }
      Vec v0 = Vec.of(x.clone());
      Vec v1 = Vec.of(x.clone());
      REF.softmax(v0);
      FAST.softmax(v1);
      assertClose(Mat.of(v1.data(), 1, n), Mat.of(v0.data(), 1, n), 2e-6f);
      float sum = 0f;
      for (float f : v1.data()) {
        sum += f;
      }
      assertThat(sum).isCloseTo(1f, org.assertj.core.data.Offset.offset(1e-5f));

      Vec dp = Vec.of(random(rnd, 1, n).data());
      Vec dx0 = Vec.of(random(rnd, 1, n).data());
      Vec dx1 = Vec.of(dx0.toArray());
      REF.softmaxBackward(dx0, v0, dp);
      FAST.softmaxBackward(dx1, v0, dp);
      assertClose(Mat.of(dx1.data(), 1, n), Mat.of(dx0.data(), 1, n), 1e-5f);
    }
  }

  @Test
  void swigluForwardAndBackwardMatchReference() {
    SplittableRandom rnd = new SplittableRandom(6);
    for (int d : new int[] {1, 16, 45, 384}) {
      Mat g = strided(rnd, 5, d);
      Mat u = strided(rnd, 5, d);
      for (int i = 0; i < 5; i++) {
        for (int j = 0; j < d; j++) {
          g.set(i, j, g.get(i, j) * 8f); // reach both tails of the sigmoid
        }
      }
      Mat h0 = Mat.zeros(5, d);
      Mat h1 = Mat.zeros(5, d);
      REF.swiglu(h0, g, u);
      FAST.swiglu(h1, g, u);
      assertClose(h1, h0, 1e-5f);
      Mat dh = random(rnd, 5, d);
      Mat dg0 = Mat.zeros(5, d);
      Mat du0 = Mat.zeros(5, d);
      Mat dg1 = Mat.zeros(5, d);
      Mat du1 = Mat.zeros(5, d);
      REF.swigluBackward(dg0, du0, dh, g, u);
      FAST.swigluBackward(dg1, du1, dh, g, u);
      assertClose(dg1, dg0, 1e-5f);
      assertClose(du1, du0, 1e-5f);
    }
  }

  @Test
  void vectorOpsMatchReference() {
    SplittableRandom rnd = new SplittableRandom(7);
    for (int n : new int[] {0, 1, 15, 64, 65, 1001}) {
      Vec a = Vec.of(random(rnd, 1, n).data());
      Vec b = Vec.of(random(rnd, 1, n).data());
      assertThat(FAST.dot(a, b))
          .isCloseTo(REF.dot(a, b), org.assertj.core.data.Offset.offset(1e-5f * (n + 1)));
      Vec y0 = Vec.of(b.toArray());
      Vec y1 = Vec.of(b.toArray());
      REF.axpy(0.37f, a, y0);
      FAST.axpy(0.37f, a, y1);
      assertClose(Mat.of(y1.data(), 1, n), Mat.of(y0.data(), 1, n), 1e-6f);
      REF.scale(y0, -1.5f);
      FAST.scale(y1, -1.5f);
      assertClose(Mat.of(y1.data(), 1, n), Mat.of(y0.data(), 1, n), 1e-6f);
      Mat m0 = Mat.of(y0.data(), 1, n);
      Mat m1 = Mat.of(y1.data(), 1, n);
      REF.add(m0, Mat.of(a.data(), 1, n));
      FAST.add(m1, Mat.of(a.data(), 1, n));
      assertClose(m1, m0, 1e-6f);
    }
  }

  // ------------------------------------------------------------------ helpers

  interface Term {
    double abs(int i, int j, int p);
  }

  /** Per-element tolerance: 2·γ_K·Σ|a||b| (+ the rounding of the final add when accumulating). */
  private static Mat bound(int m, int n, int k, Term term, Mat accumulated) {
    Mat tol = Mat.zeros(m, n);
    double gamma = 2.0 * (k + 2) * Math.ulp(1f) / 2;
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        double s = 0;
        for (int p = 0; p < k; p++) {
          s += term.abs(i, j, p);
        }
        double extra = accumulated == null ? 0 : Math.abs(accumulated.get(i, j)) * 2 * Math.ulp(1f);
        tol.set(i, j, (float) (gamma * s + extra + Float.MIN_NORMAL));
      }
    }
    return tol;
  }

  private static void assertClose(Mat actual, Mat expected, Mat tol) {
    for (int i = 0; i < expected.rows(); i++) {
      for (int j = 0; j < expected.cols(); j++) {
        float d = Math.abs(actual.get(i, j) - expected.get(i, j));
        if (!(d <= tol.get(i, j))) {
          throw new AssertionError(
              "element ("
                  + i
                  + ","
                  + j
                  + "): "
                  + actual.get(i, j)
                  + " vs "
                  + expected.get(i, j)
                  + ", allowed "
                  + tol.get(i, j));
        }
      }
    }
  }

  /** Relative tolerance {@code rel·max(1, |expected|)}. */
  private static void assertClose(Mat actual, Mat expected, float rel) {
    for (int i = 0; i < expected.rows(); i++) {
      for (int j = 0; j < expected.cols(); j++) {
        float e = expected.get(i, j);
        float d = Math.abs(actual.get(i, j) - e);
        if (!(d <= rel * Math.max(1f, Math.abs(e)))) {
          throw new AssertionError(
              "element (" + i + "," + j + "): " + actual.get(i, j) + " vs " + e);
        }
      }
    }
  }

  static Mat random(SplittableRandom rnd, int rows, int cols) {
    Mat m = Mat.zeros(rows, cols);
    for (int i = 0; i < m.data().length; i++) {
      m.data()[i] = (float) (rnd.nextDouble() * 2 - 1);
    }
    return m;
  }

  /**
   * A random view with a stride wider than its columns and a non-zero offset, as column slices are.
   */
  static Mat strided(SplittableRandom rnd, int rows, int cols) {
    int stride = cols + 3;
    float[] data = new float[5 + rows * stride];
    for (int i = 0; i < data.length; i++) {
      data[i] = (float) (rnd.nextDouble() * 2 - 1);
    }
    return new Mat(data, 5, rows, cols, stride);
  }
}
