package dev.openledger.attribution.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openledger.attribution.grad.SegmentLayout;
import org.junit.jupiter.api.Test;

class AttributionBenchTest {

  /**
   * The benchmark's model really is the advertised size: 32 LoRA tensors, 32,768 parameters, ≈1.1M
   * base.
   */
  @Test
  void benchModelHasTheAdvertisedLoraLayout() {
    SegmentLayout l = AttributionBench.loraLayout(AttributionBench.MODEL, AttributionBench.LORA);
    assertThat(l.size()).isEqualTo(32);
    assertThat(l.dim()).isEqualTo(32_768);
    assertThat(l.get(0).name())
        .isEqualTo("base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight");
    assertThat(l.get(1).name())
        .isEqualTo("base_model.model.model.layers.0.self_attn.q_proj.lora_B.weight");
    var m = AttributionBench.MODEL;
    long params =
        (long) m.vocabSize() * m.dim()
            + (long) m.nLayers()
                * (4L * m.dim() * m.dim() + 3L * m.dim() * m.hiddenDim() + 2L * m.dim())
            + m.dim();
    assertThat(params).isBetween(1_000_000L, 1_200_000L);
  }
}
