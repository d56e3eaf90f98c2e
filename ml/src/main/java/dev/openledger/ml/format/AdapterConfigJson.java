package dev.openledger.ml.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openledger.core.json.Json;
import dev.openledger.ml.lora.LoraConfig;
import dev.openledger.ml.model.LinearKind;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * PEFT's {@code adapter_config.json} ↔ {@link LoraConfig} + base model id.
 *
 * <p>Accepted: {@code peft_type "LORA"}, {@code r}, {@code lora_alpha} (default 8), {@code
 * lora_dropout} (default 0), {@code target_modules} as a list of Llama projection names or {@code
 * "all-linear"}, {@code base_model_name_or_path} (may be null), {@code task_type "CAUSAL_LM"} or
 * null. Options that change the adapter's meaning and that this engine does not support — DoRA,
 * rsLoRA, biases, {@code fan_in_fan_out}, per-module rank or alpha patterns, layer selection,
 * {@code modules_to_save}, regex targets... — are refused unless left at their defaults, and a
 * field PEFT does not define is refused too, each with a message naming it.
 */
public final class AdapterConfigJson {
  /** The contents of an {@code adapter_config.json}. */
  public record Contents(LoraConfig config, Optional<String> baseModel) {}

  /**
   * Fields with no effect on the adapter's math (bookkeeping, initialisation, runtime placement).
   */
  private static final List<String> IGNORED =
      List.of(
          "inference_mode",
          "init_lora_weights",
          "revision",
          "peft_version",
          "auto_mapping",
          "megatron_config",
          "megatron_core",
          "runtime_config",
          "qalora_group_size");

  /** Fields refused unless null, false or empty. */
  private static final List<String> DEFAULT_ONLY =
      List.of(
          "use_dora",
          "use_rslora",
          "use_qalora",
          "lora_bias",
          "fan_in_fan_out",
          "ensure_weight_tying",
          "use_bdlora",
          "modules_to_save",
          "rank_pattern",
          "alpha_pattern",
          "layers_to_transform",
          "layers_pattern",
          "layer_replication",
          "exclude_modules",
          "target_parameters",
          "trainable_token_indices",
          "loftq_config",
          "eva_config",
          "corda_config",
          "lora_ga_config");

  private AdapterConfigJson() {}

  public static Contents parse(byte[] json) throws FormatException {
    Fields f =
        new Fields(FileSupport.parseJson(json, "adapter_config.json"), "adapter_config.json");
    String type = f.text("peft_type");
    if (!type.equals("LORA")) {
      throw new FormatException(
          "adapter_config.json: peft_type '" + type + "' is not supported (only LORA)");
    }
    String task = f.text("task_type", "CAUSAL_LM");
    if (!task.equals("CAUSAL_LM")) {
      throw new FormatException(
          "adapter_config.json: task_type '" + task + "' is not supported (only CAUSAL_LM)");
    }
    String bias = f.text("bias", "none");
    if (!bias.equals("none")) {
      throw new FormatException(
          "adapter_config.json: bias '" + bias + "' is not supported (only none)");
    }
    for (String name : DEFAULT_ONLY) {
      f.requireEmptyOrFalse(name);
    }
    int r = f.intValue("r");
    float alpha = f.floatValue("lora_alpha", 8f);
    float dropout = f.floatValue("lora_dropout", 0f);
    Set<LinearKind> targets = targets(f.require("target_modules"));
    Optional<String> base = Optional.ofNullable(f.text("base_model_name_or_path", null));
    IGNORED.forEach(f::optional);
    f.rejectOthers();
    try {
      return new Contents(new LoraConfig(r, alpha, dropout, targets), base);
    } catch (IllegalArgumentException e) {
      throw new FormatException("adapter_config.json: " + e.getMessage(), e);
    }
  }

  private static Set<LinearKind> targets(JsonNode node) throws FormatException {
    if (node.isTextual()) {
      if (node.asText().equals("all-linear")) {
        return EnumSet.allOf(LinearKind.class);
      }
      throw new FormatException(
          "adapter_config.json: target_modules as a pattern '"
              + node.asText()
              + "' is not supported; list the modules");
    }
    if (!node.isArray() || node.isEmpty()) {
      throw new FormatException(
          "adapter_config.json: target_modules must be a non-empty list, found " + node);
    }
    Set<LinearKind> out = EnumSet.noneOf(LinearKind.class);
    for (JsonNode m : node) {
      LinearKind k = m.isTextual() ? peftModule(m.asText()) : null;
      if (k == null) {
        throw new FormatException(
            "adapter_config.json: target module "
                + m
                + " is not supported (q_proj, k_proj, v_proj, o_proj, gate_proj, up_proj, down_proj)");
      }
      out.add(k);
    }
    return out;
  }

  private static LinearKind peftModule(String name) {
    for (LinearKind k : LinearKind.values()) {
      if (k.peftName().equals(name)) {
        return k;
      }
    }
    return null;
  }

  /** The {@code adapter_config.json} text, with the fields PEFT writes. */
  public static String toJson(Contents contents) {
    LoraConfig c = contents.config();
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    n.put("peft_type", "LORA");
    n.put("task_type", "CAUSAL_LM");
    if (contents.baseModel().isPresent()) {
      n.put("base_model_name_or_path", contents.baseModel().get());
    } else {
      n.putNull("base_model_name_or_path");
    }
    n.put("r", c.rank());
    if (c.alpha() == Math.rint(c.alpha()) && Math.abs(c.alpha()) < 1e9f) {
      n.put("lora_alpha", (long) c.alpha());
    } else {
      n.put("lora_alpha", c.alpha());
    }
    n.put("lora_dropout", c.dropout());
    ArrayNode targets = n.putArray("target_modules");
    c.targets().forEach(k -> targets.add(k.peftName()));
    n.put("bias", "none");
    n.put("fan_in_fan_out", false);
    n.put("use_dora", false);
    n.put("use_rslora", false);
    n.putNull("modules_to_save");
    n.putObject("rank_pattern");
    n.putObject("alpha_pattern");
    n.putNull("layers_to_transform");
    n.putNull("layers_pattern");
    n.put("inference_mode", true);
    n.put("init_lora_weights", true);
    n.putNull("revision");
    return Json.writePretty(n) + "\n";
  }
}
