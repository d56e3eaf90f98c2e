package dev.openledger.attribution.score;

import dev.openledger.attribution.grad.GradientStore;
import dev.openledger.attribution.grad.Segment;
import dev.openledger.attribution.grad.SegmentLayout;
import dev.openledger.attribution.kernel.Kernels;
import java.util.BitSet;
import java.util.List;

/**
 * The Hessian-free scores: TracIn-CP, gradient dot product and cosine, and self-influence.
 *
 * <pre>
 * TracIn(i)   = Σ_c η_c · v_c · g_{c,i}                 (Pruthi et al., NeurIPS 2020)
 * GradDot(i)  = v · g_{C−1,i}
 * GradCos(i)  = v · g_{C−1,i} / (‖v‖·‖g_{C−1,i}‖)      (0 when either norm is 0)
 * SI(i)       = Σ_c η_c · ‖g_{c,i}‖²                    (TracIn self-influence; read from the stored norms)
 * </pre>
 */
public final class GradientScores {
  private GradientScores() {}

  /**
   * TracIn-CP over all stored checkpoints.
   *
   * @param queries one projected query vector per checkpoint, in the store's layout
   */
  public static RowScores tracIn(
      GradientStore store, List<float[]> queries, BitSet included, ScoringPool pool) {
    if (queries.size() != store.checkpointCount()) {
      throw new IllegalArgumentException(
          "TracIn needs one query vector per checkpoint: "
              + store.checkpointCount()
              + ", got "
              + queries.size());
    }
    double[] total = new double[store.rowCount()];
    for (int c = 0; c < store.checkpointCount(); c++) {
      double[] dots = dots(store, c, queries.get(c), included, pool);
      double eta = store.learningRate(c);
      for (int i = 0; i < total.length; i++) {
        total[i] += eta * dots[i];
      }
    }
    return new RowScores(ScoringMethod.TRACIN, total, included);
  }

  /** v · g_i at the final checkpoint. */
  public static RowScores gradDot(
      GradientStore store, float[] query, BitSet included, ScoringPool pool) {
    return new RowScores(
        ScoringMethod.GRAD_DOT,
        dots(store, store.checkpointCount() - 1, query, included, pool),
        included);
  }

  /** Cosine of v and g_i at the final checkpoint. */
  public static RowScores gradCos(
      GradientStore store, float[] query, BitSet included, ScoringPool pool) {
    int c = store.checkpointCount() - 1;
    double[] dots = dots(store, c, query, included, pool);
    double qn = Math.sqrt(Kernels.dot(query, 0, query, 0, query.length));
    for (int i = 0; i < dots.length; i++) {
      double gn = 0;
      for (int s = 0; s < store.layout().size(); s++) {
        gn += store.squaredNorm(i, c, s);
      }
      gn = Math.sqrt(gn);
      dots[i] = (qn == 0 || gn == 0) ? 0 : dots[i] / (qn * gn);
    }
    return new RowScores(ScoringMethod.GRAD_COS, dots, included);
  }

  /** SI(i) = Σ_c η_c ‖g_{c,i}‖² for every row (included or not: flags need every row). */
  public static double[] selfInfluence(GradientStore store) {
    double[] si = new double[store.rowCount()];
    int segs = store.layout().size();
    for (int i = 0; i < si.length; i++) {
      double s = 0;
      for (int c = 0; c < store.checkpointCount(); c++) {
        double norm = 0;
        for (int l = 0; l < segs; l++) {
          norm += store.squaredNorm(i, c, l);
        }
        s += store.learningRate(c) * norm;
      }
      si[i] = s;
    }
    return si;
  }

  /** v · g_{c,i} for the included rows (whole vector, summed per segment in layout order). */
  static double[] dots(
      GradientStore store, int c, float[] query, BitSet included, ScoringPool pool) {
    SegmentLayout layout = store.layout();
    if (query.length != layout.dim()) {
      throw new IllegalArgumentException(
          "query has " + query.length + " elements, the store's layout " + layout.dim());
    }
    int rows = store.rowCount();
    double[] out = new double[rows];
    pool.forEachBlock(
        ScoringPool.blockCount(rows),
        b -> {
          float[] g = new float[layout.dim()];
          DataInf.forRows(
              b,
              rows,
              included,
              i -> {
                store.copyRow(c, i, g);
                double s = 0;
                for (Segment seg : layout.segments()) {
                  s += Kernels.dot(query, seg.offset(), g, seg.offset(), seg.length());
                }
                out[i] = s;
              });
        });
    return out;
  }
}
