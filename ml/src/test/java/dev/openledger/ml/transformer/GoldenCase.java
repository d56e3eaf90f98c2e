package dev.openledger.ml.transformer;

import dev.openledger.core.json.Json;
import dev.openledger.ml.lora.LoraConfig;
import dev.openledger.ml.lora.LoraParameters;
import dev.openledger.ml.model.LinearKind;
import dev.openledger.ml.model.LlamaConfig;
import dev.openledger.ml.model.Parameters;
import dev.openledger.ml.model.TensorSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The golden case: a tiny fixed-seed model with an adapter on q, v and down, and a fixed batch.
 * {@code main} writes its inputs as JSON for {@code ml/src/test/python/golden_llama.py}, an
 * independent float64 NumPy implementation of the Hugging Face Llama forward pass, which writes the
 * reference values ({@code src/test/resources/golden/tiny-llama.json}). Regenerate with:
 *
 * <pre>
 *   mvn -q -pl ml -am test-compile
 *   java --add-modules jdk.incubator.vector -cp "ml/target/test-classes:ml/target/classes:$(cat cp.txt)" \
 *       dev.openledger.ml.transformer.GoldenCase golden-input.json
 *   python3 ml/src/test/python/golden_llama.py golden-input.json ml/src/test/resources/golden/tiny-llama.json
 * </pre>
 */
final class GoldenCase {
  static final long WEIGHT_SEED = 2024;
  static final long ADAPTER_SEED = 7;
  static final long BATCH_SEED = 99;

  private GoldenCase() {}

  static LlamaConfig config() {
    return TinyModels.config(false);
  }

  static LoraConfig loraConfig() {
    return new LoraConfig(2, 4f, 0f, EnumSet.of(LinearKind.Q, LinearKind.V, LinearKind.DOWN));
  }

  static Parameters weights() {
    return TinyModels.weights(config(), WEIGHT_SEED);
  }

  static LoraParameters adapter() {
    return TinyModels.adapter(config(), loraConfig(), ADAPTER_SEED);
  }

  static Batch batch() {
    return ModelGradientCheckTest.withIgnored(TinyModels.batch(config(), 2, 5, BATCH_SEED));
  }

  public static void main(String[] args) throws IOException {
    LlamaConfig c = config();
    Map<String, Object> out = new LinkedHashMap<>();
    Map<String, Object> cfg = new LinkedHashMap<>();
    cfg.put("hidden_size", c.dim());
    cfg.put("intermediate_size", c.hiddenDim());
    cfg.put("num_hidden_layers", c.nLayers());
    cfg.put("num_attention_heads", c.nHeads());
    cfg.put("num_key_value_heads", c.nKvHeads());
    cfg.put("vocab_size", c.vocabSize());
    cfg.put("rope_theta", c.ropeTheta());
    cfg.put("rms_norm_eps", c.normEps());
    cfg.put("lora_alpha", loraConfig().alpha());
    cfg.put("lora_r", loraConfig().rank());
    out.put("config", cfg);
    Batch b = batch();
    out.put("batch_size", b.batchSize());
    out.put("seq_len", b.seqLen());
    out.put("tokens", b.tokens());
    out.put("targets", b.targets());
    out.put("weights", tensors(weights().layout().tensors(), weights().data()));
    LoraParameters a = adapter();
    out.put("adapter", tensors(a.layout().tensors(), a.data()));
    Files.writeString(Path.of(args[0]), Json.mapper().writeValueAsString(out));
  }

  private static Map<String, Object> tensors(java.util.List<TensorSpec> specs, float[] data) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (TensorSpec s : specs) {
      Map<String, Object> t = new LinkedHashMap<>();
      t.put("shape", s.shape());
      double[] v = new double[s.size()];
      for (int i = 0; i < v.length; i++) {
        v[i] = data[s.offset() + i];
      }
      t.put("data", v);
      m.put(s.name(), t);
    }
    return m;
  }
}
