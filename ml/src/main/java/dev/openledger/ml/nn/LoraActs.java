package dev.openledger.ml.nn;

import dev.openledger.ml.tensor.Mat;

/**
 * What the forward pass of one adapted projection saves for its backward pass, over {@code N} rows.
 *
 * @param input the projection's input {@code x [N, in]} (a view of the layer's activations)
 * @param u {@code scaling·x̃·Aᵀ [N, r]}, where {@code x̃} is {@code x} after dropout
 * @param du scratch for {@code dU [N, r]}
 * @param mask dropout multipliers {@code [N, in]} (0 or {@code 1/(1−p)}), or null without dropout
 * @param dropped {@code x̃ [N, in]}, or null without dropout (then {@code x̃ = x})
 */
public record LoraActs(Mat input, Mat u, Mat du, Mat mask, Mat dropped) {

  public LoraActs {
    if ((mask == null) != (dropped == null)) {
      throw new IllegalArgumentException("dropout needs both a mask and a dropped-input buffer");
    }
  }

  /** The adapter's input after dropout. */
  public Mat adapterInput() {
    return dropped == null ? input : dropped;
  }
}
