package dev.openledger.ml.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The fast path: {@code jdk.incubator.vector} loops at the platform's preferred width (16 floats
 * with AVX-512), the products spread over a {@link WorkerPool}. Each method computes what the same
 * method of {@link ReferenceKernels} computes, up to float rounding (different summation order and
 * vector exp).
 */
public final class VectorKernels implements Kernels {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();
  private static volatile VectorKernels shared;

  private final WorkerPool pool;
  private final PackedGemm gemm;

  public VectorKernels(WorkerPool pool) {
    this.pool = pool;
    this.gemm = new PackedGemm(pool);
  }

  /** Kernels on {@link WorkerPool#shared()}. */
  public static VectorKernels shared() {
    VectorKernels k = shared;
    if (k == null) {
      synchronized (VectorKernels.class) {
        k = shared;
        if (k == null) {
          k = new VectorKernels(WorkerPool.shared());
          shared = k;
        }
      }
    }
    return k;
  }

  @Override
  public WorkerPool pool() {
    return pool;
  }

  @Override
  public String name() {
    return "vector-" + S.vectorBitSize() + "bit-x" + pool.threads();
  }

  // ---------------------------------------------------------------- products

  @Override
  public void matmulABt(Mat c, Mat a, Mat b, boolean accumulate) {
    Shapes.checkABt(c, a, b);
    gemm.multiply(c, new PackedGemm.Operand(a, false), new PackedGemm.Operand(b, true), accumulate);
  }

  @Override
  public void matmulAB(Mat c, Mat a, Mat b, boolean accumulate) {
    Shapes.checkAB(c, a, b);
    gemm.multiply(
        c, new PackedGemm.Operand(a, false), new PackedGemm.Operand(b, false), accumulate);
  }

  @Override
  public void matmulAtB(Mat c, Mat a, Mat b, boolean accumulate) {
    Shapes.checkAtB(c, a, b);
    gemm.multiply(c, new PackedGemm.Operand(a, true), new PackedGemm.Operand(b, false), accumulate);
  }

  @Override
  public void matvec(Mat y, Mat w, Mat x) {
    Shapes.checkABt(y, x, w);
    int rows = w.rows();
    long flopsPerBlock = 8L * w.cols() * x.rows();
    pool.parallelFor(
        PackedGemm.ceilDiv(rows, 4),
        flopsPerBlock,
        (q0, q1) -> matvecRows(y, w, x, q0 * 4, Math.min(q1 * 4, rows)));
  }

  // Rows [o0, o1) of y = x·wᵀ: blocks of 4 weight rows against 4 inputs (16 accumulators) read each
  // weight row from memory once for the whole batch.
  private static void matvecRows(Mat y, Mat w, Mat x, int o0, int o1) {
    int batch = x.rows();
    float[] buf = new float[16 * L];
    int o = o0;
    for (; o + 4 <= o1; o += 4) {
      int b = 0;
      for (; b + 4 <= batch; b += 4) {
        dot4x4(y, w, x, o, b, buf);
      }
      for (; b < batch; b++) {
        dot4x1(y, w, x, o, b, buf);
      }
    }
    for (; o < o1; o++) {
      for (int b = 0; b < batch; b++) {
        y.set(b, o, dotRaw(w.data(), w.index(o, 0), x.data(), x.index(b, 0), w.cols()));
      }
    }
  }

  private static void dot4x4(Mat y, Mat w, Mat x, int o, int b, float[] buf) {
    int n = w.cols();
    float[] wd = w.data();
    float[] xd = x.data();
    int w0 = w.index(o, 0), w1 = w0 + w.stride(), w2 = w1 + w.stride(), w3 = w2 + w.stride();
    int x0 = x.index(b, 0), x1 = x0 + x.stride(), x2 = x1 + x.stride(), x3 = x2 + x.stride();
    FloatVector a00 = FloatVector.zero(S), a01 = a00, a02 = a00, a03 = a00;
    FloatVector a10 = a00, a11 = a00, a12 = a00, a13 = a00;
    FloatVector a20 = a00, a21 = a00, a22 = a00, a23 = a00;
    FloatVector a30 = a00, a31 = a00, a32 = a00, a33 = a00;
    int k = 0;
    int bound = S.loopBound(n);
    for (; k < bound; k += L) {
      FloatVector v0 = FloatVector.fromArray(S, xd, x0 + k);
      FloatVector v1 = FloatVector.fromArray(S, xd, x1 + k);
      FloatVector v2 = FloatVector.fromArray(S, xd, x2 + k);
      FloatVector v3 = FloatVector.fromArray(S, xd, x3 + k);
      FloatVector r = FloatVector.fromArray(S, wd, w0 + k);
      a00 = r.fma(v0, a00);
      a01 = r.fma(v1, a01);
      a02 = r.fma(v2, a02);
      a03 = r.fma(v3, a03);
      r = FloatVector.fromArray(S, wd, w1 + k);
      a10 = r.fma(v0, a10);
      a11 = r.fma(v1, a11);
      a12 = r.fma(v2, a12);
      a13 = r.fma(v3, a13);
      r = FloatVector.fromArray(S, wd, w2 + k);
      a20 = r.fma(v0, a20);
      a21 = r.fma(v1, a21);
      a22 = r.fma(v2, a22);
      a23 = r.fma(v3, a23);
      r = FloatVector.fromArray(S, wd, w3 + k);
      a30 = r.fma(v0, a30);
      a31 = r.fma(v1, a31);
      a32 = r.fma(v2, a32);
      a33 = r.fma(v3, a33);
    }
    // Reduce through memory: 16 inlined butterflies would exceed C2's inlining budget and box the
    // vectors.
    a00.intoArray(buf, 0);
    a01.intoArray(buf, L);
    a02.intoArray(buf, 2 * L);
    a03.intoArray(buf, 3 * L);
    a10.intoArray(buf, 4 * L);
    a11.intoArray(buf, 5 * L);
    a12.intoArray(buf, 6 * L);
    a13.intoArray(buf, 7 * L);
    a20.intoArray(buf, 8 * L);
    a21.intoArray(buf, 9 * L);
    a22.intoArray(buf, 10 * L);
    a23.intoArray(buf, 11 * L);
    a30.intoArray(buf, 12 * L);
    a31.intoArray(buf, 13 * L);
    a32.intoArray(buf, 14 * L);
    a33.intoArray(buf, 15 * L);
    float[] s = new float[16];
    for (int i = 0; i < 16; i++) {
      s[i] = VMath.sumLanes(buf, i * L);
    }
    int[] wr = {w0, w1, w2, w3};
    int[] xr = {x0, x1, x2, x3};
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j < 4; j++) {
        float t = s[i * 4 + j];
        for (int kk = k; kk < n; kk++) {
          t += wd[wr[i] + kk] * xd[xr[j] + kk];
        }
        y.set(b + j, o + i, t);
      }
    }
  }

  private static void dot4x1(Mat y, Mat w, Mat x, int o, int b, float[] buf) {
    int n = w.cols();
    float[] wd = w.data();
    float[] xd = x.data();
    int w0 = w.index(o, 0), w1 = w0 + w.stride(), w2 = w1 + w.stride(), w3 = w2 + w.stride();
    int x0 = x.index(b, 0);
    FloatVector a0 = FloatVector.zero(S), a1 = a0, a2 = a0, a3 = a0;
    int k = 0;
    int bound = S.loopBound(n);
    for (; k < bound; k += L) {
      FloatVector v = FloatVector.fromArray(S, xd, x0 + k);
      a0 = FloatVector.fromArray(S, wd, w0 + k).fma(v, a0);
      a1 = FloatVector.fromArray(S, wd, w1 + k).fma(v, a1);
      a2 = FloatVector.fromArray(S, wd, w2 + k).fma(v, a2);
      a3 = FloatVector.fromArray(S, wd, w3 + k).fma(v, a3);
    }
    float s0 = VMath.sum(a0, buf);
    float s1 = VMath.sum(a1, buf);
    float s2 = VMath.sum(a2, buf);
    float s3 = VMath.sum(a3, buf);
    for (; k < n; k++) {
      float v = xd[x0 + k];
      s0 += wd[w0 + k] * v;
      s1 += wd[w1 + k] * v;
      s2 += wd[w2 + k] * v;
      s3 += wd[w3 + k] * v;
    }
    y.set(b, o, s0);
    y.set(b, o + 1, s1);
    y.set(b, o + 2, s2);
    y.set(b, o + 3, s3);
  }

  /**
   * Dot product of {@code n} floats at {@code a[ao..]} and {@code b[bo..]}, 4 vector accumulators.
   */
  static float dotRaw(float[] a, int ao, float[] b, int bo, int n) {
    FloatVector s0 = FloatVector.zero(S), s1 = s0, s2 = s0, s3 = s0;
    int k = 0;
    for (; k + 4 * L <= n; k += 4 * L) {
      s0 = FloatVector.fromArray(S, a, ao + k).fma(FloatVector.fromArray(S, b, bo + k), s0);
      s1 = FloatVector.fromArray(S, a, ao + k + L).fma(FloatVector.fromArray(S, b, bo + k + L), s1);
      s2 =
          FloatVector.fromArray(S, a, ao + k + 2 * L)
              .fma(FloatVector.fromArray(S, b, bo + k + 2 * L), s2);
      s3 =
          FloatVector.fromArray(S, a, ao + k + 3 * L)
              .fma(FloatVector.fromArray(S, b, bo + k + 3 * L), s3);
    }
    for (; k + L <= n; k += L) {
      s0 = FloatVector.fromArray(S, a, ao + k).fma(FloatVector.fromArray(S, b, bo + k), s0);
    }
    float s = VMath.sum(s0.add(s1).add(s2.add(s3)));
    for (; k < n; k++) {
      s += a[ao + k] * b[bo + k];
    }
    return s;
  }

  // ---------------------------------------------------------------- row-wise

  @Override
  public void rmsnorm(Mat out, Vec rstd, Mat x, Vec weight, float eps) {
    Shapes.checkRowwise(out, x, weight, rstd);
    int d = x.cols();
    pool.parallelFor(
        x.rows(),
        4L * d,
        (r0, r1) -> {
          for (int r = r0; r < r1; r++) {
            int xo = x.index(r, 0);
            float ss = dotRaw(x.data(), xo, x.data(), xo, d);
            float s = (float) (1.0 / Math.sqrt(ss / d + eps));
            rstd.set(r, s);
            scaleMul(
                out.data(), out.index(r, 0), x.data(), xo, weight.data(), weight.offset(), s, d);
          }
        });
  }

  // out[i] = x[i] * s * w[i]
  private static void scaleMul(
      float[] out, int oo, float[] x, int xo, float[] w, int wo, float s, int n) {
    int k = 0;
    for (int bound = S.loopBound(n); k < bound; k += L) {
      FloatVector.fromArray(S, x, xo + k)
          .mul(s)
          .mul(FloatVector.fromArray(S, w, wo + k))
          .intoArray(out, oo + k);
    }
    for (; k < n; k++) {
      out[oo + k] = x[xo + k] * s * w[wo + k];
    }
  }

  @Override
  public void rmsnormBackward(Mat dx, Mat dout, Mat x, Vec weight, Vec rstd) {
    Shapes.checkRowwise(dx, x, weight, rstd);
    Shapes.checkSame(dout, x);
    int d = x.cols();
    float[] w = weight.data();
    int wo = weight.offset();
    pool.parallelFor(
        x.rows(),
        8L * d,
        (r0, r1) -> {
          for (int r = r0; r < r1; r++) {
            float s = rstd.get(r);
            int go = dout.index(r, 0);
            int xo = x.index(r, 0);
            int dxo = dx.index(r, 0);
            float[] g = dout.data();
            float[] xd = x.data();
            float[] dd = dx.data();
            // <w ⊙ dout, x>
            FloatVector acc = FloatVector.zero(S);
            int k = 0;
            int bound = S.loopBound(d);
            for (; k < bound; k += L) {
              acc =
                  FloatVector.fromArray(S, w, wo + k)
                      .mul(FloatVector.fromArray(S, g, go + k))
                      .fma(FloatVector.fromArray(S, xd, xo + k), acc);
            }
            float dot = VMath.sum(acc);
            for (; k < d; k++) {
              dot += w[wo + k] * g[go + k] * xd[xo + k];
            }
            float c = dot * s * s * s / d;
            k = 0;
            for (; k < bound; k += L) {
              FloatVector wg =
                  FloatVector.fromArray(S, w, wo + k)
                      .mul(FloatVector.fromArray(S, g, go + k))
                      .mul(s);
              FloatVector t = FloatVector.fromArray(S, xd, xo + k).mul(-c).add(wg);
              FloatVector.fromArray(S, dd, dxo + k).add(t).intoArray(dd, dxo + k);
            }
            for (; k < d; k++) {
              dd[dxo + k] += s * w[wo + k] * g[go + k] - c * xd[xo + k];
            }
          }
        });
  }

  @Override
  public void rmsnormWeightGrad(Vec dweight, Mat dout, Mat x, Vec rstd) {
    Shapes.checkSame(dout, x);
    int d = x.cols();
    float[] dw = dweight.data();
    int dwo = dweight.offset();
    // Columns split across threads; rows summed in order, so the result does not depend on the
    // split.
    pool.parallelFor(
        PackedGemm.ceilDiv(d, L),
        2L * L * x.rows(),
        (c0, c1) -> {
          int j0 = c0 * L;
          int j1 = Math.min(c1 * L, d);
          for (int r = 0; r < x.rows(); r++) {
            float s = rstd.get(r);
            int go = dout.index(r, 0);
            int xo = x.index(r, 0);
            int j = j0;
            for (; j + L <= j1; j += L) {
              FloatVector t =
                  FloatVector.fromArray(S, dout.data(), go + j)
                      .mul(FloatVector.fromArray(S, x.data(), xo + j));
              t.mul(s).add(FloatVector.fromArray(S, dw, dwo + j)).intoArray(dw, dwo + j);
            }
            for (; j < j1; j++) {
              dw[dwo + j] += dout.data()[go + j] * x.data()[xo + j] * s;
            }
          }
        });
  }

  @Override
  public void rope(Mat x, int[] positions, RopeTable table, boolean inverse) {
    Shapes.checkRope(x, positions, table);
    int hs = table.headSize();
    int half = hs / 2;
    int heads = x.cols() / hs;
    float[] cos = table.cosArray();
    float[] sin = table.sinArray();
    float sign = inverse ? -1f : 1f;
    float[] d = x.data();
    pool.parallelFor(
        x.rows(),
        6L * x.cols(),
        (r0, r1) -> {
          for (int r = r0; r < r1; r++) {
            int to = positions[r] * half;
            for (int h = 0; h < heads; h++) {
              int o1 = x.index(r, h * hs);
              int o2 = o1 + half;
              int i = 0;
              for (int bound = S.loopBound(half); i < bound; i += L) {
                FloatVector c = FloatVector.fromArray(S, cos, to + i);
                FloatVector s = FloatVector.fromArray(S, sin, to + i).mul(sign);
                FloatVector x1 = FloatVector.fromArray(S, d, o1 + i);
                FloatVector x2 = FloatVector.fromArray(S, d, o2 + i);
                x1.mul(c).sub(x2.mul(s)).intoArray(d, o1 + i);
                x2.mul(c).add(x1.mul(s)).intoArray(d, o2 + i);
              }
              for (; i < half; i++) {
                float c = cos[to + i];
                float s = sign * sin[to + i];
                float x1 = d[o1 + i];
                float x2 = d[o2 + i];
                d[o1 + i] = x1 * c - x2 * s;
                d[o2 + i] = x2 * c + x1 * s;
              }
            }
          }
        });
  }

  @Override
  public void softmax(Vec x) {
    float[] d = x.data();
    int o = x.offset();
    int n = x.length();
    int bound = S.loopBound(n);
    int i = 0;
    FloatVector mv = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
    for (; i < bound; i += L) {
      mv = mv.max(FloatVector.fromArray(S, d, o + i));
    }
    float max = mv.reduceLanes(VectorOperators.MAX);
    for (; i < n; i++) {
      max = Math.max(max, d[o + i]);
    }
    FloatVector sv = FloatVector.zero(S);
    i = 0;
    for (; i < bound; i += L) {
      FloatVector e = FloatVector.fromArray(S, d, o + i).sub(max);
      e = VMath.exp(e);
      e.intoArray(d, o + i);
      sv = sv.add(e);
    }
    float sum = VMath.sum(sv);
    for (; i < n; i++) {
      float e = VMath.exp(d[o + i] - max);
      d[o + i] = e;
      sum += e;
    }
    scale(x, 1f / sum);
  }

  @Override
  public void softmaxBackward(Vec dx, Vec p, Vec dp) {
    float dot = dot(p, dp);
    float[] out = dx.data();
    float[] pd = p.data();
    float[] gd = dp.data();
    int n = p.length();
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      FloatVector pv = FloatVector.fromArray(S, pd, p.offset() + i);
      FloatVector t = FloatVector.fromArray(S, gd, dp.offset() + i).sub(dot).mul(pv);
      FloatVector.fromArray(S, out, dx.offset() + i).add(t).intoArray(out, dx.offset() + i);
    }
    for (; i < n; i++) {
      out[dx.offset() + i] += pd[p.offset() + i] * (gd[dp.offset() + i] - dot);
    }
  }

  @Override
  public void swiglu(Mat h, Mat gate, Mat up) {
    Shapes.checkSame(h, gate);
    Shapes.checkSame(h, up);
    int d = h.cols();
    pool.parallelFor(
        h.rows(),
        20L * d,
        (r0, r1) -> {
          for (int r = r0; r < r1; r++) {
            float[] hd = h.data();
            float[] gd = gate.data();
            float[] ud = up.data();
            int ho = h.index(r, 0);
            int go = gate.index(r, 0);
            int uo = up.index(r, 0);
            int j = 0;
            for (int bound = S.loopBound(d); j < bound; j += L) {
              FloatVector g = FloatVector.fromArray(S, gd, go + j);
              FloatVector sig = VMath.sigmoid(g);
              g.mul(sig).mul(FloatVector.fromArray(S, ud, uo + j)).intoArray(hd, ho + j);
            }
            for (; j < d; j++) {
              float g = gd[go + j];
              float sig = VMath.sigmoid(g);
              hd[ho + j] = g * sig * ud[uo + j];
            }
          }
        });
  }

  @Override
  public void swigluBackward(Mat dgate, Mat dup, Mat dh, Mat gate, Mat up) {
    Shapes.checkSame(dgate, gate);
    Shapes.checkSame(dup, gate);
    Shapes.checkSame(dh, gate);
    Shapes.checkSame(up, gate);
    int d = gate.cols();
    pool.parallelFor(
        gate.rows(),
        30L * d,
        (r0, r1) -> {
          for (int r = r0; r < r1; r++) {
            int go = gate.index(r, 0);
            int uo = up.index(r, 0);
            int ho = dh.index(r, 0);
            int dgo = dgate.index(r, 0);
            int duo = dup.index(r, 0);
            float[] gd = gate.data();
            float[] ud = up.data();
            float[] hd = dh.data();
            int j = 0;
            for (int bound = S.loopBound(d); j < bound; j += L) {
              FloatVector g = FloatVector.fromArray(S, gd, go + j);
              FloatVector sig = VMath.sigmoid(g);
              FloatVector dhv = FloatVector.fromArray(S, hd, ho + j);
              dhv.mul(g).mul(sig).intoArray(dup.data(), duo + j);
              // σ(g)·(1 + g·(1 − σ(g)))
              FloatVector dsilu = sig.neg().add(1f).mul(g).add(1f).mul(sig);
              dhv.mul(FloatVector.fromArray(S, ud, uo + j))
                  .mul(dsilu)
                  .intoArray(dgate.data(), dgo + j);
            }
            for (; j < d; j++) {
              float g = gd[go + j];
              float sig = VMath.sigmoid(g);
              float dv = hd[ho + j];
              dup.data()[duo + j] = dv * g * sig;
              dgate.data()[dgo + j] = dv * ud[uo + j] * sig * (1f + g * (1f - sig));
            }
          }
        });
  }

  // ---------------------------------------------------------------- vectors

  @Override
  public float dot(Vec a, Vec b) {
    Shapes.checkSameLength(a, b);
    return dotRaw(a.data(), a.offset(), b.data(), b.offset(), a.length());
  }

  @Override
  public void axpy(float alpha, Vec x, Vec y) {
    Shapes.checkSameLength(x, y);
    axpyRaw(alpha, x.data(), x.offset(), y.data(), y.offset(), x.length());
  }

  /** {@code y[yo..] += alpha * x[xo..]} over {@code n} floats. */
  static void axpyRaw(float alpha, float[] x, int xo, float[] y, int yo, int n) {
    FloatVector a = FloatVector.broadcast(S, alpha);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      FloatVector.fromArray(S, x, xo + i)
          .fma(a, FloatVector.fromArray(S, y, yo + i))
          .intoArray(y, yo + i);
    }
    for (; i < n; i++) {
      y[yo + i] += alpha * x[xo + i];
    }
  }

  @Override
  public void scale(Vec x, float s) {
    float[] d = x.data();
    int o = x.offset();
    int n = x.length();
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      FloatVector.fromArray(S, d, o + i).mul(s).intoArray(d, o + i);
    }
    for (; i < n; i++) {
      d[o + i] *= s;
    }
  }

  @Override
  public void add(Mat y, Mat x) {
    Shapes.checkSame(y, x);
    int d = y.cols();
    pool.parallelFor(
        y.rows(),
        d,
        (r0, r1) -> {
          for (int r = r0; r < r1; r++) {
            axpyRaw(1f, x.data(), x.index(r, 0), y.data(), y.index(r, 0), d);
          }
        });
  }
}
