package dev.openledger.ml.train;

/**
 * Linear warm-up then cosine decay (Loshchilov and Hutter, "SGDR", ICLR 2017, eq. 5, without
 * restarts): {@code lr(s) = peak·(s+1)/W} for {@code s < W}, then {@code min + ½(peak − min)(1 +
 * cos(π·(s − W)/(S − W)))} down to {@code min = peak·minLrRatio} at the last step.
 */
public final class LrSchedule {
  private LrSchedule() {}

  /** Learning rate of optimizer step {@code step} (0-based). */
  public static float at(TrainConfig c, int step) {
    float peak = c.learningRate();
    if (step < c.warmupSteps()) {
      return peak * (step + 1) / c.warmupSteps();
    }
    float min = peak * c.minLrRatio();
    int decay = Math.max(1, c.steps() - c.warmupSteps());
    double progress = Math.min(1.0, (double) (step - c.warmupSteps()) / decay);
    return (float) (min + 0.5 * (peak - min) * (1 + StrictMath.cos(Math.PI * progress)));
  }
}
