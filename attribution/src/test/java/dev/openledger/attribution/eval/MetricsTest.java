package dev.openledger.attribution.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MetricsTest {

  @Test
  void aucCountsPairsAndHalvesTies() {
    assertThat(Metrics.auc(new double[] {3, 2, 1, 0}, new boolean[] {true, true, false, false}))
        .isEqualTo(1.0);
    assertThat(Metrics.auc(new double[] {0, 1, 2, 3}, new boolean[] {true, true, false, false}))
        .isEqualTo(0.0);
    assertThat(Metrics.auc(new double[] {1, 1, 1, 1}, new boolean[] {true, false, true, false}))
        .isEqualTo(0.5);
    // positives {3, 1}, negatives {2, 0}: pairs won 3>2, 3>0, 1>0; lost 1<2 → 3/4
    assertThat(Metrics.auc(new double[] {3, 2, 1, 0}, new boolean[] {true, false, true, false}))
        .isEqualTo(0.75);
  }

  @Test
  void spearmanUsesAverageRanks() {
    assertThat(Metrics.ranks(new double[] {10, 20, 20, 5})).containsExactly(2, 3.5, 3.5, 1);
    assertThat(Metrics.spearman(new double[] {1, 2, 3, 4}, new double[] {1, 4, 9, 16}))
        .isCloseTo(1.0, within(1e-12));
    assertThat(Metrics.spearman(new double[] {1, 2, 3, 4}, new double[] {4, 3, 2, 1}))
        .isCloseTo(-1.0, within(1e-12));
    assertThat(Metrics.spearman(new double[] {1, 2, 3}, new double[] {5, 5, 5})).isNaN();
  }

  /**
   * An exactly additive "model": retraining on S gives Σ_{p∈S} w_q(p), so the true weights score
   * LDS 1.
   */
  @Test
  void ldsIsOneForTheTrueAdditiveModelAndNearZeroForNoise() {
    Random rnd = new Random(3);
    int players = 12;
    int queries = 5;
    double[][] truth = new double[queries][players];
    double[][] noise = new double[queries][players];
    for (int q = 0; q < queries; q++) {
      for (int p = 0; p < players; p++) {
        truth[q][p] = rnd.nextGaussian();
        noise[q][p] = rnd.nextGaussian();
      }
    }
    Lds.Retrain additive =
        mask -> {
          double[] out = new double[queries];
          for (int q = 0; q < queries; q++) {
            for (int p = 0; p < players; p++) {
              out[q] += mask[p] ? truth[q][p] : 0;
            }
          }
          return out;
        };
    List<boolean[]> subsets = Lds.subsets(players, 100, 0.5, 9);
    for (boolean[] s : subsets) {
      int size = 0;
      for (boolean b : s) {
        size += b ? 1 : 0;
      }
      assertThat(size).isEqualTo(6);
    }
    assertThat(Lds.score(truth, subsets, additive).mean()).isCloseTo(1.0, within(1e-12));
    Lds.Result random = Lds.score(noise, subsets, additive);
    assertThat(Math.abs(random.mean())).isLessThan(0.3);
    assertThat(random.ciLow()).isLessThanOrEqualTo(random.mean());
    assertThat(Lds.subsets(players, 100, 0.5, 9).get(7)).containsExactly(subsets.get(7)); // seeded
  }
}
