package dev.openledger.ml.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openledger.core.crypto.Hash;
import dev.openledger.core.json.Json;
import dev.openledger.ml.lora.LoraConfig;
import dev.openledger.ml.model.LinearKind;
import dev.openledger.ml.model.LlamaConfig;
import dev.openledger.ml.testing.TestModels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PeftAdapterDirectoryTest {
  static final LlamaConfig BASE = TestModels.tiny(320, true);
  static final LoraConfig LORA =
      new LoraConfig(4, 8f, 0.05f, EnumSet.of(LinearKind.Q, LinearKind.V, LinearKind.DOWN));
  static final PeftAdapter ADAPTER = TestModels.randomAdapter(BASE, LORA, 11);

  @Test
  void writeThenReadGivesTheSameAdapter(@TempDir Path dir) throws Exception {
    PeftAdapterDirectory.write(dir, ADAPTER, BASE, DType.F32);
    PeftAdapter back = PeftAdapterDirectory.read(dir, BASE);
    assertThat(back).isEqualTo(ADAPTER);
    assertThat(back.config().scaling()).isEqualTo(2f);
  }

  @Test
  void filesUsePeftNamesAndShapes(@TempDir Path dir) throws Exception {
    PeftAdapterDirectory.write(dir, ADAPTER, BASE, DType.F32);
    JsonNode c = Json.mapper().readTree(dir.resolve("adapter_config.json").toFile());
    assertThat(c.get("peft_type").asText()).isEqualTo("LORA");
    assertThat(c.get("task_type").asText()).isEqualTo("CAUSAL_LM");
    assertThat(c.get("r").asInt()).isEqualTo(4);
    assertThat(c.get("lora_alpha").isIntegralNumber()).isTrue();
    assertThat(c.get("lora_alpha").asInt()).isEqualTo(8);
    assertThat(c.get("lora_dropout").asDouble())
        .isCloseTo(0.05, org.assertj.core.data.Offset.offset(1e-7));
    assertThat(c.get("target_modules"))
        .extracting(JsonNode::asText)
        .containsExactly("q_proj", "v_proj", "down_proj");
    assertThat(c.get("base_model_name_or_path").asText()).isEqualTo("openledger/tiny-base");
    assertThat(c.get("bias").asText()).isEqualTo("none");
    assertThat(c.get("fan_in_fan_out").asBoolean()).isFalse();
    try (SafeTensorsFile f = SafeTensorsFile.open(dir.resolve("adapter_model.safetensors"))) {
      assertThat(f.entry("base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight").shape())
          .containsExactly(4, 16);
      assertThat(f.entry("base_model.model.model.layers.0.self_attn.v_proj.lora_B.weight").shape())
          .containsExactly(8, 4);
      assertThat(f.entry("base_model.model.model.layers.1.mlp.down_proj.lora_A.weight").shape())
          .containsExactly(4, 40);
      assertThat(f.entries()).hasSize(2 * 3 * 2);
    }
  }

  /** A config as Python PEFT 0.13 writes it (all fields, sets as lists, alpha as int). */
  @Test
  void readsAConfigWrittenByPythonPeft() throws Exception {
    String json =
        "{\"alpha_pattern\": {}, \"auto_mapping\": null, \"base_model_name_or_path\": \"meta-llama/Llama-3.2-1B\", \"bias\": \"none\","
            + " \"fan_in_fan_out\": false, \"inference_mode\": true, \"init_lora_weights\": true, \"layer_replication\": null,"
            + " \"layers_pattern\": null, \"layers_to_transform\": null, \"loftq_config\": {}, \"lora_alpha\": 32, \"lora_dropout\": 0.1,"
            + " \"megatron_config\": null, \"megatron_core\": \"megatron.core\", \"modules_to_save\": null, \"peft_type\": \"LORA\","
            + " \"r\": 16, \"rank_pattern\": {}, \"revision\": null, \"target_modules\": [\"v_proj\", \"q_proj\"],"
            + " \"task_type\": \"CAUSAL_LM\", \"use_dora\": false, \"use_rslora\": false}";
    AdapterConfigJson.Contents c = AdapterConfigJson.parse(json.getBytes(StandardCharsets.UTF_8));
    assertThat(c.config())
        .isEqualTo(new LoraConfig(16, 32f, 0.1f, EnumSet.of(LinearKind.Q, LinearKind.V)));
    assertThat(c.baseModel()).contains("meta-llama/Llama-3.2-1B");
    String minimal =
        "{\"peft_type\":\"LORA\",\"r\":8,\"target_modules\":\"all-linear\",\"base_model_name_or_path\":null}";
    AdapterConfigJson.Contents m =
        AdapterConfigJson.parse(minimal.getBytes(StandardCharsets.UTF_8));
    assertThat(m.config().targets()).hasSize(7);
    assertThat(m.config().alpha()).isEqualTo(8f);
    assertThat(m.baseModel()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "prefix tuning | \"peft_type\":\"PREFIX_TUNING\" | peft_type 'PREFIX_TUNING'",
        "dora | \"use_dora\":true | 'use_dora' is not supported",
        "rslora | \"use_rslora\":true | 'use_rslora' is not supported",
        "bias | \"bias\":\"all\" | bias 'all'",
        "conv1d | \"fan_in_fan_out\":true | 'fan_in_fan_out'",
        "modules to save | \"modules_to_save\":[\"lm_head\"] | 'modules_to_save'",
        "rank pattern | \"rank_pattern\":{\"q_proj\":4} | 'rank_pattern'",
        "layer subset | \"layers_to_transform\":[0] | 'layers_to_transform'",
        "regex targets | \"target_modules\":\".*q_proj\" | as a pattern",
        "gpt2 targets | \"target_modules\":[\"c_attn\"] | target module \"c_attn\"",
        "seq2seq | \"task_type\":\"SEQ_2_SEQ_LM\" | task_type 'SEQ_2_SEQ_LM'",
        "zero rank | \"r\":0 | rank must be at least 1",
        "negative alpha | \"lora_alpha\":-1 | alpha must be a positive",
        "unknown | \"use_magic\":true | [use_magic]",
        "duplicate | \"r\":4,\"r\":4 | Duplicate field 'r'",
      })
  void refusesUnsupportedConfigs(String name, String override, String message) {
    StringBuilder json = new StringBuilder("{");
    Map<String, String> base = new java.util.LinkedHashMap<>();
    base.put("peft_type", "\"LORA\"");
    base.put("r", "8");
    base.put("target_modules", "[\"q_proj\"]");
    String key = override.substring(1, override.indexOf('"', 1));
    base.remove(key);
    base.forEach((k, v) -> json.append('"').append(k).append("\":").append(v).append(','));
    json.append(override).append('}');
    assertThatThrownBy(
            () -> AdapterConfigJson.parse(json.toString().getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(FormatException.class)
        .hasMessageContaining(message);
  }

  @Test
  void refusesTensorsThatDoNotFitTheBaseOrTheConfig(@TempDir Path dir) throws Exception {
    PeftAdapterDirectory.write(dir, ADAPTER, BASE, DType.F32);
    Path weights = dir.resolve(PeftAdapterDirectory.WEIGHTS);
    String qA = PeftNames.loraA(0, LinearKind.Q);

    SafeTensors.write(
        weights, replace(ADAPTER.tensors(), Tensor.zeros(qA, 4, 17)), Map.of(), DType.F32);
    assertThatThrownBy(() -> PeftAdapterDirectory.read(dir, BASE))
        .isInstanceOf(FormatException.class)
        .hasMessageContaining("'" + qA + "' has shape [4, 17], expected [4, 16]");

    SafeTensors.write(
        weights,
        without(ADAPTER.tensors(), PeftNames.loraB(1, LinearKind.DOWN)),
        Map.of(),
        DType.F32);
    assertThatThrownBy(() -> PeftAdapterDirectory.read(dir, BASE))
        .hasMessageContaining(
            "missing adapter tensor 'base_model.model.model.layers.1.mlp.down_proj.lora_B.weight'");

    SafeTensors.write(
        weights,
        plus(ADAPTER.tensors(), Tensor.zeros(PeftNames.loraA(0, LinearKind.K), 4, 16)),
        Map.of(),
        DType.F32);
    assertThatThrownBy(() -> PeftAdapterDirectory.read(dir, BASE))
        .hasMessageContaining("k_proj is not in target_modules");

    SafeTensors.write(
        weights,
        plus(ADAPTER.tensors(), Tensor.zeros(PeftNames.loraA(5, LinearKind.Q), 4, 16)),
        Map.of(),
        DType.F32);
    assertThatThrownBy(() -> PeftAdapterDirectory.read(dir, BASE))
        .hasMessageContaining("layer 5 but the base model has 2");

    SafeTensors.write(
        weights,
        plus(
            ADAPTER.tensors(),
            Tensor.zeros("base_model.model.model.embed_tokens.lora_embedding_A", 4, 320)),
        Map.of(),
        DType.F32);
    assertThatThrownBy(() -> PeftAdapterDirectory.read(dir, BASE))
        .hasMessageContaining("lora_embedding_A' (not a Llama LoRA A/B weight)");

    // the same adapter against a base of another width
    assertThatThrownBy(
            () ->
                PeftAdapterDirectory.read(
                    dir, new LlamaConfig(32, 40, 2, 4, 2, 320, 32, 10000f, 1e-5f, true)))
        .isInstanceOf(FormatException.class);
  }

  @Test
  void refusesPickledWeights(@TempDir Path dir) throws Exception {
    PeftAdapterDirectory.write(dir, ADAPTER, BASE, DType.F32);
    Files.move(dir.resolve(PeftAdapterDirectory.WEIGHTS), dir.resolve("adapter_model.bin"));
    assertThatThrownBy(() -> PeftAdapterDirectory.read(dir, BASE))
        .isInstanceOf(NoSuchFileException.class)
        .hasMessageContaining("pickles are not read");
  }

  @Test
  void contentHashDependsOnContentNotOnStorage(@TempDir Path dir) throws Exception {
    Hash h = PeftAdapterDirectory.contentHash(ADAPTER);
    PeftAdapterDirectory.write(dir.resolve("a"), ADAPTER, BASE, DType.F32);
    assertThat(PeftAdapterDirectory.contentHash(dir.resolve("a"), BASE)).isEqualTo(h);
    // same content re-encoded: a reformatted config file hashes the same
    Path b = dir.resolve("b");
    PeftAdapterDirectory.write(b, ADAPTER, BASE, DType.F32);
    String pretty = Files.readString(b.resolve("adapter_config.json"));
    Files.writeString(b.resolve("adapter_config.json"), pretty.replace("\n", "").replace("  ", ""));
    assertThat(PeftAdapterDirectory.contentHash(b, BASE)).isEqualTo(h);
    // any change of values, config or base model changes it
    PeftAdapter other = TestModels.randomAdapter(BASE, LORA, 12);
    assertThat(PeftAdapterDirectory.contentHash(other)).isNotEqualTo(h);
    PeftAdapter otherAlpha =
        new PeftAdapter(
            new LoraConfig(4, 16f, 0.05f, LORA.targets()), ADAPTER.baseModel(), ADAPTER.tensors());
    assertThat(PeftAdapterDirectory.contentHash(otherAlpha)).isNotEqualTo(h);
    PeftAdapter otherBase = new PeftAdapter(LORA, Optional.of("someone/else"), ADAPTER.tensors());
    assertThat(PeftAdapterDirectory.contentHash(otherBase)).isNotEqualTo(h);
    float[] nudged = ADAPTER.tensors().get(PeftNames.loraB(0, LinearKind.Q)).data().clone();
    nudged[3] = Math.nextUp(nudged[3]);
    PeftAdapter oneUlp =
        new PeftAdapter(
            LORA,
            ADAPTER.baseModel(),
            replace(ADAPTER.tensors(), Tensor.of(PeftNames.loraB(0, LinearKind.Q), nudged, 16, 4)));
    assertThat(PeftAdapterDirectory.contentHash(oneUlp)).isNotEqualTo(h);
    // a fixed value, so that a change of the canonical encoding cannot go unnoticed
    PeftAdapter fixed =
        new PeftAdapter(
            new LoraConfig(1, 1f, 0f, EnumSet.of(LinearKind.Q)),
            Optional.empty(),
            NamedTensors.of(Tensor.of("a", new float[] {1, 2}, 1, 2)));
    assertThat(PeftAdapterDirectory.contentHash(fixed).toHex()).isEqualTo(FIXED_HASH);
  }

  /** Computed independently (a short Python script following the encoding in docs/formats.md). */
  static final String FIXED_HASH =
      "563505b27fa6168bd84e2d8e76281e46c9540dab24e18d30d69fc7ea57ce7eee";

  @Test
  void namesParseBack() {
    for (int l : new int[] {0, 7, 123}) {
      for (LinearKind k : LinearKind.values()) {
        assertThat(PeftNames.parse(PeftNames.loraA(l, k))).contains(new PeftNames.Key(l, k, true));
        assertThat(PeftNames.parse(PeftNames.loraB(l, k))).contains(new PeftNames.Key(l, k, false));
      }
    }
    assertThat(PeftNames.parse("base_model.model.model.layers.0.self_attn.gate_proj.lora_A.weight"))
        .isEmpty();
    assertThat(PeftNames.parse("base_model.model.model.layers.01.self_attn.q_proj.lora_A.weight"))
        .isEmpty();
    assertThat(
            PeftNames.parse(
                "base_model.model.model.layers.0.self_attn.q_proj.lora_A.default.weight"))
        .isEmpty();
  }

  static NamedTensors replace(NamedTensors ts, Tensor t) {
    return plus(without(ts, t.name()), t);
  }

  static NamedTensors without(NamedTensors ts, String name) {
    List<Tensor> out = new ArrayList<>();
    ts.forEach(
        t -> {
          if (!t.name().equals(name)) {
            out.add(t);
          }
        });
    return NamedTensors.of(out);
  }

  static NamedTensors plus(NamedTensors ts, Tensor t) {
    List<Tensor> out = new ArrayList<>();
    ts.forEach(out::add);
    out.add(t);
    return NamedTensors.of(out);
  }
}
