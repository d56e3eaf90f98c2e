package dev.openledger.ml.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openledger.core.json.Json;
import dev.openledger.ml.model.LlamaConfig;
import java.util.List;

/**
 * Hugging Face {@code config.json} for {@code LlamaForCausalLM} ↔ {@link LlamaConfig} plus BOS/EOS
 * ids.
 *
 * <p>Missing optional fields take Hugging Face's {@code LlamaConfig} defaults (num_key_value_heads
 * = num_attention_heads, max_position_embeddings 2048, rope_theta 10000, rms_norm_eps 1e-6,
 * tie_word_embeddings false, bos 1, eos 2). Fields that would change the computation and are not
 * implemented (rope_scaling, attention or MLP biases, another activation, a head_dim other than
 * hidden/heads, pretraining_tp ≠ 1) and fields this reader does not know are refused with a {@link
 * FormatException}.
 */
public final class ConfigJson {
  /** The contents of a {@code config.json}. */
  public record Contents(LlamaConfig config, int bosTokenId, int eosTokenId) {
    public Contents {
      int v = config.vocabSize();
      if (bosTokenId < 0 || bosTokenId >= v || eosTokenId < 0 || eosTokenId >= v) {
        throw new IllegalArgumentException(
            "bos/eos ids " + bosTokenId + "/" + eosTokenId + " are outside the vocabulary of " + v);
      }
    }
  }

  /** Fields read for their meaning elsewhere or that do not affect the computation. */
  private static final List<String> IGNORED =
      List.of(
          "initializer_range",
          "use_cache",
          "attention_dropout",
          "torch_dtype",
          "dtype",
          "transformers_version",
          "pad_token_id",
          "_name_or_path");

  private ConfigJson() {}

  public static Contents parse(byte[] json) throws FormatException {
    Fields f = new Fields(FileSupport.parseJson(json, "config.json"), "config.json");
    String type = f.text("model_type", "llama");
    if (!type.equals("llama")) {
      throw new FormatException(
          "config.json: model_type '" + type + "' is not supported (only llama)");
    }
    JsonNode arch = f.optional("architectures");
    if (arch != null
        && !arch.isNull()
        && !(arch.isArray()
            && arch.size() == 1
            && "LlamaForCausalLM".equals(arch.get(0).asText()))) {
      throw new FormatException(
          "config.json: architectures " + arch + " is not [\"LlamaForCausalLM\"]");
    }
    String act = f.text("hidden_act", "silu");
    if (!act.equals("silu")) {
      throw new FormatException(
          "config.json: hidden_act '" + act + "' is not supported (only silu)");
    }
    f.requireFalseOrAbsent("attention_bias");
    f.requireFalseOrAbsent("mlp_bias");
    f.requireNullOrAbsent("rope_scaling");
    if (f.intValue("pretraining_tp", 1) != 1) {
      throw new FormatException("config.json: pretraining_tp must be 1");
    }
    int dim = f.intValue("hidden_size");
    int heads = f.intValue("num_attention_heads");
    LlamaConfig c;
    try {
      c =
          new LlamaConfig(
              dim,
              f.intValue("intermediate_size"),
              f.intValue("num_hidden_layers"),
              heads,
              f.intValue("num_key_value_heads", heads),
              f.intValue("vocab_size"),
              f.intValue("max_position_embeddings", 2048),
              f.floatValue("rope_theta", 10000f),
              f.floatValue("rms_norm_eps", 1e-6f),
              f.bool("tie_word_embeddings", false));
    } catch (IllegalArgumentException e) {
      throw new FormatException("config.json: " + e.getMessage(), e);
    }
    int headDim = f.intValue("head_dim", c.headSize());
    if (headDim != c.headSize()) {
      throw new FormatException(
          "config.json: head_dim "
              + headDim
              + " differs from hidden_size / num_attention_heads = "
              + c.headSize());
    }
    int bos = tokenId(f, "bos_token_id", 1);
    int eos = tokenId(f, "eos_token_id", 2);
    IGNORED.forEach(f::optional);
    f.rejectOthers();
    try {
      return new Contents(c, bos, eos);
    } catch (IllegalArgumentException e) {
      throw new FormatException("config.json: " + e.getMessage(), e);
    }
  }

  private static int tokenId(Fields f, String name, int otherwise) throws FormatException {
    JsonNode v = f.optional(name);
    if (v != null && v.isArray()) {
      throw new FormatException(
          "config.json: " + name + " as a list " + v + " is not supported (one id)");
    }
    return f.intValue(name, otherwise);
  }

  /**
   * The {@code config.json} text for {@code contents}, whose weights are stored as {@code dtype}.
   */
  public static String toJson(Contents contents, DType dtype) {
    LlamaConfig c = contents.config();
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    n.putArray("architectures").add("LlamaForCausalLM");
    n.put("model_type", "llama");
    n.put("hidden_size", c.dim());
    n.put("intermediate_size", c.hiddenDim());
    n.put("num_hidden_layers", c.nLayers());
    n.put("num_attention_heads", c.nHeads());
    n.put("num_key_value_heads", c.nKvHeads());
    n.put("head_dim", c.headSize());
    n.put("vocab_size", c.vocabSize());
    n.put("max_position_embeddings", c.maxSeqLen());
    n.put("rope_theta", c.ropeTheta());
    n.put("rms_norm_eps", c.normEps());
    n.put("tie_word_embeddings", c.tiedEmbeddings());
    n.put("hidden_act", "silu");
    n.put("attention_bias", false);
    n.put("mlp_bias", false);
    n.putNull("rope_scaling");
    n.put("pretraining_tp", 1);
    n.put("bos_token_id", contents.bosTokenId());
    n.put("eos_token_id", contents.eosTokenId());
    n.put(
        "torch_dtype",
        switch (dtype) {
          case F32 -> "float32";
          case F16 -> "float16";
          case BF16 -> "bfloat16";
        });
    return Json.writePretty(n) + "\n";
  }
}
