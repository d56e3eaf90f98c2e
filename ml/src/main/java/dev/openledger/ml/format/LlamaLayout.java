package dev.openledger.ml.format;

import dev.openledger.ml.model.LlamaConfig;
import dev.openledger.ml.model.ParameterLayout;
import dev.openledger.ml.model.TensorNames;
import dev.openledger.ml.model.TensorSpec;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * The tensors of a Llama model in Hugging Face naming, with their shapes, as the engine's {@link
 * ParameterLayout} orders them. Linear weights are {@code [out, in]}.
 *
 * <pre>
 * model.embed_tokens.weight                        [V, D]
 * model.layers.{l}.input_layernorm.weight          [D]
 * model.layers.{l}.self_attn.q_proj.weight         [D, D]
 * model.layers.{l}.self_attn.{k,v}_proj.weight     [KV, D]     KV = nKvHeads · headSize
 * model.layers.{l}.self_attn.o_proj.weight         [D, D]
 * model.layers.{l}.post_attention_layernorm.weight [D]
 * model.layers.{l}.mlp.{gate,up}_proj.weight       [H, D]
 * model.layers.{l}.mlp.down_proj.weight            [D, H]
 * model.norm.weight                                [D]
 * lm_head.weight                                   [V, D]      only when embeddings are not tied
 * </pre>
 *
 * q and k rows are in Hugging Face's RoPE order: within each head, the first half of the rows are
 * the real parts and the second half the imaginary parts ({@code rotate_half}), not interleaved
 * pairs.
 */
public final class LlamaLayout {
  private LlamaLayout() {}

  /**
   * Name → shape of every tensor of a model of {@code c}, in the engine's buffer order ({@link
   * ParameterLayout}).
   */
  public static Map<String, int[]> shapes(LlamaConfig c) {
    ParameterLayout layout;
    try {
      layout = new ParameterLayout(c);
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(
          "the model has more than 2^31 parameters, more than the engine's flat buffer holds", e);
    }
    Map<String, int[]> m = new LinkedHashMap<>();
    for (TensorSpec t : layout.tensors()) {
      m.put(t.name(), t.shape());
    }
    return Collections.unmodifiableMap(m);
  }

  /** Total parameters of a model of {@code c}. */
  public static long parameterCount(LlamaConfig c) {
    long n = 0;
    for (int[] s : shapes(c).values()) {
      n += Tensor.numel(s);
    }
    return n;
  }

  /**
   * Checks that {@code weights} are exactly the tensors of a model of {@code c}.
   *
   * @throws IllegalArgumentException naming the first missing, unexpected or misshapen tensor
   */
  public static void check(LlamaConfig c, NamedTensors weights) {
    Map<String, int[]> want = shapes(c);
    for (Map.Entry<String, int[]> e : want.entrySet()) {
      Tensor t =
          weights
              .find(e.getKey())
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "missing tensor '" + e.getKey() + "' " + Arrays.toString(e.getValue())));
      if (!t.hasShape(e.getValue())) {
        throw new IllegalArgumentException(
            "tensor '"
                + t.name()
                + "' has shape "
                + Arrays.toString(t.shape())
                + ", expected "
                + Arrays.toString(e.getValue()));
      }
    }
    TreeSet<String> extra = new TreeSet<>(weights.names());
    extra.removeAll(want.keySet());
    if (!extra.isEmpty()) {
      throw new IllegalArgumentException(
          "unexpected tensor(s) "
              + extra
              + (extra.contains(TensorNames.LM_HEAD) ? " (the config ties embeddings)" : ""));
    }
  }
}
