package dev.openledger.ml.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector math whose results do not depend on the JIT. The Vector API runs a plain-Java fallback
 * until C2 compiles a loop, and its {@code reduceLanes(ADD)} and {@code lanewise(EXP)} may round
 * differently in the two modes (the reduction order is unspecified; EXP is an SVML intrinsic when
 * compiled). Training must give the same bytes whenever it runs, so these replacements use only
 * exactly-rounded operations (add, mul, fma, stores), identical in every mode: a fixed tree for
 * sums, and a polynomial for exp.
 */
final class VMath {
  static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();

  private VMath() {}

  /**
   * Sum of the lanes in a fixed order: stored to {@code scratch} (at least L floats) and added as a
   * tree, lane i plus lane i + L/2, then plus lane i + L/4, and so on. (Lane shuffles would do the
   * same in registers, but C2 in JDK 17 does not intrinsify them here and falls back to slow Java
   * code.)
   */
  static float sum(FloatVector v, float[] scratch) {
    v.intoArray(scratch, 0);
    return sumLanes(scratch, 0);
  }

  /** {@link #sum(FloatVector, float[])} with a fresh scratch array. */
  static float sum(FloatVector v) {
    return sum(v, new float[L]);
  }

  /** The fixed-order tree sum of the {@code L} floats at {@code buf[off..]} (overwrites them). */
  static float sumLanes(float[] buf, int off) {
    for (int step = L / 2; step >= 1; step /= 2) {
      for (int i = 0; i < step; i++) {
        buf[off + i] = buf[off + i] + buf[off + i + step];
      }
    }
    return buf[off];
  }

  /** Lanes per vector. */
  static int lanes() {
    return L;
  }

  // exp(x) = 2^k · e^r with k = round(x·log2 e), r = x − k·ln 2 (Cody–Waite split of ln 2), e^r by
  // the Cephes expf minimax polynomial on [−ln2/2, ln2/2] (about 1 ulp); inputs clamped so 2^k
  // stays a normal float.
  private static final float LO = -87.33f;
  private static final float HI = 88.3f;
  private static final float LOG2E = 1.44269504f;
  private static final float ROUND =
      12582912f; // 1.5·2^23: (t + ROUND) − ROUND rounds t to an integer
  private static final float LN2_HI = 0.693359375f;
  private static final float LN2_LO = -2.12194440e-4f;
  private static final float P0 = 1.9875691500e-4f;
  private static final float P1 = 1.3981999507e-3f;
  private static final float P2 = 8.3334519073e-3f;
  private static final float P3 = 4.1665795894e-2f;
  private static final float P4 = 1.6666665459e-1f;
  private static final float P5 = 5.0000001201e-1f;

  /** e^x, lane-wise. */
  static FloatVector exp(FloatVector x) {
    x = x.max(LO).min(HI);
    FloatVector k = x.mul(LOG2E).add(ROUND).sub(ROUND);
    FloatVector r = k.fma(FloatVector.broadcast(S, -LN2_HI), x);
    r = k.fma(FloatVector.broadcast(S, -LN2_LO), r);
    FloatVector p = FloatVector.broadcast(S, P0).fma(r, FloatVector.broadcast(S, P1));
    p = p.fma(r, FloatVector.broadcast(S, P2));
    p = p.fma(r, FloatVector.broadcast(S, P3));
    p = p.fma(r, FloatVector.broadcast(S, P4));
    p = p.fma(r, FloatVector.broadcast(S, P5));
    FloatVector y = p.mul(r.mul(r)).add(r).add(1f);
    // 2^k without a float→int conversion: k + 1.5·2^23 + 127 holds k + 127 in its low mantissa
    // bits, and a left shift by 23 moves them into the exponent field (everything above falls off).
    IntVector bits = k.add(ROUND + 127f).reinterpretAsInts().lanewise(VectorOperators.LSHL, 23);
    return y.mul(bits.reinterpretAsFloats());
  }

  /** e^x, the same arithmetic as {@link #exp(FloatVector)} on one value. */
  static float exp(float x) {
    x = Math.min(Math.max(x, LO), HI);
    float k = x * LOG2E + ROUND - ROUND;
    float r = Math.fma(k, -LN2_HI, x);
    r = Math.fma(k, -LN2_LO, r);
    float p = Math.fma(P0, r, P1);
    p = Math.fma(p, r, P2);
    p = Math.fma(p, r, P3);
    p = Math.fma(p, r, P4);
    p = Math.fma(p, r, P5);
    float y = p * (r * r) + r + 1f;
    return y * Float.intBitsToFloat(Float.floatToRawIntBits(k + (ROUND + 127f)) << 23);
  }

  /** The logistic function {@code 1/(1 + e^(−g))}, lane-wise. */
  static FloatVector sigmoid(FloatVector g) {
    return FloatVector.broadcast(S, 1f).div(exp(g.neg()).add(1f));
  }

  static float sigmoid(float g) {
    return 1f / (1f + exp(-g));
  }
}
