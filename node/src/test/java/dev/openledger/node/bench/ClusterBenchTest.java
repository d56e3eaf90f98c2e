package dev.openledger.node.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The cluster benchmark runs end to end on a small load (figures are not checked: timing belongs in
 * the command).
 */
class ClusterBenchTest {
  @Test
  void measuresTheEmbeddedEngineAndAClusterOnTheSameWorkload() throws Exception {
    StringWriter progress = new StringWriter();
    ClusterBench.Result r =
        ClusterBench.run(
            new ClusterBench.Config(200, 40, 100, 50, List.of(3)), new PrintWriter(progress));
    assertThat(r.rows())
        .extracting(ClusterBench.Row::engine)
        .containsExactly("embedded", "ratis-3");
    for (ClusterBench.Row row : r.rows()) {
      assertThat(row.txs()).isEqualTo(200);
      assertThat(row.blocks()).as("blocks of at most 100 transfers").isGreaterThanOrEqualTo(2);
      assertThat(row.txPerBlock()).isEqualTo(200.0 / row.blocks());
      assertThat(row.latencyP99Millis()).isGreaterThanOrEqualTo(row.latencyP50Millis());
    }
    assertThat(progress.toString()).contains("Ratis cluster of 3");
  }
}
