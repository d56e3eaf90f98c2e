package dev.openledger.ml.transformer;

import dev.openledger.ml.lora.LoraParameters;
import dev.openledger.ml.model.Parameters;

/**
 * What a backward pass computes. Gradients are added into the given buffers: zero them for a fresh
 * step, keep them to accumulate over micro-batches.
 *
 * @param base gradients of the base weights, or null when the base is frozen
 * @param lora gradients of the adapter summed over the batch, or null
 * @param perExample one gradient buffer per sequence of the batch (each laid out like the adapter),
 *     or null
 * @param lossWeights per-position weight of each token's loss: the pass differentiates {@code Σ_i
 *     lossWeights[i]·loss_i} (see {@link dev.openledger.ml.nn.CrossEntropy#meanWeights})
 */
public record Gradients(
    Parameters base, LoraParameters lora, LoraParameters[] perExample, float[] lossWeights) {

  public Gradients {
    if (base == null && lora == null && perExample == null) {
      throw new IllegalArgumentException("a backward pass needs somewhere to put gradients");
    }
    if (lossWeights == null) {
      throw new IllegalArgumentException("loss weights are required");
    }
  }

  /** Full training: gradients of every base weight for the batch's mean token loss. */
  public static Gradients ofBase(Parameters base, Batch batch) {
    return new Gradients(base, null, null, meanWeights(batch));
  }

  /** LoRA training: the adapter's gradient for the batch's mean token loss, base frozen. */
  public static Gradients ofLora(LoraParameters lora, Batch batch) {
    return new Gradients(null, lora, null, meanWeights(batch));
  }

  /**
   * Per-example LoRA gradients: {@code perExample[b]} receives the gradient of sequence b's own
   * mean token loss (as if it were a batch of one).
   */
  public static Gradients perExample(LoraParameters[] perExample, Batch batch) {
    if (perExample.length != batch.batchSize()) {
      throw new IllegalArgumentException(
          "need one gradient buffer per sequence: " + batch.batchSize());
    }
    return new Gradients(
        null,
        null,
        perExample,
        dev.openledger.ml.nn.CrossEntropy.perSequenceWeights(batch.targets(), batch.seqLen()));
  }

  private static float[] meanWeights(Batch batch) {
    return dev.openledger.ml.nn.CrossEntropy.meanWeights(batch.targets());
  }
}
