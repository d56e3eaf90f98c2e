package dev.openledger.ml.model;

import java.util.Locale;

/**
 * The seven linear projections of a decoder block; each may carry a LoRA adapter. The short names
 * ({@code q}, {@code gate}...) are the CLI's; {@link #peftName()} is PEFT's {@code target_modules}
 * entry.
 */
public enum LinearKind {
  Q("self_attn.q_proj"),
  K("self_attn.k_proj"),
  V("self_attn.v_proj"),
  O("self_attn.o_proj"),
  GATE("mlp.gate_proj"),
  UP("mlp.up_proj"),
  DOWN("mlp.down_proj");

  private final String module;

  LinearKind(String module) {
    this.module = module;
  }

  /** Module path inside a layer, e.g. {@code self_attn.q_proj}. */
  public String module() {
    return module;
  }

  /** PEFT's target-module name, e.g. {@code q_proj}. */
  public String peftName() {
    return module.substring(module.indexOf('.') + 1);
  }

  /** The CLI's short name, e.g. {@code q} or {@code gate}. */
  public String shortName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a short name ({@code q}) or a PEFT name ({@code q_proj}). */
  public static LinearKind parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    for (LinearKind k : values()) {
      if (k.shortName().equals(t) || k.peftName().equals(t)) {
        return k;
      }
    }
    throw new IllegalArgumentException(
        "unknown LoRA target module '" + text + "' (expected one of q,k,v,o,gate,up,down)");
  }

  /** Input width of this projection in a model of {@code c}. */
  public int inDim(LlamaConfig c) {
    return switch (this) {
      case Q, K, V, GATE, UP -> c.dim();
      case O -> c.dim();
      case DOWN -> c.hiddenDim();
    };
  }

  /** Output width of this projection in a model of {@code c}. */
  public int outDim(LlamaConfig c) {
    return switch (this) {
      case Q, O -> c.dim();
      case K, V -> c.kvDim();
      case GATE, UP -> c.hiddenDim();
      case DOWN -> c.dim();
    };
  }
}
