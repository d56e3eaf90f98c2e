package dev.openledger.ml.lora;

import dev.openledger.ml.model.LinearKind;
import dev.openledger.ml.model.LlamaConfig;
import dev.openledger.ml.model.TensorSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each LoRA tensor lives in one flat {@code float[]}: layer by layer, and within a layer the
 * targets in declaration order (q, k, v, o, gate, up, down), each as {@code lora_A [r, in]} then
 * {@code lora_B [out, r]}:
 *
 * <pre>
 * base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight   [r, in]
 * base_model.model.model.layers.0.self_attn.q_proj.lora_B.weight   [out, r]
 * base_model.model.model.layers.0.self_attn.v_proj.lora_A.weight   ...
 * </pre>
 *
 * The same layout is the segment layout of a per-example gradient vector: segment {@code name}
 * covers {@code [offset, offset + size)} of the vector.
 */
public final class LoraLayout {
  private final LlamaConfig model;
  private final LoraConfig lora;
  private final Map<String, TensorSpec> tensors;
  private final int size;

  public LoraLayout(LlamaConfig model, LoraConfig lora) {
    this.model = model;
    this.lora = lora;
    Map<String, TensorSpec> map = new LinkedHashMap<>();
    int off = 0;
    for (int l = 0; l < model.nLayers(); l++) {
      for (LinearKind k : lora.targets()) {
        TensorSpec a =
            new TensorSpec(name(l, k, "A"), new int[] {lora.rank(), k.inDim(model)}, off);
        map.put(a.name(), a);
        off = Math.addExact(off, a.size());
        TensorSpec b =
            new TensorSpec(name(l, k, "B"), new int[] {k.outDim(model), lora.rank()}, off);
        map.put(b.name(), b);
        off = Math.addExact(off, b.size());
      }
    }
    this.tensors = Collections.unmodifiableMap(map);
    this.size = off;
  }

  /**
   * PEFT's name for a LoRA factor, e.g. {@code
   * base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight}.
   */
  public static String name(int layer, LinearKind kind, String factor) {
    return "base_model.model.model.layers."
        + layer
        + "."
        + kind.module()
        + ".lora_"
        + factor
        + ".weight";
  }

  public LlamaConfig model() {
    return model;
  }

  public LoraConfig lora() {
    return lora;
  }

  /** Total number of floats: the length of a per-example gradient vector. */
  public int size() {
    return size;
  }

  /** Every tensor in buffer order. */
  public List<TensorSpec> tensors() {
    return new ArrayList<>(tensors.values());
  }

  public TensorSpec spec(String name) {
    TensorSpec s = tensors.get(name);
    if (s == null) {
      throw new IllegalArgumentException("adapter has no tensor named " + name);
    }
    return s;
  }

  /** Whether the adapter covers {@code kind}. */
  public boolean targets(LinearKind kind) {
    return lora.targets().contains(kind);
  }
}
