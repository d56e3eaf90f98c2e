package dev.openledger.ml.format;

import dev.openledger.ml.model.LinearKind;
import dev.openledger.ml.model.LlamaConfig;
import dev.openledger.ml.model.TensorNames;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * The tensors of a Llama model in Hugging Face naming, with their shapes. Linear weights are {@code [out, in]}.
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
 * q and k rows are in Hugging Face's RoPE order: within each head, the first half of the rows are the real
 * parts and the second half the imaginary parts ({@code rotate_half}), not interleaved pairs.
 */
public final class LlamaLayout {
  private LlamaLayout() {}

  /** Name → shape of every tensor of a model of {@code c}, in forward-pass order. */
  public static Map<String, int[]> shapes(LlamaConfig c) {
    Map<String, int[]> m = new LinkedHashMap<>();
    m.put(TensorNames.EMBED, new int[] {c.vocabSize(), c.dim()});
    for (int l = 0; l < c.nLayers(); l++) {
      m.put(TensorNames.attnNorm(l), new int[] {c.dim()});
      for (LinearKind k : LinearKind.values()) {
        if (k == LinearKind.GATE) {
          m.put(TensorNames.mlpNorm(l), new int[] {c.dim()});
        }
        m.put(TensorNames.linear(l, k), new int[] {k.outDim(c), k.inDim(c)});
      }
    }
    m.put(TensorNames.FINAL_NORM, new int[] {c.dim()});
    if (!c.tiedEmbeddings()) {
      m.put(TensorNames.LM_HEAD, new int[] {c.vocabSize(), c.dim()});
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
          weights.find(e.getKey())
              .orElseThrow(() -> new IllegalArgumentException("missing tensor '" + e.getKey() + "' " + Arrays.toString(e.getValue())));
      if (!t.hasShape(e.getValue())) {
        throw new IllegalArgumentException(
            "tensor '" + t.name() + "' has shape " + Arrays.toString(t.shape()) + ", expected " + Arrays.toString(e.getValue()));
      }
    }
    TreeSet<String> extra = new TreeSet<>(weights.names());
    extra.removeAll(want.keySet());
    if (!extra.isEmpty()) {
      throw new IllegalArgumentException(
          "unexpected tensor(s) " + extra + (extra.contains(TensorNames.LM_HEAD) ? " (the config ties embeddings)" : ""));
    }
  }
}
