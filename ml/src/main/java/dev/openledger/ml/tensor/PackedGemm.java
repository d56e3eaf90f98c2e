package dev.openledger.ml.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * General matrix product {@code C[M,N] (+)= op(A)[M,K] · op(B)[K,N]} in the style of Goto and van
 * de Geijn ("Anatomy of High-Performance Matrix Multiplication", ACM TOMS 34(3), 2008): {@code B}
 * is packed into panels of {@link #NR} columns and {@code A} into panels of {@link #MR} rows, each
 * laid out k-major, and a register-blocked micro-kernel keeps an {@code MR x NR} tile of {@code C}
 * in vector registers while it walks {@code k} (4 x 64 floats = 16 zmm accumulators with AVX-512).
 *
 * <p>Every element of {@code C} is one FMA chain over {@code k} in increasing order, starting from
 * 0 (or from {@code C} when accumulating) and carried across blocks of {@link #KC}; neither the
 * thread split nor the tile position changes it, so results are identical for any number of
 * threads.
 */
final class PackedGemm {
  static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  static final int L = S.length();

  /** Vectors per micro-tile row: 4 where there are 32 vector registers (AVX-512), else 2. */
  static final int NV = L >= 16 ? 4 : 2;

  static final int MR = 4;
  static final int NR = NV * L;
  static final int KC = 512;
  static final int MC = 128;
  static final int NC = 2048;

  private final WorkerPool pool;
  private final ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(Scratch::new);

  PackedGemm(WorkerPool pool) {
    this.pool = pool;
  }

  /** Per-thread packing buffers, grown on demand and reused. */
  private static final class Scratch {
    float[] a = new float[0];
    float[] b = new float[0];
    final float[] tile = new float[MR * NR];

    float[] a(int n) {
      if (a.length < n) {
        a = new float[n];
      }
      return a;
    }

    float[] b(int n) {
      if (b.length < n) {
        b = new float[n];
      }
      return b;
    }
  }

  /**
   * Operand {@code A} seen as {@code [M,K]}: {@code a} itself, or {@code aᵀ} when {@code
   * transposed}.
   */
  record Operand(Mat m, boolean transposed) {
    int rows() {
      return transposed ? m.cols() : m.rows();
    }

    int cols() {
      return transposed ? m.rows() : m.cols();
    }
  }

  void multiply(Mat c, Operand a, Operand b, boolean accumulate) {
    int m = c.rows();
    int n = c.cols();
    int k = a.cols();
    if (m == 0 || n == 0) {
      return;
    }
    if (k == 0) {
      if (!accumulate) {
        c.zero();
      }
      return;
    }
    int mPanels = ceilDiv(m, MR);
    int nPanels = ceilDiv(n, NR);
    // Split the dimension with more panels; each thread packs the other operand whole (cheap: see
    // class doc).
    boolean splitN = nPanels >= mPanels || nPanels >= 2 * pool.threads();
    int items = splitN ? nPanels : mPanels;
    long flopsPerItem = 2L * k * (splitN ? (long) m * NR : (long) n * MR);
    pool.parallelFor(
        items,
        flopsPerItem,
        (i0, i1) -> {
          if (splitN) {
            block(c, a, b, accumulate, 0, m, i0 * NR, Math.min(i1 * NR, n));
          } else {
            block(c, a, b, accumulate, i0 * MR, Math.min(i1 * MR, m), 0, n);
          }
        });
  }

  /** {@code C[r0:r1, c0:c1]} on the calling thread. */
  private void block(
      Mat c, Operand a, Operand b, boolean accumulate, int r0, int r1, int c0, int c1) {
    Scratch s = scratch.get();
    int k = a.cols();
    for (int jc = c0; jc < c1; jc += NC) {
      int nc = Math.min(NC, c1 - jc);
      for (int pc = 0; pc < k; pc += KC) {
        int kc = Math.min(KC, k - pc);
        float[] bp = s.b(ceilDiv(nc, NR) * NR * kc);
        packB(bp, b, pc, kc, jc, nc);
        boolean store = pc == 0 && !accumulate;
        for (int ic = r0; ic < r1; ic += MC) {
          int mc = Math.min(MC, r1 - ic);
          float[] ap = s.a(ceilDiv(mc, MR) * MR * kc);
          packA(ap, a, ic, mc, pc, kc);
          for (int jr = 0; jr < nc; jr += NR) {
            for (int ir = 0; ir < mc; ir += MR) {
              tile(
                  s,
                  ap,
                  ir * kc,
                  bp,
                  jr * kc,
                  kc,
                  c,
                  ic + ir,
                  jc + jr,
                  Math.min(MR, mc - ir),
                  Math.min(NR, nc - jr),
                  store);
            }
          }
        }
      }
    }
  }

  // One micro-tile; partial tiles at the edges go through a scratch tile holding a copy of C, so
  // that every element of C gets the same FMA chain wherever it sits.
  private static void tile(
      Scratch s,
      float[] ap,
      int ao,
      float[] bp,
      int bo,
      int kc,
      Mat c,
      int row,
      int col,
      int rows,
      int cols,
      boolean store) {
    float[] cd = c.data();
    if (rows == MR && cols == NR) {
      micro(ap, ao, bp, bo, kc, cd, c.index(row, col), c.stride(), !store);
      return;
    }
    float[] t = s.tile;
    java.util.Arrays.fill(t, 0f);
    if (!store) {
      for (int i = 0; i < rows; i++) {
        System.arraycopy(cd, c.index(row + i, col), t, i * NR, cols);
      }
    }
    micro(ap, ao, bp, bo, kc, t, 0, NR, !store);
    for (int i = 0; i < rows; i++) {
      System.arraycopy(t, i * NR, cd, c.index(row + i, col), cols);
    }
  }

  private static void micro(
      float[] ap, int ao, float[] bp, int bo, int kc, float[] c, int co, int ldc, boolean load) {
    if (NV == 4) {
      micro4x4(ap, ao, bp, bo, kc, c, co, ldc, load);
    } else {
      micro4x2(ap, ao, bp, bo, kc, c, co, ldc, load);
    }
  }

  /**
   * The 4 x (4 vectors) micro-kernel: 16 accumulators, 4 B loads and 4 broadcasts per k. The
   * accumulators start from C when {@code load} (accumulating), else from 0. Every vector stays in
   * a local so C2 keeps them in registers (a vector passed to a method that is not inlined would be
   * boxed).
   */
  private static void micro4x4(
      float[] ap, int ao, float[] bp, int bo, int kc, float[] c, int co, int ldc, boolean load) {
    int r1 = co + ldc;
    int r2 = co + 2 * ldc;
    int r3 = co + 3 * ldc;
    FloatVector c00, c01, c02, c03, c10, c11, c12, c13, c20, c21, c22, c23, c30, c31, c32, c33;
    if (load) {
      c00 = FloatVector.fromArray(S, c, co);
      c01 = FloatVector.fromArray(S, c, co + L);
      c02 = FloatVector.fromArray(S, c, co + 2 * L);
      c03 = FloatVector.fromArray(S, c, co + 3 * L);
      c10 = FloatVector.fromArray(S, c, r1);
      c11 = FloatVector.fromArray(S, c, r1 + L);
      c12 = FloatVector.fromArray(S, c, r1 + 2 * L);
      c13 = FloatVector.fromArray(S, c, r1 + 3 * L);
      c20 = FloatVector.fromArray(S, c, r2);
      c21 = FloatVector.fromArray(S, c, r2 + L);
      c22 = FloatVector.fromArray(S, c, r2 + 2 * L);
      c23 = FloatVector.fromArray(S, c, r2 + 3 * L);
      c30 = FloatVector.fromArray(S, c, r3);
      c31 = FloatVector.fromArray(S, c, r3 + L);
      c32 = FloatVector.fromArray(S, c, r3 + 2 * L);
      c33 = FloatVector.fromArray(S, c, r3 + 3 * L);
    } else {
      c00 = FloatVector.zero(S);
      c01 = c00;
      c02 = c00;
      c03 = c00;
      c10 = c00;
      c11 = c00;
      c12 = c00;
      c13 = c00;
      c20 = c00;
      c21 = c00;
      c22 = c00;
      c23 = c00;
      c30 = c00;
      c31 = c00;
      c32 = c00;
      c33 = c00;
    }
    for (int p = 0; p < kc; p++) {
      int bi = bo + p * NR;
      FloatVector b0 = FloatVector.fromArray(S, bp, bi);
      FloatVector b1 = FloatVector.fromArray(S, bp, bi + L);
      FloatVector b2 = FloatVector.fromArray(S, bp, bi + 2 * L);
      FloatVector b3 = FloatVector.fromArray(S, bp, bi + 3 * L);
      int ai = ao + p * MR;
      FloatVector a = FloatVector.broadcast(S, ap[ai]);
      c00 = a.fma(b0, c00);
      c01 = a.fma(b1, c01);
      c02 = a.fma(b2, c02);
      c03 = a.fma(b3, c03);
      a = FloatVector.broadcast(S, ap[ai + 1]);
      c10 = a.fma(b0, c10);
      c11 = a.fma(b1, c11);
      c12 = a.fma(b2, c12);
      c13 = a.fma(b3, c13);
      a = FloatVector.broadcast(S, ap[ai + 2]);
      c20 = a.fma(b0, c20);
      c21 = a.fma(b1, c21);
      c22 = a.fma(b2, c22);
      c23 = a.fma(b3, c23);
      a = FloatVector.broadcast(S, ap[ai + 3]);
      c30 = a.fma(b0, c30);
      c31 = a.fma(b1, c31);
      c32 = a.fma(b2, c32);
      c33 = a.fma(b3, c33);
    }
    c00.intoArray(c, co);
    c01.intoArray(c, co + L);
    c02.intoArray(c, co + 2 * L);
    c03.intoArray(c, co + 3 * L);
    c10.intoArray(c, r1);
    c11.intoArray(c, r1 + L);
    c12.intoArray(c, r1 + 2 * L);
    c13.intoArray(c, r1 + 3 * L);
    c20.intoArray(c, r2);
    c21.intoArray(c, r2 + L);
    c22.intoArray(c, r2 + 2 * L);
    c23.intoArray(c, r2 + 3 * L);
    c30.intoArray(c, r3);
    c31.intoArray(c, r3 + L);
    c32.intoArray(c, r3 + 2 * L);
    c33.intoArray(c, r3 + 3 * L);
  }

  /**
   * The 4 x (2 vectors) micro-kernel for 16-register machines (AVX2, NEON); same contract as
   * micro4x4.
   */
  private static void micro4x2(
      float[] ap, int ao, float[] bp, int bo, int kc, float[] c, int co, int ldc, boolean load) {
    int r1 = co + ldc;
    int r2 = co + 2 * ldc;
    int r3 = co + 3 * ldc;
    FloatVector c00, c01, c10, c11, c20, c21, c30, c31;
    if (load) {
      c00 = FloatVector.fromArray(S, c, co);
      c01 = FloatVector.fromArray(S, c, co + L);
      c10 = FloatVector.fromArray(S, c, r1);
      c11 = FloatVector.fromArray(S, c, r1 + L);
      c20 = FloatVector.fromArray(S, c, r2);
      c21 = FloatVector.fromArray(S, c, r2 + L);
      c30 = FloatVector.fromArray(S, c, r3);
      c31 = FloatVector.fromArray(S, c, r3 + L);
    } else {
      c00 = FloatVector.zero(S);
      c01 = c00;
      c10 = c00;
      c11 = c00;
      c20 = c00;
      c21 = c00;
      c30 = c00;
      c31 = c00;
    }
    for (int p = 0; p < kc; p++) {
      int bi = bo + p * NR;
      FloatVector b0 = FloatVector.fromArray(S, bp, bi);
      FloatVector b1 = FloatVector.fromArray(S, bp, bi + L);
      int ai = ao + p * MR;
      FloatVector a = FloatVector.broadcast(S, ap[ai]);
      c00 = a.fma(b0, c00);
      c01 = a.fma(b1, c01);
      a = FloatVector.broadcast(S, ap[ai + 1]);
      c10 = a.fma(b0, c10);
      c11 = a.fma(b1, c11);
      a = FloatVector.broadcast(S, ap[ai + 2]);
      c20 = a.fma(b0, c20);
      c21 = a.fma(b1, c21);
      a = FloatVector.broadcast(S, ap[ai + 3]);
      c30 = a.fma(b0, c30);
      c31 = a.fma(b1, c31);
    }
    c00.intoArray(c, co);
    c01.intoArray(c, co + L);
    c10.intoArray(c, r1);
    c11.intoArray(c, r1 + L);
    c20.intoArray(c, r2);
    c21.intoArray(c, r2 + L);
    c30.intoArray(c, r3);
    c31.intoArray(c, r3 + L);
  }

  /** Packs {@code op(B)[pc:pc+kc, jc:jc+nc]} into k-major panels of NR columns, zero-padded. */
  private static void packB(float[] bp, Operand b, int pc, int kc, int jc, int nc) {
    Mat m = b.m();
    float[] d = m.data();
    for (int q = 0; q * NR < nc; q++) {
      int dst = q * NR * kc;
      int col0 = jc + q * NR;
      int width = Math.min(NR, jc + nc - col0);
      if (!b.transposed()) { // op(B)(k, j) = m[k][j]: each k is a contiguous run of columns
        for (int p = 0; p < kc; p++) {
          int o = dst + p * NR;
          System.arraycopy(d, m.index(pc + p, col0), bp, o, width);
          java.util.Arrays.fill(bp, o + width, o + NR, 0f);
        }
      } else { // op(B)(k, j) = m[j][k]: each column j is a contiguous run of k
        for (int jj = 0; jj < width; jj++) {
          int src = m.index(col0 + jj, pc);
          for (int p = 0; p < kc; p++) {
            bp[dst + p * NR + jj] = d[src + p];
          }
        }
        for (int jj = width; jj < NR; jj++) {
          for (int p = 0; p < kc; p++) {
            bp[dst + p * NR + jj] = 0f;
          }
        }
      }
    }
  }

  /** Packs {@code op(A)[ic:ic+mc, pc:pc+kc]} into k-major panels of MR rows, zero-padded. */
  private static void packA(float[] ap, Operand a, int ic, int mc, int pc, int kc) {
    Mat m = a.m();
    float[] d = m.data();
    for (int q = 0; q * MR < mc; q++) {
      int dst = q * MR * kc;
      int row0 = ic + q * MR;
      int height = Math.min(MR, ic + mc - row0);
      if (!a.transposed()) { // op(A)(i, k) = m[i][k]
        for (int ii = 0; ii < height; ii++) {
          int src = m.index(row0 + ii, pc);
          for (int p = 0; p < kc; p++) {
            ap[dst + p * MR + ii] = d[src + p];
          }
        }
      } else { // op(A)(i, k) = m[k][i]
        for (int p = 0; p < kc; p++) {
          System.arraycopy(d, m.index(pc + p, row0), ap, dst + p * MR, height);
        }
      }
      for (int ii = height; ii < MR; ii++) {
        for (int p = 0; p < kc; p++) {
          ap[dst + p * MR + ii] = 0f;
        }
      }
    }
  }

  static int ceilDiv(int a, int b) {
    return (a + b - 1) / b;
  }
}
