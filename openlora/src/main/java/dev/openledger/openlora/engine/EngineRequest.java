package dev.openledger.openlora.engine;

import dev.openledger.ml.generate.Sampler;
import dev.openledger.openlora.chain.ModelListing;
import java.util.Set;

/**
 * One generation request.
 *
 * @param id the request id (for logs)
 * @param model the approved model whose adapter decodes it
 * @param prompt prompt token ids (at least one)
 * @param maxTokens most tokens to generate (at least one)
 * @param sampler how each token is picked
 * @param seed seeds the sampler's random draws
 * @param stopTokens tokens that end the completion (not emitted)
 * @param deadlineNanos {@link System#nanoTime()} by which it must have finished
 * @param sink where tokens and the end go
 */
public record EngineRequest(
    String id,
    ModelListing model,
    int[] prompt,
    int maxTokens,
    Sampler sampler,
    long seed,
    Set<Integer> stopTokens,
    long deadlineNanos,
    TokenSink sink) {
  public EngineRequest {
    if (id == null
        || model == null
        || prompt == null
        || sampler == null
        || stopTokens == null
        || sink == null) {
      throw new IllegalArgumentException("every request field is required");
    }
    if (prompt.length == 0) {
      throw new IllegalArgumentException("a prompt needs at least one token");
    }
    if (maxTokens < 1) {
      throw new IllegalArgumentException("maxTokens must be at least 1, got " + maxTokens);
    }
    prompt = prompt.clone();
    stopTokens = Set.copyOf(stopTokens);
  }

  @Override
  public int[] prompt() {
    return prompt.clone();
  }

  int promptLength() {
    return prompt.length;
  }

  int promptToken(int i) {
    return prompt[i];
  }
}
