package dev.openledger.modelfactory.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.openledger.attribution.grad.GradientStore;
import dev.openledger.attribution.grad.ProjectionSpec;
import dev.openledger.attribution.grad.SegmentLayout;
import dev.openledger.core.crypto.Hash;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** After a crash, the loss curve and the gradient log keep exactly what the checkpoint implies. */
class LogRecoveryTest {

  @Test
  void lossCurveDropsStepsAfterTheCheckpointAndATornLine(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("loss.jsonl");
    try (LossCurve c = LossCurve.openAt(f, 0)) {
      for (int s = 1; s <= 5; s++) {
        c.append(new LossPoint(s, s / 10.0, 5f - s, 1e-3f, 1f, 100L * s));
      }
    }
    Files.writeString(f, "{\"step\":6,\"epo", StandardOpenOption.APPEND); // torn by a crash
    try (LossCurve c = LossCurve.openAt(f, 3)) {
      assertThat(c.lastTokens()).isEqualTo(300);
      c.append(new LossPoint(4, 0.4, 1f, 1e-3f, 1f, 400));
    }
    assertThat(LossCurve.read(f)).extracting(LossPoint::step).containsExactly(1, 2, 3, 4);
    assertThatThrownBy(() -> LossCurve.openAt(f, 9)).hasMessageContaining("missing steps");
  }

  @Test
  void gradientLogKeepsRecordsBeforeTheCheckpointAndSealsOnePerRow(@TempDir Path dir)
      throws IOException {
    Path f = dir.resolve("gradients.log");
    int dim = 6;
    try (GradientLog log = GradientLog.openAt(f, dim, 0)) {
      log.append(2, 0, grad(2, dim));
      log.append(0, 1, grad(0, dim));
      log.append(1, 2, grad(1, dim)); // step 2: after the checkpoint below
    }
    Files.write(f, new byte[] {1, 2, 3}, StandardOpenOption.APPEND); // a torn record
    List<Hash> rows =
        List.of(
            Hash.sha256(new byte[] {0}), Hash.sha256(new byte[] {1}), Hash.sha256(new byte[] {2}));
    Path store = dir.resolve("g.olgs");
    try (GradientLog log = GradientLog.openAt(f, dim, 2)) {
      assertThat(Files.size(f)).isEqualTo(2L * (8 + 4 * dim));
      log.append(1, 2, grad(1, dim));
      log.seal(
          store, SegmentLayout.uniform("t", 2, 3), ProjectionSpec.NONE, rows, step -> 0.5 + step);
    }
    try (GradientStore g = GradientStore.open(store).orElseThrow()) {
      assertThat(g.rowIds()).containsExactlyElementsOf(rows);
      assertThat(g.learningRate(0)).isEqualTo((0.5 + 1.5 + 2.5) / 3);
    }
    try (GradientLog log = GradientLog.openAt(f, dim, 3)) {
      log.append(1, 2, grad(1, dim)); // row 1 twice: a bug, refused
      assertThatThrownBy(
              () ->
                  log.seal(
                      dir.resolve("bad.olgs"),
                      SegmentLayout.uniform("t", 2, 3),
                      ProjectionSpec.NONE,
                      rows,
                      step -> 1))
          .isInstanceOf(IllegalStateException.class);
    }
  }

  private static float[] grad(int row, int dim) {
    float[] g = new float[dim];
    for (int i = 0; i < dim; i++) {
      g[i] = row + i / 10f;
    }
    return g;
  }
}
