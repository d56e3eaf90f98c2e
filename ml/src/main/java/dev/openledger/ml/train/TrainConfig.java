package dev.openledger.ml.train;

/**
 * Optimisation hyper-parameters of a run.
 *
 * @param steps optimizer steps
 * @param batchSize B, sequences per micro-batch
 * @param seqLen T, tokens per sequence
 * @param gradAccum micro-batches per optimizer step (effective batch {@code B·gradAccum})
 * @param learningRate peak learning rate
 * @param minLrRatio final learning rate as a fraction of the peak (cosine floor)
 * @param warmupSteps steps of linear warm-up
 * @param weightDecay AdamW's decoupled weight decay (applied to matrices only, not to norm weights)
 * @param beta1 AdamW β1
 * @param beta2 AdamW β2
 * @param epsilon AdamW ε
 * @param clipNorm global gradient-norm clip (0 disables)
 * @param seed seeds data order and dropout
 */
public record TrainConfig(
    int steps,
    int batchSize,
    int seqLen,
    int gradAccum,
    float learningRate,
    float minLrRatio,
    int warmupSteps,
    float weightDecay,
    float beta1,
    float beta2,
    float epsilon,
    float clipNorm,
    long seed) {

  public TrainConfig {
    if (steps < 0 || batchSize <= 0 || seqLen <= 0 || gradAccum <= 0 || warmupSteps < 0) {
      throw new IllegalArgumentException(
          "steps, batch size, sequence length and accumulation must be positive");
    }
    if (!(learningRate > 0) || !(minLrRatio >= 0 && minLrRatio <= 1)) {
      throw new IllegalArgumentException("learning rate must be positive and minLrRatio in [0, 1]");
    }
    if (!(weightDecay >= 0)
        || !(beta1 >= 0 && beta1 < 1)
        || !(beta2 >= 0 && beta2 < 1)
        || !(epsilon > 0)) {
      throw new IllegalArgumentException("bad AdamW settings");
    }
    if (!(clipNorm >= 0)) {
      throw new IllegalArgumentException("clipNorm must be 0 (off) or positive");
    }
  }

  /** Common defaults: β = (0.9, 0.95), ε = 1e-8, clip 1.0, cosine to 10% after 5% warm-up. */
  public static TrainConfig of(
      int steps, int batchSize, int seqLen, float learningRate, long seed) {
    return new TrainConfig(
        steps,
        batchSize,
        seqLen,
        1,
        learningRate,
        0.1f,
        Math.max(1, steps / 20),
        0.1f,
        0.9f,
        0.95f,
        1e-8f,
        1.0f,
        seed);
  }

  /** The same settings with another number of steps (and warm-up scaled to it). */
  public TrainConfig withSteps(int newSteps) {
    return new TrainConfig(
        newSteps,
        batchSize,
        seqLen,
        gradAccum,
        learningRate,
        minLrRatio,
        warmupSteps,
        weightDecay,
        beta1,
        beta2,
        epsilon,
        clipNorm,
        seed);
  }

  public TrainConfig withGradAccum(int accum) {
    return new TrainConfig(
        steps,
        batchSize,
        seqLen,
        accum,
        learningRate,
        minLrRatio,
        warmupSteps,
        weightDecay,
        beta1,
        beta2,
        epsilon,
        clipNorm,
        seed);
  }

  public TrainConfig withWeightDecay(float wd) {
    return new TrainConfig(
        steps,
        batchSize,
        seqLen,
        gradAccum,
        learningRate,
        minLrRatio,
        warmupSteps,
        wd,
        beta1,
        beta2,
        epsilon,
        clipNorm,
        seed);
  }

  /** Tokens consumed by one optimizer step. */
  public long tokensPerStep() {
    return (long) batchSize * seqLen * gradAccum;
  }
}
