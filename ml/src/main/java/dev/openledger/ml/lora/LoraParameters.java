package dev.openledger.ml.lora;

import dev.openledger.ml.model.LinearKind;
import dev.openledger.ml.model.LlamaConfig;
import dev.openledger.ml.model.TensorSpec;
import dev.openledger.ml.tensor.Mat;
import dev.openledger.ml.tensor.Rng;
import java.util.Arrays;

/**
 * The weights of one LoRA adapter (or their gradients, or AdamW moments) as one flat buffer laid
 * out by {@link LoraLayout}. With {@code s = alpha/r}, target {@code W [out, in]} of layer {@code
 * l} becomes {@code W + s·B·A} (Hu et al., "LoRA", ICLR 2022, eq. 3).
 */
public final class LoraParameters {
  private final LoraLayout layout;
  private final float[] data;

  public LoraParameters(LoraLayout layout, float[] data) {
    if (data.length != layout.size()) {
      throw new IllegalArgumentException(
          "adapter buffer of " + data.length + " floats, layout needs " + layout.size());
    }
    this.layout = layout;
    this.data = data;
  }

  /** An all-zero buffer (gradients, moments). */
  public static LoraParameters zeros(LlamaConfig model, LoraConfig lora) {
    LoraLayout layout = new LoraLayout(model, lora);
    return new LoraParameters(layout, new float[layout.size()]);
  }

  /**
   * A fresh adapter as PEFT initialises one: {@code A ~ U(−1/√in, 1/√in)} (PyTorch's
   * Kaiming-uniform with {@code a = √5}), {@code B = 0}, so it changes nothing until trained. Drawn
   * in buffer order from {@code seed}.
   */
  public static LoraParameters fresh(LlamaConfig model, LoraConfig lora, long seed) {
    LoraParameters p = zeros(model, lora);
    Rng rng = new Rng(seed);
    for (TensorSpec s : p.layout.tensors()) {
      if (s.name().contains(".lora_A.")) {
        double bound = 1.0 / Math.sqrt(s.shape()[1]);
        for (int i = s.offset(); i < s.offset() + s.size(); i++) {
          p.data[i] = (float) ((rng.nextDouble() * 2 - 1) * bound);
        }
      }
    }
    return p;
  }

  public LoraParameters zerosLike() {
    return new LoraParameters(layout, new float[layout.size()]);
  }

  public LoraParameters copy() {
    return new LoraParameters(layout, data.clone());
  }

  public LoraLayout layout() {
    return layout;
  }

  public LoraConfig config() {
    return layout.lora();
  }

  /** {@code alpha / r}. */
  public float scaling() {
    return layout.lora().scaling();
  }

  /** The flat buffer (shared). */
  public float[] data() {
    return data;
  }

  public void zero() {
    Arrays.fill(data, 0f);
  }

  /** Whether this adapter has factors for {@code kind}. */
  public boolean targets(LinearKind kind) {
    return layout.targets(kind);
  }

  /** {@code lora_A [r, in]} of {@code kind} in {@code layer}. */
  public Mat a(int layer, LinearKind kind) {
    return view(LoraLayout.name(layer, kind, "A"));
  }

  /** {@code lora_B [out, r]} of {@code kind} in {@code layer}. */
  public Mat b(int layer, LinearKind kind) {
    return view(LoraLayout.name(layer, kind, "B"));
  }

  private Mat view(String name) {
    TensorSpec s = layout.spec(name);
    int[] shape = s.shape();
    return new Mat(data, s.offset(), shape[0], shape[1]);
  }
}
