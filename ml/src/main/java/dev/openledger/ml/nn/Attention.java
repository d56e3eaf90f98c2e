package dev.openledger.ml.nn;

import dev.openledger.ml.tensor.Kernels;
import dev.openledger.ml.tensor.Mat;
import dev.openledger.ml.tensor.Vec;

/**
 * Causal grouped-query self-attention (Vaswani et al., 2017; Ainslie et al., "GQA", 2023) over
 * rotated queries and keys. Per sequence b and head h, with {@code Q, K, V [T, HS]} column blocks
 * of the fused {@code qkv [B·T, C+2KV]} buffer:
 *
 * <pre>
 *   S = Q·Kᵀ / √HS            [T, T]
 *   P = softmax(S + causal mask) row by row   (saved in att)
 *   Y = P·V                   [T, HS]          (written into y [B·T, C], columns h·HS…)
 * </pre>
 *
 * Products go through the kernels' GEMM on strided views (the masked upper triangle is computed and
 * then ignored: on short sequences a dense product is faster than a triangle of dot products).
 */
public final class Attention {
  private final Kernels k;
  private final AttentionShape shape;
  private final ThreadLocal<float[][]> scratch;

  public Attention(Kernels kernels, AttentionShape shape) {
    this.k = kernels;
    this.shape = shape;
    int t = shape.seqLen();
    this.scratch =
        ThreadLocal.withInitial(() -> new float[][] {new float[t * t], new float[t * t]});
  }

  public AttentionShape shape() {
    return shape;
  }

  /**
   * {@code y [B·T, C]}, {@code att [B·NH·T, T]} (probabilities, saved for backward), {@code qkv
   * [B·T, C+2KV]}.
   */
  public void forward(Mat y, Mat att, Mat qkv) {
    int nh = shape.nHeads();
    int t = shape.seqLen();
    float scale = (float) (1.0 / Math.sqrt(shape.headSize()));
    long flopsPerHead = 4L * t * t * shape.headSize();
    k.pool()
        .parallelFor(
            shape.batch() * nh,
            flopsPerHead,
            (i0, i1) -> {
              for (int i = i0; i < i1; i++) {
                int b = i / nh;
                int h = i % nh;
                Mat p = att.rows(i * t, (i + 1) * t);
                k.matmulABt(p, query(qkv, b, h), key(qkv, b, h / shape.group()), false);
                for (int row = 0; row < t; row++) {
                  Vec r = p.row(row);
                  k.scale(r.slice(0, row + 1), scale);
                  k.softmax(r.slice(0, row + 1));
                  r.slice(row + 1, t).zero();
                }
                k.matmulAB(head(y, b, h), p, value(qkv, b, h / shape.group()), false);
              }
            });
  }

  /**
   * Writes {@code dqkv [B·T, C+2KV]} (all of it) from {@code dy [B·T, C]}. Work is split by
   * (sequence, key/value head), so the query heads that share a key/value head add into its
   * gradient in a fixed order.
   */
  public void backward(Mat dqkv, Mat dy, Mat qkv, Mat att) {
    int nh = shape.nHeads();
    int nkv = shape.nKvHeads();
    int t = shape.seqLen();
    int group = shape.group();
    float scale = (float) (1.0 / Math.sqrt(shape.headSize()));
    long flopsPerGroup = 8L * t * t * shape.headSize() * group;
    k.pool()
        .parallelFor(
            shape.batch() * nkv,
            flopsPerGroup,
            (i0, i1) -> {
              float[][] s = scratch.get();
              Mat dp = new Mat(s[0], 0, t, t);
              Mat ds = new Mat(s[1], 0, t, t);
              for (int i = i0; i < i1; i++) {
                int b = i / nkv;
                int kvh = i % nkv;
                Mat kMat = key(qkv, b, kvh);
                Mat vMat = value(qkv, b, kvh);
                Mat dk = key(dqkv, b, kvh);
                Mat dv = value(dqkv, b, kvh);
                for (int g = 0; g < group; g++) {
                  int h = kvh * group + g;
                  Mat p = att.rows((b * nh + h) * t, (b * nh + h + 1) * t);
                  Mat dyh = head(dy, b, h);
                  k.matmulABt(dp, dyh, vMat, false); // dP = dY·Vᵀ
                  ds.zero();
                  for (int row = 0; row < t; row++) {
                    Vec dsRow = ds.row(row).slice(0, row + 1);
                    k.softmaxBackward(
                        dsRow, p.row(row).slice(0, row + 1), dp.row(row).slice(0, row + 1));
                    k.scale(dsRow, scale); // through S = Q·Kᵀ·scale
                  }
                  k.matmulAB(query(dqkv, b, h), ds, kMat, false); // dQ = dS·K
                  k.matmulAtB(dk, ds, query(qkv, b, h), g > 0); // dK += dSᵀ·Q
                  k.matmulAtB(dv, p, dyh, g > 0); // dV += Pᵀ·dY
                }
              }
            });
  }

  private Mat query(Mat qkv, int b, int h) {
    int t = shape.seqLen();
    int hs = shape.headSize();
    return qkv.rows(b * t, (b + 1) * t).cols(h * hs, (h + 1) * hs);
  }

  private Mat key(Mat qkv, int b, int kvh) {
    int t = shape.seqLen();
    int hs = shape.headSize();
    int o = shape.dim();
    return qkv.rows(b * t, (b + 1) * t).cols(o + kvh * hs, o + (kvh + 1) * hs);
  }

  private Mat value(Mat qkv, int b, int kvh) {
    int t = shape.seqLen();
    int hs = shape.headSize();
    int o = shape.dim() + shape.kvDim();
    return qkv.rows(b * t, (b + 1) * t).cols(o + kvh * hs, o + (kvh + 1) * hs);
  }

  private Mat head(Mat y, int b, int h) {
    int t = shape.seqLen();
    int hs = shape.headSize();
    return y.rows(b * t, (b + 1) * t).cols(h * hs, (h + 1) * hs);
  }
}
