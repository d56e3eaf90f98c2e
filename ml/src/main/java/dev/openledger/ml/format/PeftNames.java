package dev.openledger.ml.format;

import dev.openledger.ml.model.LinearKind;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PEFT's tensor names in {@code adapter_model.safetensors} for a Llama model: {@code
 * base_model.model.model.layers.{l}.self_attn.q_proj.lora_A.weight} ({@code [r, in]}) and {@code
 * ...lora_B.weight} ({@code [out, r]}). The adapter name ({@code default}) is not part of saved
 * names.
 */
public final class PeftNames {
  public static final String PREFIX = "base_model.model.";

  private static final Pattern NAME =
      Pattern.compile(
          "base_model\\.model\\.model\\.layers\\.(0|[1-9][0-9]{0,5})\\.(self_attn|mlp)\\.([a-z]+_proj)\\.lora_([AB])\\.weight");

  /** One LoRA matrix: which layer, which projection, A or B. */
  public record Key(int layer, LinearKind kind, boolean isA) {
    public String name() {
      return isA ? loraA(layer, kind) : loraB(layer, kind);
    }
  }

  private PeftNames() {}

  /** Name of the down-projection {@code A} ({@code [r, in]}) on {@code kind} of {@code layer}. */
  public static String loraA(int layer, LinearKind kind) {
    return PREFIX + "model.layers." + layer + "." + kind.module() + ".lora_A.weight";
  }

  /** Name of the up-projection {@code B} ({@code [out, r]}) on {@code kind} of {@code layer}. */
  public static String loraB(int layer, LinearKind kind) {
    return PREFIX + "model.layers." + layer + "." + kind.module() + ".lora_B.weight";
  }

  /** The key a saved tensor name stands for, if it is a Llama LoRA A/B weight. */
  public static Optional<Key> parse(String name) {
    Matcher m = NAME.matcher(name);
    if (!m.matches()) {
      return Optional.empty();
    }
    LinearKind kind;
    try {
      kind = LinearKind.parse(m.group(3));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    if (!kind.module().equals(m.group(2) + "." + m.group(3))) {
      return Optional.empty(); // e.g. self_attn.gate_proj
    }
    return Optional.of(new Key(Integer.parseInt(m.group(1)), kind, m.group(4).equals("A")));
  }
}
