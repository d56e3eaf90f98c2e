package dev.openledger.openlora.service;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Sampling parameters as OpenAI names them. Absent values take OpenAI's defaults: temperature 1,
 * top_p 1, max_tokens as many as fit (capped by the server), a random seed.
 *
 * @param maxTokens {@code max_tokens} (or {@code max_completion_tokens})
 * @param temperature {@code temperature}, 0 to 2; 0 is greedy
 * @param topP {@code top_p}, in (0, 1]
 * @param stop {@code stop}: up to 4 non-empty strings that end the completion (not included in it)
 * @param seed {@code seed}: the same seed, prompt and parameters give the same completion
 */
public record Sampling(
    OptionalInt maxTokens,
    Optional<Double> temperature,
    Optional<Double> topP,
    List<String> stop,
    OptionalLong seed) {
  public static final int MAX_STOP = 4;

  public Sampling {
    stop = List.copyOf(stop);
  }

  /** Greedy decoding of at most {@code maxTokens} tokens. */
  public static Sampling greedy(int maxTokens) {
    return new Sampling(
        OptionalInt.of(maxTokens),
        Optional.of(0.0),
        Optional.empty(),
        List.of(),
        OptionalLong.empty());
  }

  /** The first parameter out of range, if any. */
  Optional<ServeError> check() {
    if (maxTokens.isPresent() && maxTokens.getAsInt() < 1) {
      return Optional.of(
          ServeError.invalid(
              "max_tokens", "max_tokens must be at least 1, got " + maxTokens.getAsInt()));
    }
    if (temperature.isPresent() && !(temperature.get() >= 0 && temperature.get() <= 2)) {
      return Optional.of(
          ServeError.invalid(
              "temperature", "temperature must be between 0 and 2, got " + temperature.get()));
    }
    if (topP.isPresent() && !(topP.get() > 0 && topP.get() <= 1)) {
      return Optional.of(
          ServeError.invalid(
              "top_p", "top_p must be greater than 0 and at most 1, got " + topP.get()));
    }
    if (stop.size() > MAX_STOP) {
      return Optional.of(
          ServeError.invalid(
              "stop", "at most " + MAX_STOP + " stop sequences are allowed, got " + stop.size()));
    }
    for (String s : stop) {
      if (s.isEmpty()) {
        return Optional.of(ServeError.invalid("stop", "stop sequences must not be empty"));
      }
    }
    return Optional.empty();
  }
}
