package dev.openledger.ml.model;

/**
 * Hugging Face Llama tensor names. Linear weights are stored {@code [out, in]} (row-major), as
 * PyTorch's {@code nn.Linear} stores them.
 */
public final class TensorNames {
  public static final String EMBED = "model.embed_tokens.weight";
  public static final String FINAL_NORM = "model.norm.weight";
  public static final String LM_HEAD = "lm_head.weight";

  private TensorNames() {}

  public static String attnNorm(int layer) {
    return "model.layers." + layer + ".input_layernorm.weight";
  }

  public static String mlpNorm(int layer) {
    return "model.layers." + layer + ".post_attention_layernorm.weight";
  }

  /**
   * The weight of a linear projection of {@code layer}, e.g. {@code
   * model.layers.0.self_attn.q_proj.weight}.
   */
  public static String linear(int layer, LinearKind kind) {
    return "model.layers." + layer + "." + kind.module() + ".weight";
  }
}
