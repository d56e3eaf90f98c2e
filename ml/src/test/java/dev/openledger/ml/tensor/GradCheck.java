package dev.openledger.ml.tensor;

import java.util.function.DoubleSupplier;

/**
 * Finite-difference gradient checking in float32.
 *
 * <p>The derivative is Richardson-extrapolated from two central differences, {@code (4·D(h/2) −
 * D(h))/3}, whose truncation error is O(h⁴) instead of O(h²) (Press et al., "Numerical Recipes",
 * §5.7). With the loss summed in double, what remains is the float rounding of the forward pass,
 * about {@code ε·|L|} with ε = 2⁻²⁴, divided by h: for h = 1e-2 and |L| ≈ 1–10 that is ≲ 1e-4
 * absolute. The tolerance {@link #assertClose} allows 2e-2 relative plus 2e-3 of the gradient's
 * RMS: ten times the observed error, and a hundred times smaller than the error of a wrong gradient
 * (a dropped term, a wrong sign or a transposed operand changes entries by O(1) of their size).
 */
public final class GradCheck {
  private GradCheck() {}

  /**
   * The numeric derivative of {@code loss} with respect to {@code x[i]} (x[i] is restored
   * afterwards).
   */
  public static double derivative(float[] x, int i, float h, DoubleSupplier loss) {
    float orig = x[i];
    double d1 = central(x, i, orig, h, loss);
    double d2 = central(x, i, orig, h / 2, loss);
    x[i] = orig;
    return (4 * d2 - d1) / 3;
  }

  private static double central(float[] x, int i, float orig, float h, DoubleSupplier loss) {
    float up = orig + h;
    float down = orig - h;
    x[i] = up;
    double fp = loss.getAsDouble();
    x[i] = down;
    double fm = loss.getAsDouble();
    return (fp - fm) / ((double) up - (double) down);
  }

  /**
   * Checks {@code analytic[idx]} against numeric derivatives of {@code loss} with respect to {@code
   * x[offset + idx]} for every {@code idx} in {@code [0, n)} stepping by {@code stride}.
   */
  public static void check(
      String what,
      float[] x,
      int offset,
      float[] analytic,
      int n,
      int stride,
      DoubleSupplier loss) {
    double[] num = new double[n];
    double[] ana = new double[n];
    int m = 0;
    for (int idx = 0; idx < n; idx += stride) {
      num[m] = derivative(x, offset + idx, 1e-2f, loss);
      ana[m] = analytic[idx];
      m++;
    }
    assertClose(what, ana, num, m);
  }

  /** Asserts {@code |a − n| ≤ 2e-2·|n| + 2e-3·rms(n) + 1e-6} element by element. */
  public static void assertClose(String what, double[] analytic, double[] numeric, int m) {
    double rms = 0;
    for (int i = 0; i < m; i++) {
      rms += numeric[i] * numeric[i];
    }
    rms = Math.sqrt(rms / Math.max(1, m));
    for (int i = 0; i < m; i++) {
      double tol = 2e-2 * Math.abs(numeric[i]) + 2e-3 * rms + 1e-6;
      if (!(Math.abs(analytic[i] - numeric[i]) <= tol)) {
        throw new AssertionError(
            what
                + " element "
                + i
                + ": analytic "
                + analytic[i]
                + " vs numeric "
                + numeric[i]
                + " (tolerance "
                + tol
                + ")");
      }
    }
    if (rms == 0) {
      throw new AssertionError(
          what + ": every numeric derivative is 0, the check would prove nothing");
    }
  }
}
