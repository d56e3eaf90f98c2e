package dev.openledger.ml.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openledger.core.json.Json;
import dev.openledger.ml.model.LinearKind;
import dev.openledger.ml.model.LlamaConfig;
import dev.openledger.ml.model.TensorNames;
import dev.openledger.ml.testing.TestModels;
import dev.openledger.ml.tokenizer.BpeTokenizer;
import dev.openledger.ml.tokenizer.BpeTrainer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ModelDirectoryTest {
  static final BpeTokenizer TOKENIZER = smallTokenizer();

  static BpeTokenizer smallTokenizer() {
    BpeTrainer t = new BpeTrainer(BpeTrainer.Options.defaults(300));
    t.add("the quick brown fox jumps over the lazy dog; the dog sleeps, the fox runs. ".repeat(20));
    return t.train();
  }

  static HfModel model(boolean tied) {
    LlamaConfig c =
        TestModels.tiny(320, tied); // padded past the tokenizer's 300 ids, as HF models often are
    return new HfModel(c, TestModels.randomWeights(c, 7), TOKENIZER, 1, 2);
  }

  @Test
  void writeThenReadGivesTheSameModel(@TempDir Path dir) throws Exception {
    for (boolean tied : new boolean[] {true, false}) {
      HfModel m = model(tied);
      Path d = dir.resolve("m" + tied);
      ModelDirectory.write(d, m, DType.F32);
      HfModel back = ModelDirectory.read(d);
      assertThat(back).isEqualTo(m);
      assertThat(back.weights().contains(TensorNames.LM_HEAD)).isEqualTo(!tied);
    }
  }

  @Test
  void configJsonUsesHuggingFaceLlamaFieldNames(@TempDir Path dir) throws Exception {
    ModelDirectory.write(dir, model(false), DType.BF16);
    JsonNode c = Json.mapper().readTree(dir.resolve("config.json").toFile());
    assertThat(c.get("architectures").get(0).asText()).isEqualTo("LlamaForCausalLM");
    assertThat(c.get("model_type").asText()).isEqualTo("llama");
    assertThat(c.get("hidden_size").asInt()).isEqualTo(16);
    assertThat(c.get("intermediate_size").asInt()).isEqualTo(40);
    assertThat(c.get("num_hidden_layers").asInt()).isEqualTo(2);
    assertThat(c.get("num_attention_heads").asInt()).isEqualTo(4);
    assertThat(c.get("num_key_value_heads").asInt()).isEqualTo(2);
    assertThat(c.get("vocab_size").asInt()).isEqualTo(320);
    assertThat(c.get("max_position_embeddings").asInt()).isEqualTo(32);
    assertThat(c.get("rope_theta").asDouble()).isEqualTo(10000.0);
    assertThat((float) c.get("rms_norm_eps").asDouble()).isEqualTo(1e-5f);
    assertThat(c.get("tie_word_embeddings").asBoolean()).isFalse();
    assertThat(c.get("torch_dtype").asText()).isEqualTo("bfloat16");
    JsonNode tc = Json.mapper().readTree(dir.resolve("tokenizer_config.json").toFile());
    assertThat(tc.get("bos_token").asText()).isEqualTo(BpeTrainer.BOS);
    assertThat(tc.get("eos_token").asText()).isEqualTo(BpeTrainer.EOS);
    assertThat(tc.get("chat_template").asText()).contains("<|im_start|>");
  }

  @Test
  void bf16WeightsReadBackAsTheirRoundedValues(@TempDir Path dir) throws Exception {
    HfModel m = model(true);
    ModelDirectory.write(dir, m, DType.BF16);
    HfModel back = ModelDirectory.read(dir);
    float[] orig = m.weights().get(TensorNames.EMBED).data();
    float[] got = back.weights().get(TensorNames.EMBED).data();
    for (int i = 0; i < orig.length; i++) {
      assertThat(got[i]).isEqualTo(DType.bf16ToFloat(DType.floatToBf16(orig[i])));
    }
  }

  @Test
  void readsAMinimalHuggingFaceConfigWithDefaults() throws Exception {
    String json =
        "{\"hidden_size\":64,\"intermediate_size\":172,\"num_hidden_layers\":2,\"num_attention_heads\":8,\"vocab_size\":1000,"
            + "\"transformers_version\":\"4.45.0\",\"torch_dtype\":\"bfloat16\",\"use_cache\":true}";
    ConfigJson.Contents c = ConfigJson.parse(json.getBytes(StandardCharsets.UTF_8));
    assertThat(c.config())
        .isEqualTo(new LlamaConfig(64, 172, 2, 8, 8, 1000, 2048, 10000f, 1e-6f, false));
    assertThat(c.bosTokenId()).isEqualTo(1);
    assertThat(c.eosTokenId()).isEqualTo(2);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "other model | \"model_type\":\"gpt2\" | model_type 'gpt2'",
        "other architecture | \"architectures\":[\"MistralForCausalLM\"] | architectures",
        "gelu | \"hidden_act\":\"gelu\" | hidden_act 'gelu'",
        "rope scaling | \"rope_scaling\":{\"type\":\"linear\",\"factor\":2.0} | 'rope_scaling' is not supported",
        "bias | \"attention_bias\":true | 'attention_bias' is not supported",
        "head dim | \"head_dim\":4 | head_dim 4 differs",
        "eos list | \"eos_token_id\":[2,3] | as a list",
        "eos out of range | \"eos_token_id\":5000 | outside the vocabulary",
        "unknown | \"sliding_window\":4096 | [sliding_window]",
        "bad heads | \"num_key_value_heads\":3 | not a multiple of nKvHeads",
        "string size | \"vocab_size\":\"1000\" | must be a 32-bit integer",
      })
  void refusesUnsupportedConfigs(String name, String extra, String message) {
    String json =
        "{\"hidden_size\":64,\"intermediate_size\":172,\"num_hidden_layers\":2,\"num_attention_heads\":8,"
            + (extra.contains("vocab_size") ? "" : "\"vocab_size\":1000,")
            + extra
            + "}";
    assertThatThrownBy(() -> ConfigJson.parse(json.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(FormatException.class)
        .hasMessageContaining(message);
  }

  @Test
  void refusesWeightsThatDoNotFitTheConfig(@TempDir Path dir) throws Exception {
    HfModel m = model(true);
    ModelDirectory.write(dir, m, DType.F32);
    List<Tensor> ts = new ArrayList<>();
    for (Tensor t : m.weights()) {
      ts.add(
          t.name().equals(TensorNames.linear(1, LinearKind.K))
              ? Tensor.zeros(t.name(), 16, 16)
              : t);
    }
    SafeTensors.write(
        dir.resolve(ModelDirectory.WEIGHTS), NamedTensors.of(ts), Map.of(), DType.F32);
    assertThatThrownBy(() -> ModelDirectory.read(dir))
        .isInstanceOf(FormatException.class)
        .hasMessageContaining(
            "tensor 'model.layers.1.self_attn.k_proj.weight' has shape [16, 16], expected [8, 16]");

    ts.add(Tensor.zeros(TensorNames.LM_HEAD, 320, 16));
    ts.removeIf(t -> t.name().equals(TensorNames.linear(1, LinearKind.K)));
    ts.add(m.weights().get(TensorNames.linear(1, LinearKind.K)));
    SafeTensors.write(
        dir.resolve(ModelDirectory.WEIGHTS), NamedTensors.of(ts), Map.of(), DType.F32);
    assertThatThrownBy(() -> ModelDirectory.read(dir))
        .hasMessageContaining("unexpected tensor(s) [lm_head.weight] (the config ties embeddings)");
  }

  @Test
  void aMissingFileIsNamed(@TempDir Path dir) throws Exception {
    ModelDirectory.write(dir, model(true), DType.F32);
    Files.delete(dir.resolve("tokenizer.json"));
    assertThatThrownBy(() -> ModelDirectory.read(dir))
        .isInstanceOf(NoSuchFileException.class)
        .hasMessageContaining("tokenizer.json is missing");
  }

  @Test
  void layoutCountsParameters() {
    LlamaConfig c = TestModels.tiny(320, true);
    // embed 320·16 + per layer (2·16 norms + q 256 + k,v 2·128 + o 256 + 3·640 mlp) + final norm 16
    assertThat(LlamaLayout.parameterCount(c))
        .isEqualTo(320 * 16 + 2 * (32 + 256 + 256 + 256 + 3 * 640) + 16);
  }
}
