package dev.openledger.ml.nn;

import dev.openledger.ml.tensor.Mat;

/**
 * One adapted projection: {@code y = x·Wᵀ + scaling·(x·Aᵀ)·Bᵀ}.
 *
 * @param a {@code lora_A [r, in]}
 * @param b {@code lora_B [out, r]}
 * @param scaling {@code alpha / r}
 */
public record LoraTarget(Mat a, Mat b, float scaling) {

  public LoraTarget {
    if (a.rows() != b.cols()) {
      throw new IllegalArgumentException(
          "LoRA rank mismatch: A has " + a.rows() + " rows, B " + b.cols() + " columns");
    }
  }

  public int rank() {
    return a.rows();
  }
}
