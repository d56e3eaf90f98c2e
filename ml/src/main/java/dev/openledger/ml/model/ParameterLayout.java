package dev.openledger.ml.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each tensor of a model lives in one flat {@code float[]}, in a fixed order:
 *
 * <pre>
 * model.embed_tokens.weight                     [V, C]
 * per layer l:
 *   model.layers.l.input_layernorm.weight       [C]
 *   model.layers.l.self_attn.q_proj.weight      [C, C]    ┐
 *   model.layers.l.self_attn.k_proj.weight      [KV, C]   ├ contiguous: one fused [C+2KV, C] projection
 *   model.layers.l.self_attn.v_proj.weight      [KV, C]   ┘
 *   model.layers.l.self_attn.o_proj.weight      [C, C]
 *   model.layers.l.post_attention_layernorm.weight [C]
 *   model.layers.l.mlp.gate_proj.weight         [H, C]    ┐ contiguous: one fused [2H, C] projection
 *   model.layers.l.mlp.up_proj.weight           [H, C]    ┘
 *   model.layers.l.mlp.down_proj.weight         [C, H]
 * model.norm.weight                             [C]
 * lm_head.weight                                [V, C]    (absent when the head is tied to the embedding)
 * </pre>
 *
 * (C = dim, H = hiddenDim, KV = kvDim, V = vocabSize.) Gradients and optimizer moments use the same
 * layout, so an update is one loop over the buffer, as in llm.c.
 */
public final class ParameterLayout {
  private final LlamaConfig config;
  private final Map<String, TensorSpec> tensors;
  private final int size;

  public ParameterLayout(LlamaConfig config) {
    this.config = config;
    Map<String, TensorSpec> map = new LinkedHashMap<>();
    int[] next = {0};
    int c = config.dim();
    int kv = config.kvDim();
    int h = config.hiddenDim();
    add(map, next, TensorNames.EMBED, config.vocabSize(), c);
    for (int l = 0; l < config.nLayers(); l++) {
      add(map, next, TensorNames.attnNorm(l), c);
      add(map, next, TensorNames.linear(l, LinearKind.Q), c, c);
      add(map, next, TensorNames.linear(l, LinearKind.K), kv, c);
      add(map, next, TensorNames.linear(l, LinearKind.V), kv, c);
      add(map, next, TensorNames.linear(l, LinearKind.O), c, c);
      add(map, next, TensorNames.mlpNorm(l), c);
      add(map, next, TensorNames.linear(l, LinearKind.GATE), h, c);
      add(map, next, TensorNames.linear(l, LinearKind.UP), h, c);
      add(map, next, TensorNames.linear(l, LinearKind.DOWN), c, h);
    }
    add(map, next, TensorNames.FINAL_NORM, c);
    if (!config.tiedEmbeddings()) {
      add(map, next, TensorNames.LM_HEAD, config.vocabSize(), c);
    }
    this.tensors = Collections.unmodifiableMap(map);
    this.size = next[0];
  }

  private static void add(Map<String, TensorSpec> map, int[] next, String name, int... shape) {
    TensorSpec spec = new TensorSpec(name, shape, next[0]);
    map.put(name, spec);
    next[0] = Math.addExact(next[0], spec.size());
  }

  public LlamaConfig config() {
    return config;
  }

  /** Total number of floats (the model's parameter count). */
  public int size() {
    return size;
  }

  /** Every tensor, in buffer order. */
  public List<TensorSpec> tensors() {
    return new ArrayList<>(tensors.values());
  }

  /** Whether the layout holds a tensor of that name. */
  public boolean has(String name) {
    return tensors.containsKey(name);
  }

  /**
   * The tensor of that name; throws if the model has none (e.g. {@code lm_head.weight} when tied).
   */
  public TensorSpec spec(String name) {
    TensorSpec s = tensors.get(name);
    if (s == null) {
      throw new IllegalArgumentException("model has no tensor named " + name);
    }
    return s;
  }
}
