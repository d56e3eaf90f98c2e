package dev.openledger.openlora.engine;

/**
 * The engine's bounds.
 *
 * @param maxBatch most sequences decoded together in one step
 * @param maxQueued most requests waiting for a batch slot; more are refused (HTTP 429)
 * @param maxActiveAdapters most models whose adapters are pinned for admission at once
 * @param prefillChunk most prompt tokens of one sequence fed in one step
 * @param stepTokens most tokens (rows) in one step: decoding sequences take one each, prefill
 *     chunks share the rest; must exceed {@code maxBatch} so prefill always progresses
 * @param sliceSteps steps an active model may keep admitting while other models wait
 * @param prefetchDepth how many pending models (oldest first) have their adapters loaded ahead of
 *     activation
 */
public record EngineLimits(
    int maxBatch,
    int maxQueued,
    int maxActiveAdapters,
    int prefillChunk,
    int stepTokens,
    int sliceSteps,
    int prefetchDepth) {
  public EngineLimits {
    if (maxBatch < 1
        || maxQueued < 1
        || maxActiveAdapters < 1
        || prefillChunk < 1
        || sliceSteps < 1
        || prefetchDepth < 0) {
      throw new IllegalArgumentException("engine limits must be positive (prefetch depth >= 0)");
    }
    if (stepTokens <= maxBatch) {
      throw new IllegalArgumentException(
          "stepTokens (" + stepTokens + ") must exceed maxBatch (" + maxBatch + ")");
    }
  }

  /**
   * Defaults for a small CPU box: batch 16, 128 queued, 32 active models, prefill chunks of 64.
   * Every waiting HTTP call holds a server thread, so batch plus queue stay well below Jetty's 250
   * threads.
   */
  public static EngineLimits defaults() {
    return new EngineLimits(16, 128, 32, 64, 128, 64, 8);
  }

  public EngineLimits withMaxBatch(int n) {
    return new EngineLimits(
        n,
        maxQueued,
        maxActiveAdapters,
        prefillChunk,
        Math.max(stepTokens, n + 1),
        sliceSteps,
        prefetchDepth);
  }

  public EngineLimits withMaxQueued(int n) {
    return new EngineLimits(
        maxBatch, n, maxActiveAdapters, prefillChunk, stepTokens, sliceSteps, prefetchDepth);
  }

  public EngineLimits withMaxActiveAdapters(int n) {
    return new EngineLimits(
        maxBatch, maxQueued, n, prefillChunk, stepTokens, sliceSteps, prefetchDepth);
  }

  public EngineLimits withPrefill(int chunk, int tokensPerStep) {
    return new EngineLimits(
        maxBatch, maxQueued, maxActiveAdapters, chunk, tokensPerStep, sliceSteps, prefetchDepth);
  }

  public EngineLimits withSliceSteps(int n) {
    return new EngineLimits(
        maxBatch, maxQueued, maxActiveAdapters, prefillChunk, stepTokens, n, prefetchDepth);
  }
}
