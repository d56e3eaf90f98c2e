package dev.openledger.attribution.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Dot products and axpy over {@code float[]} ranges. The Vector API path and the scalar reference
 * give identical bits (see the package notes); tests hold them to that.
 */
public final class Kernels {
  /**
   * Number of virtual lanes of a dot product; fixed so results do not depend on the vector width.
   */
  public static final int LANES = 16;

  private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
  private static final int WIDTH = SPECIES.length();

  /** Vector accumulators per 16 virtual lanes; 0 when the machine's width does not divide 16. */
  private static final int ACCS = (WIDTH <= LANES && LANES % WIDTH == 0) ? LANES / WIDTH : 0;

  private Kernels() {}

  /** {@code a[aOff..aOff+len) · b[bOff..bOff+len)}, summed in the fixed virtual-lane order. */
  public static double dot(float[] a, int aOff, float[] b, int bOff, int len) {
    return switch (ACCS) {
      case 1 -> dot1(a, aOff, b, bOff, len);
      case 2 -> dot2(a, aOff, b, bOff, len);
      case 4 -> dot4(a, aOff, b, bOff, len);
      default -> dotScalar(a, aOff, b, bOff, len);
    };
  }

  /** The scalar reference of {@link #dot}. */
  public static double dotScalar(float[] a, int aOff, float[] b, int bOff, int len) {
    float[] lanes = new float[LANES];
    for (int i = 0; i < len; i++) {
      int l = i & (LANES - 1);
      lanes[l] = Math.fma(a[aOff + i], b[bOff + i], lanes[l]);
    }
    return sumLanes(lanes);
  }

  private static double dot1(float[] a, int aOff, float[] b, int bOff, int len) {
    FloatVector acc = FloatVector.zero(SPECIES);
    int bound = len - len % LANES;
    for (int i = 0; i < bound; i += LANES) {
      acc =
          FloatVector.fromArray(SPECIES, a, aOff + i)
              .fma(FloatVector.fromArray(SPECIES, b, bOff + i), acc);
    }
    float[] lanes = new float[LANES];
    acc.intoArray(lanes, 0);
    return finish(lanes, a, aOff, b, bOff, bound, len);
  }

  private static double dot2(float[] a, int aOff, float[] b, int bOff, int len) {
    FloatVector acc0 = FloatVector.zero(SPECIES);
    FloatVector acc1 = FloatVector.zero(SPECIES);
    int bound = len - len % LANES;
    for (int i = 0; i < bound; i += LANES) {
      acc0 =
          FloatVector.fromArray(SPECIES, a, aOff + i)
              .fma(FloatVector.fromArray(SPECIES, b, bOff + i), acc0);
      acc1 =
          FloatVector.fromArray(SPECIES, a, aOff + i + WIDTH)
              .fma(FloatVector.fromArray(SPECIES, b, bOff + i + WIDTH), acc1);
    }
    float[] lanes = new float[LANES];
    acc0.intoArray(lanes, 0);
    acc1.intoArray(lanes, WIDTH);
    return finish(lanes, a, aOff, b, bOff, bound, len);
  }

  private static double dot4(float[] a, int aOff, float[] b, int bOff, int len) {
    FloatVector acc0 = FloatVector.zero(SPECIES);
    FloatVector acc1 = FloatVector.zero(SPECIES);
    FloatVector acc2 = FloatVector.zero(SPECIES);
    FloatVector acc3 = FloatVector.zero(SPECIES);
    int bound = len - len % LANES;
    for (int i = 0; i < bound; i += LANES) {
      int ai = aOff + i;
      int bi = bOff + i;
      acc0 = FloatVector.fromArray(SPECIES, a, ai).fma(FloatVector.fromArray(SPECIES, b, bi), acc0);
      acc1 =
          FloatVector.fromArray(SPECIES, a, ai + WIDTH)
              .fma(FloatVector.fromArray(SPECIES, b, bi + WIDTH), acc1);
      acc2 =
          FloatVector.fromArray(SPECIES, a, ai + 2 * WIDTH)
              .fma(FloatVector.fromArray(SPECIES, b, bi + 2 * WIDTH), acc2);
      acc3 =
          FloatVector.fromArray(SPECIES, a, ai + 3 * WIDTH)
              .fma(FloatVector.fromArray(SPECIES, b, bi + 3 * WIDTH), acc3);
    }
    float[] lanes = new float[LANES];
    acc0.intoArray(lanes, 0);
    acc1.intoArray(lanes, WIDTH);
    acc2.intoArray(lanes, 2 * WIDTH);
    acc3.intoArray(lanes, 3 * WIDTH);
    return finish(lanes, a, aOff, b, bOff, bound, len);
  }

  /** Adds the tail {@code [from, len)} into its virtual lanes, then sums the lanes. */
  private static double finish(
      float[] lanes, float[] a, int aOff, float[] b, int bOff, int from, int len) {
    for (int i = from; i < len; i++) {
      int l = i & (LANES - 1);
      lanes[l] = Math.fma(a[aOff + i], b[bOff + i], lanes[l]);
    }
    return sumLanes(lanes);
  }

  private static double sumLanes(float[] lanes) {
    double s = 0;
    for (float v : lanes) {
      s += v;
    }
    return s;
  }

  /**
   * {@code y[yOff+i] = fma(alpha, x[xOff+i], y[yOff+i])} for {@code i < len}; element-wise, so
   * exact in any width.
   */
  public static void axpy(float alpha, float[] x, int xOff, float[] y, int yOff, int len) {
    int bound = SPECIES.loopBound(len);
    FloatVector va = FloatVector.broadcast(SPECIES, alpha);
    int i = 0;
    for (; i < bound; i += WIDTH) {
      va.fma(
              FloatVector.fromArray(SPECIES, x, xOff + i),
              FloatVector.fromArray(SPECIES, y, yOff + i))
          .intoArray(y, yOff + i);
    }
    for (; i < len; i++) {
      y[yOff + i] = Math.fma(alpha, x[xOff + i], y[yOff + i]);
    }
  }

  /** The scalar reference of {@link #axpy}. */
  public static void axpyScalar(float alpha, float[] x, int xOff, float[] y, int yOff, int len) {
    for (int i = 0; i < len; i++) {
      y[yOff + i] = Math.fma(alpha, x[xOff + i], y[yOff + i]);
    }
  }
}
