package dev.openledger.attribution.score;

import dev.openledger.attribution.grad.GradientStore;
import dev.openledger.attribution.grad.Segment;
import dev.openledger.attribution.grad.SegmentLayout;
import dev.openledger.attribution.kernel.Kernels;
import java.util.BitSet;

/**
 * DataInf's closed form (Kwon, Wu, Wu and Zou, "DataInf: Efficiently Estimating Data Influence in
 * LoRA-tuned LLMs and Diffusion Models", ICLR 2024, eq. 5), per LoRA tensor l, over the final
 * checkpoint:
 *
 * <pre>
 * λ_l = 0.1 · (1/(n·d_l)) · Σ_i ‖g_{l,i}‖²          (d_l: the tensor's size before projection)
 * a_{l,i} = v_l · g_{l,i}
 * c_{l,i} = a_{l,i} / (λ_l + ‖g_{l,i}‖²)
 * u_l = (1/n) Σ_i c_{l,i} g_{l,i}
 * s_k = Σ_l (a_{l,k} − u_l · g_{l,k}) / λ_l         (= −I_DataInf(z_k): positive helps)
 * </pre>
 *
 * which is {@code s_k = g_kᵀ r} with {@code r_l = (1/n) Σ_i (g_{l,i} g_{l,i}ᵀ + λ_l I)⁻¹ v_l} by
 * Sherman-Morrison, never forming a d×d matrix. Three streaming passes over the store: O(n·d) time
 * and O(d) memory beyond the per-row outputs. A tensor whose gradients are all zero (λ_l = 0)
 * contributes 0.
 */
public final class DataInf {
  private DataInf() {}

  /** Per-tensor damping of the included rows at checkpoint {@code c}: λ_l as above. */
  public static double[] damping(GradientStore store, int c, BitSet included) {
    SegmentLayout layout = store.layout();
    SegmentLayout source = store.sourceLayout();
    double[] sum = new double[layout.size()];
    for (int i = included.nextSetBit(0); i >= 0; i = included.nextSetBit(i + 1)) {
      for (int l = 0; l < sum.length; l++) {
        sum[l] += store.squaredNorm(i, c, l);
      }
    }
    int n = included.cardinality();
    double[] lambda = new double[sum.length];
    for (int l = 0; l < sum.length; l++) {
      lambda[l] = n == 0 ? 0 : 0.1 * sum[l] / ((double) n * source.get(l).length());
    }
    return lambda;
  }

  /**
   * Scores the included rows.
   *
   * @param store the gradient store
   * @param query the query gradient at the final checkpoint, already projected to {@code
   *     store.layout()}
   * @param included rows taking part
   * @param pool threads
   */
  public static RowScores score(
      GradientStore store, float[] query, BitSet included, ScoringPool pool) {
    SegmentLayout layout = store.layout();
    if (query.length != layout.dim()) {
      throw new IllegalArgumentException(
          "query has " + query.length + " elements, the store's layout " + layout.dim());
    }
    int rows = store.rowCount();
    int segs = layout.size();
    int c = store.checkpointCount() - 1;
    int n = included.cardinality();
    double[] scores = new double[rows];
    if (n == 0) {
      return new RowScores(ScoringMethod.DATAINF, scores, included);
    }
    double[] lambda = damping(store, c, included);
    int blocks = ScoringPool.blockCount(rows);

    // Pass 1: a_{l,i} = v_l · g_{l,i}.
    double[] a = new double[rows * segs];
    pool.forEachBlock(
        blocks,
        b -> {
          float[] g = new float[layout.dim()];
          forRows(
              b,
              rows,
              included,
              i -> {
                store.copyRow(c, i, g);
                for (int l = 0; l < segs; l++) {
                  Segment s = layout.get(l);
                  a[i * segs + l] = Kernels.dot(query, s.offset(), g, s.offset(), s.length());
                }
              });
        });

    // Pass 2: u_l = (1/n) Σ_i c_{l,i} g_{l,i}; float partials per block, summed in block order in
    // double.
    float[][] partial = new float[blocks][];
    pool.forEachBlock(
        blocks,
        b -> {
          float[] g = new float[layout.dim()];
          float[] acc = new float[layout.dim()];
          forRows(
              b,
              rows,
              included,
              i -> {
                store.copyRow(c, i, g);
                for (int l = 0; l < segs; l++) {
                  if (lambda[l] == 0) {
                    continue;
                  }
                  Segment s = layout.get(l);
                  float ci = (float) (a[i * segs + l] / (lambda[l] + store.squaredNorm(i, c, l)));
                  Kernels.axpy(ci, g, s.offset(), acc, s.offset(), s.length());
                }
              });
          partial[b] = acc;
        });
    double[] sum = new double[layout.dim()];
    for (float[] p : partial) {
      for (int j = 0; j < sum.length; j++) {
        sum[j] += p[j];
      }
    }
    float[] u = new float[layout.dim()];
    for (int j = 0; j < u.length; j++) {
      u[j] = (float) (sum[j] / n);
    }

    // Pass 3: s_k = Σ_l (a_{l,k} − u_l · g_{l,k}) / λ_l.
    pool.forEachBlock(
        blocks,
        b -> {
          float[] g = new float[layout.dim()];
          forRows(
              b,
              rows,
              included,
              i -> {
                store.copyRow(c, i, g);
                double s = 0;
                for (int l = 0; l < segs; l++) {
                  if (lambda[l] == 0) {
                    continue;
                  }
                  Segment seg = layout.get(l);
                  double ug = Kernels.dot(u, seg.offset(), g, seg.offset(), seg.length());
                  s += (a[i * segs + l] - ug) / lambda[l];
                }
                scores[i] = s;
              });
        });
    return new RowScores(ScoringMethod.DATAINF, scores, included);
  }

  /** Calls {@code body} for each included row of block {@code b}, in ascending order. */
  static void forRows(int b, int rows, BitSet included, java.util.function.IntConsumer body) {
    int end = Math.min(rows, (b + 1) * ScoringPool.BLOCK_ROWS);
    for (int i = included.nextSetBit(b * ScoringPool.BLOCK_ROWS);
        i >= 0 && i < end;
        i = included.nextSetBit(i + 1)) {
      body.accept(i);
    }
  }
}
