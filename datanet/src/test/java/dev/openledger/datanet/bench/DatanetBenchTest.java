package dev.openledger.datanet.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openledger.core.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark runs end to end on a few files and reports every figure (timings are not judged
 * here).
 */
class DatanetBenchTest {
  @TempDir Path work;

  @Test
  void smallRunReportsAllFigures() throws Exception {
    DatanetBench.Report r =
        DatanetBench.run(
            new DatanetBench.Config(
                Path.of(System.getProperty("openledger.repo.root")), work, 8, 2));
    assertThat(r.files()).isEqualTo(8);
    assertThat(r.rowsAccepted()).isPositive().isLessThanOrEqualTo(r.rows());
    assertThat(r.rowsPerSecond()).isPositive();
    assertThat(r.dedup()).hasSize(4);
    assertThat(r.dedup().get(3).indexRows()).isEqualTo(r.rowsAccepted());
    assertThat(r.dedup())
        .allSatisfy(
            p -> {
              assertThat(p.exactCaught()).isEqualTo(1.0);
              assertThat(p.nearCaught()).isGreaterThan(0.9);
              assertThat(p.freshFlagged()).isZero();
            });
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    DatanetBench.print(r, new PrintStream(out, true, StandardCharsets.UTF_8));
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("rows/s").contains("near copy");
    assertThat(Json.mapper().readTree(Json.write(r)).get("dedup")).hasSize(4);
  }
}
