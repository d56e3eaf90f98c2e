package dev.openledger.openlora.service;

import dev.openledger.openlora.engine.EngineLimits;
import java.time.Duration;

/**
 * How a provider serves.
 *
 * @param cacheBytes the adapter cache's bound in bytes
 * @param loaderThreads threads reading adapters from disk
 * @param limits the engine's batch, queue and scheduling bounds
 * @param maxPromptTokens longer prompts are refused with HTTP 413
 * @param maxTokens the most {@code max_tokens} a call may ask for (and the default cap)
 * @param requestTimeout a call not finished by then ends with HTTP 408 (or an error event when
 *     streaming)
 */
public record ServeConfig(
    long cacheBytes,
    int loaderThreads,
    EngineLimits limits,
    int maxPromptTokens,
    int maxTokens,
    Duration requestTimeout) {
  public ServeConfig {
    if (cacheBytes <= 0
        || loaderThreads < 1
        || limits == null
        || maxPromptTokens < 1
        || maxTokens < 1
        || requestTimeout == null
        || requestTimeout.isNegative()
        || requestTimeout.isZero()) {
      throw new IllegalArgumentException("serve config values must be positive");
    }
  }

  /**
   * 256 MiB of adapters, one loader thread, default engine limits, prompts up to 2048 tokens, 60 s
   * per request.
   */
  public static ServeConfig defaults() {
    return new ServeConfig(
        256L << 20, 1, EngineLimits.defaults(), 2048, 1024, Duration.ofSeconds(60));
  }

  public ServeConfig withCacheBytes(long bytes) {
    return new ServeConfig(
        bytes, loaderThreads, limits, maxPromptTokens, maxTokens, requestTimeout);
  }

  public ServeConfig withLimits(EngineLimits l) {
    return new ServeConfig(
        cacheBytes, loaderThreads, l, maxPromptTokens, maxTokens, requestTimeout);
  }

  public ServeConfig withMaxPromptTokens(int n) {
    return new ServeConfig(cacheBytes, loaderThreads, limits, n, maxTokens, requestTimeout);
  }

  public ServeConfig withMaxTokens(int n) {
    return new ServeConfig(cacheBytes, loaderThreads, limits, maxPromptTokens, n, requestTimeout);
  }

  public ServeConfig withRequestTimeout(Duration d) {
    return new ServeConfig(cacheBytes, loaderThreads, limits, maxPromptTokens, maxTokens, d);
  }
}
