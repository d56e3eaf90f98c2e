package dev.openledger.attribution.score;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openledger.attribution.Synthetic;
import dev.openledger.attribution.eval.Metrics;
import dev.openledger.attribution.grad.GradientStore;
import dev.openledger.attribution.grad.ProjectionSpec;
import dev.openledger.attribution.grad.SegmentLayout;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScoringTest {
  @TempDir Path dir;

  static BitSet all(int n) {
    BitSet b = new BitSet(n);
    b.set(0, n);
    return b;
  }

  /**
   * The closed form against the formula it stands for, computed directly in double: per segment,
   * r_l = (1/n) Σ_i (g_{l,i} g_{l,i}ᵀ + λ_l I)⁻¹ v_l with each d×d matrix inverted by Gauss-Jordan,
   * and s_k = Σ_l r_l · g_{l,k}.
   */
  @Test
  void closedFormEqualsDirectMatrixComputation() throws IOException {
    Map<String, Integer> seg = new LinkedHashMap<>();
    seg.put("lora_A", 6);
    seg.put("lora_B", 5);
    SegmentLayout layout = SegmentLayout.of(seg);
    Synthetic syn = new Synthetic(layout, 3, 1.0f, 1, 7);
    List<Synthetic.Row> rows = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      rows.add(syn.row(i % 3, Synthetic.account("c"), Synthetic.DATANET_A));
    }
    GradientStore store =
        Synthetic.store(dir.resolve("s"), layout, ProjectionSpec.NONE, rows, new double[] {1});
    float[] v = syn.query(0, 0.5f).get(0);
    double[] fast;
    try (ScoringPool pool = new ScoringPool(2)) {
      fast = DataInf.score(store, v, all(12), pool).values();
    }
    double[] direct = new double[12];
    for (int l = 0; l < layout.size(); l++) {
      int off = layout.get(l).offset();
      int d = layout.get(l).length();
      double lambda = 0;
      for (Synthetic.Row r : rows) {
        for (int j = 0; j < d; j++) {
          lambda += (double) r.grads()[0][off + j] * r.grads()[0][off + j];
        }
      }
      lambda = 0.1 * lambda / (12.0 * d);
      double[] rl = new double[d];
      for (Synthetic.Row r : rows) {
        double[][] m = new double[d][d];
        for (int a = 0; a < d; a++) {
          for (int b = 0; b < d; b++) {
            m[a][b] =
                (double) r.grads()[0][off + a] * r.grads()[0][off + b] + (a == b ? lambda : 0);
          }
        }
        double[][] inv = invert(m);
        for (int a = 0; a < d; a++) {
          for (int b = 0; b < d; b++) {
            rl[a] += inv[a][b] * v[off + b] / 12.0;
          }
        }
      }
      for (int k = 0; k < 12; k++) {
        for (int a = 0; a < d; a++) {
          direct[k] += rl[a] * rows.get(k).grads()[0][off + a];
        }
      }
    }
    double scale = 0;
    for (double x : direct) {
      scale = Math.max(scale, Math.abs(x));
    }
    for (int k = 0; k < 12; k++) {
      assertThat(Math.abs(fast[k] - direct[k])).as("row %d", k).isLessThan(1e-4 * scale);
    }
  }

  /** Gauss-Jordan with partial pivoting. */
  static double[][] invert(double[][] m) {
    int n = m.length;
    double[][] a = new double[n][2 * n];
    for (int i = 0; i < n; i++) {
      System.arraycopy(m[i], 0, a[i], 0, n);
      a[i][n + i] = 1;
    }
    for (int col = 0; col < n; col++) {
      int piv = col;
      for (int r = col + 1; r < n; r++) {
        if (Math.abs(a[r][col]) > Math.abs(a[piv][col])) {
          piv = r;
        }
      }
      double[] t = a[col];
      a[col] = a[piv];
      a[piv] = t;
      double p = a[col][col];
      for (int j = 0; j < 2 * n; j++) {
        a[col][j] /= p;
      }
      for (int r = 0; r < n; r++) {
        if (r != col) {
          double f = a[r][col];
          for (int j = 0; j < 2 * n; j++) {
            a[r][j] -= f * a[col][j];
          }
        }
      }
    }
    double[][] inv = new double[n][n];
    for (int i = 0; i < n; i++) {
      System.arraycopy(a[i], n, inv[i], 0, n);
    }
    return inv;
  }

  @Test
  void resultsAreBitIdenticalForAnyThreadCount() throws IOException {
    SegmentLayout layout = SegmentLayout.uniform("t", 3, 48);
    Synthetic syn = new Synthetic(layout, 4, 1.0f, 2, 8);
    List<Synthetic.Row> rows = new ArrayList<>();
    for (int i = 0; i < 1100; i++) { // five blocks, the last partial
      rows.add(syn.row(i % 4, Synthetic.account("c"), Synthetic.DATANET_A));
    }
    GradientStore store =
        Synthetic.store(
            dir.resolve("s"),
            layout,
            ProjectionSpec.rademacher(1, 16),
            rows,
            new double[] {1e-3, 1e-3});
    QueryGradient q = new QueryGradient(syn.query(1, 0.5f));
    BitSet some = all(1100);
    some.clear(3, 40);
    for (ScoringMethod m : ScoringMethod.values()) {
      double[] one;
      double[] three;
      try (ScoringPool p1 = new ScoringPool(1);
          ScoringPool p3 = new ScoringPool(3)) {
        one = new Scorer(store, p1).score(m, q, some).values();
        three = new Scorer(store, p3).score(m, q, some).values();
      }
      assertThat(three).as(m.name()).containsExactly(one);
      assertThat(one[10]).isZero(); // excluded rows score 0
    }
  }

  @Test
  void excludedRowsTakeNoPartAtAll() throws IOException {
    SegmentLayout layout = SegmentLayout.uniform("t", 2, 32);
    Synthetic syn = new Synthetic(layout, 3, 1.0f, 1, 9);
    List<Synthetic.Row> rows = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      rows.add(syn.row(i % 3, Synthetic.account("c"), Synthetic.DATANET_A));
    }
    GradientStore full =
        Synthetic.store(dir.resolve("full"), layout, ProjectionSpec.NONE, rows, new double[] {1});
    GradientStore half =
        Synthetic.store(
            dir.resolve("half"),
            layout,
            ProjectionSpec.NONE,
            rows.subList(0, 30),
            new double[] {1});
    float[] v = syn.query(2, 0.3f).get(0);
    BitSet first30 = new BitSet();
    first30.set(0, 30);
    try (ScoringPool pool = new ScoringPool(1)) {
      double[] masked = DataInf.score(full, v, first30, pool).values();
      double[] alone = DataInf.score(half, v, all(30), pool).values();
      for (int i = 0; i < 30; i++) {
        assertThat(masked[i]).isEqualTo(alone[i]); // same rows, same block: same bits
      }
    }
  }

  @Test
  void tracInIsTheLearningRateWeightedSumOfDots() throws IOException {
    SegmentLayout layout = SegmentLayout.uniform("t", 2, 20);
    Synthetic syn = new Synthetic(layout, 2, 1.0f, 3, 10);
    List<Synthetic.Row> rows = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      rows.add(syn.row(i % 2, Synthetic.account("c"), Synthetic.DATANET_A));
    }
    double[] etas = {3e-3, 2e-3, 1e-3};
    GradientStore store =
        Synthetic.store(dir.resolve("s"), layout, ProjectionSpec.NONE, rows, etas);
    List<float[]> q = syn.query(0, 0.2f);
    RowScores s;
    double[] si;
    try (ScoringPool pool = new ScoringPool(2)) {
      s = new Scorer(store, pool).score(ScoringMethod.TRACIN, new QueryGradient(q), all(20));
      si = GradientScores.selfInfluence(store);
    }
    for (int i = 0; i < 20; i++) {
      double expect = 0;
      double expectSi = 0;
      for (int c = 0; c < 3; c++) {
        expect += etas[c] * dot(q.get(c), rows.get(i).grads()[c]);
        expectSi += etas[c] * dot(rows.get(i).grads()[c], rows.get(i).grads()[c]);
      }
      assertThat(s.get(i)).isCloseTo(expect, org.assertj.core.data.Offset.offset(1e-6));
      assertThat(si[i]).isCloseTo(expectSi, org.assertj.core.data.Offset.offset(1e-6));
    }
  }

  /**
   * Topic detection (DataInf paper §4.2): rows from 5 topics whose gradients cluster by topic, with
   * noise larger than the signal; for a query from topic g, g's rows must score highest, AUC ≥ 0.9
   * for every method, with and without projection.
   */
  @Test
  void queriesFindTheirTopicsRows() throws IOException {
    SegmentLayout layout = SegmentLayout.uniform("lora", 4, 128);
    Synthetic syn = new Synthetic(layout, 5, 1.5f, 2, 11);
    List<Synthetic.Row> rows = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      rows.add(syn.row(i % 5, Synthetic.account("c"), Synthetic.DATANET_A));
    }
    for (ProjectionSpec spec : List.of(ProjectionSpec.NONE, ProjectionSpec.rademacher(5, 48))) {
      GradientStore store =
          Synthetic.store(
              dir.resolve("s" + spec.kind()), layout, spec, rows, new double[] {1e-3, 1e-3});
      try (ScoringPool pool = new ScoringPool(2)) {
        Scorer scorer = new Scorer(store, pool);
        for (ScoringMethod m : ScoringMethod.values()) {
          double auc = 0;
          for (int g = 0; g < 5; g++) {
            RowScores s = scorer.score(m, new QueryGradient(syn.query(g, 1.0f)), all(400));
            boolean[] label = new boolean[400];
            for (int i = 0; i < 400; i++) {
              label[i] = rows.get(i).topic() == g;
            }
            auc += Metrics.auc(s.values(), label) / 5;
          }
          assertThat(auc).as("%s with %s", m, spec.kind()).isGreaterThanOrEqualTo(0.9);
        }
      }
    }
  }

  @Test
  void selfInfluenceFlagsSpam() throws IOException {
    SegmentLayout layout = SegmentLayout.uniform("lora", 2, 64);
    Synthetic syn = new Synthetic(layout, 3, 1.0f, 1, 12);
    List<Synthetic.Row> rows = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      rows.add(
          i % 10 == 0
              ? syn.spam(Synthetic.account("spammer"), 4f)
              : syn.row(i % 3, Synthetic.account("c"), Synthetic.DATANET_A));
    }
    GradientStore store =
        Synthetic.store(dir.resolve("s"), layout, ProjectionSpec.NONE, rows, new double[] {1});
    double[] si = GradientScores.selfInfluence(store);
    boolean[] spam = new boolean[300];
    for (int i = 0; i < 300; i++) {
      spam[i] = rows.get(i).topic() < 0;
    }
    assertThat(Metrics.auc(si, spam)).isGreaterThanOrEqualTo(0.9);
    BitSet flagged = OutlierFlags.flag(si, 3.5);
    int caught = 0;
    int wrong = 0;
    for (int i = 0; i < 300; i++) {
      if (flagged.get(i)) {
        if (spam[i]) {
          caught++;
        } else {
          wrong++;
        }
      }
    }
    assertThat(caught).isGreaterThanOrEqualTo(27); // ≥ 90% of the 30 spam rows
    assertThat(wrong).isLessThanOrEqualTo(13); // ≤ 5% of the 270 honest rows
  }

  static double dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += (double) a[i] * b[i];
    }
    return s;
  }
}
