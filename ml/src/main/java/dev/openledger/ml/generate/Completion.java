package dev.openledger.ml.generate;

/**
 * A generated continuation.
 *
 * @param tokens the new tokens (without the prompt and without the stop token)
 * @param reason why generation ended
 */
public record Completion(int[] tokens, StopReason reason) {

  /** Why a completion ended. */
  public enum StopReason {
    /** A stop token was produced. */
    STOP_TOKEN,
    /** {@link GenerationConfig#maxTokens()} tokens were produced. */
    MAX_TOKENS,
    /** The model's context is full. */
    CONTEXT_FULL
  }

  @Override
  public int[] tokens() {
    return tokens.clone();
  }
}
