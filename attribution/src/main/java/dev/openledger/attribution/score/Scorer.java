package dev.openledger.attribution.score;

import dev.openledger.attribution.grad.GradientStore;
import dev.openledger.attribution.grad.Projector;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Scores a store's rows against a query gradient by any {@link ScoringMethod}, projecting the query
 * first.
 */
public final class Scorer {
  private final GradientStore store;
  private final Projector projector;
  private final ScoringPool pool;

  public Scorer(GradientStore store, ScoringPool pool) {
    this.store = store;
    this.projector = store.projector();
    this.pool = pool;
  }

  /**
   * @param query the query gradient in the store's source layout (one vector per checkpoint for
   *     TracIn; the other methods use the last)
   * @param included rows taking part
   */
  public RowScores score(ScoringMethod method, QueryGradient query, BitSet included) {
    if (query.dim() != store.sourceLayout().dim()) {
      throw new IllegalArgumentException(
          "query gradient has "
              + query.dim()
              + " elements, the store's source layout "
              + store.sourceLayout().dim());
    }
    return switch (method) {
      case DATAINF -> DataInf.score(store, project(query.last()), included, pool);
      case GRAD_DOT -> GradientScores.gradDot(store, project(query.last()), included, pool);
      case GRAD_COS -> GradientScores.gradCos(store, project(query.last()), included, pool);
      case TRACIN -> {
        List<float[]> projected = new ArrayList<>();
        for (int c = 0; c < query.count(); c++) {
          projected.add(project(query.at(c)));
        }
        yield GradientScores.tracIn(store, projected, included, pool);
      }
    };
  }

  private float[] project(float[] v) {
    float[] out = new float[store.layout().dim()];
    projector.project(v, out);
    return out;
  }
}
