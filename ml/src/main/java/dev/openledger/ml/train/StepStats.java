package dev.openledger.ml.train;

/**
 * What one optimizer step did, for progress reports. Only {@code elapsedNanos} depends on the
 * clock, and nothing in training reads it.
 *
 * @param step steps done so far (1-based)
 * @param totalSteps steps in the run
 * @param loss mean token loss over the step's micro-batches
 * @param learningRate learning rate used
 * @param gradNorm global gradient norm before clipping
 * @param tokens tokens consumed so far in this process
 * @param elapsedNanos wall time so far in this process
 */
public record StepStats(
    int step,
    int totalSteps,
    float loss,
    float learningRate,
    float gradNorm,
    long tokens,
    long elapsedNanos) {

  /** Training throughput so far. */
  public double tokensPerSecond() {
    return elapsedNanos == 0 ? 0 : tokens * 1e9 / elapsedNanos;
  }
}
