package dev.openledger.ml.generate;

import java.util.Set;

/**
 * How to continue a prompt.
 *
 * @param maxTokens most new tokens to produce
 * @param sampler how to pick each token
 * @param stopTokens tokens that end the completion (not included in it), e.g. EOS
 * @param seed seeds the sampler's random draws
 */
public record GenerationConfig(int maxTokens, Sampler sampler, Set<Integer> stopTokens, long seed) {

  public GenerationConfig {
    if (maxTokens < 0) {
      throw new IllegalArgumentException("maxTokens must be >= 0, got " + maxTokens);
    }
    stopTokens = Set.copyOf(stopTokens);
  }

  /** Greedy decoding up to {@code maxTokens}, stopping at any of {@code stop}. */
  public static GenerationConfig greedy(int maxTokens, Set<Integer> stop) {
    return new GenerationConfig(maxTokens, Sampler.greedy(), stop, 0);
  }
}
