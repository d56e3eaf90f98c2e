package dev.openledger.openlora.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The Prometheus text: cumulative buckets, escaped labels, per-model series. */
class ServingMetricsTest {

  @Test
  void histogramsAreCumulativeAndLabelsEscaped() {
    ServingMetrics m = new ServingMetrics();
    ModelMetrics a = m.model("we\"ird\\name");
    a.firstToken(3_000_000); // 3 ms
    a.firstToken(30_000_000); // 30 ms
    a.firstToken(30_000_000_000L); // 30 s, beyond the last bound
    a.queued(2);
    a.finished("stop");
    String text = m.prometheus();
    String label = "model=\"we\\\"ird\\\\name\"";
    assertThat(text)
        .contains("openlora_time_to_first_token_seconds_bucket{" + label + ",le=\"0.005\"} 1\n");
    assertThat(text)
        .contains("openlora_time_to_first_token_seconds_bucket{" + label + ",le=\"0.025\"} 1\n");
    assertThat(text)
        .contains("openlora_time_to_first_token_seconds_bucket{" + label + ",le=\"0.05\"} 2\n");
    assertThat(text)
        .contains("openlora_time_to_first_token_seconds_bucket{" + label + ",le=\"10\"} 2\n");
    assertThat(text)
        .contains("openlora_time_to_first_token_seconds_bucket{" + label + ",le=\"+Inf\"} 3\n");
    assertThat(text).contains("openlora_time_to_first_token_seconds_count{" + label + "} 3\n");
    assertThat(text).contains("openlora_queue_length{" + label + "} 2\n");
    assertThat(text).contains("openlora_requests_total{" + label + ",outcome=\"stop\"} 1\n");
    for (String line : text.split("\n")) {
      assertThat(line).matches("# (HELP|TYPE) .*|[a-z_]+(\\{.*\\})? [0-9.eE+-]+");
    }
  }
}
