package dev.openledger.ml.generate;

import dev.openledger.ml.tensor.Rng;

/** Picks the next token from a row of logits. Implementations may overwrite {@code logits}. */
@FunctionalInterface
public interface Sampler {

  int sample(float[] logits, Rng rng);

  /** The most likely token (the lowest id among ties). */
  static Sampler greedy() {
    return (logits, rng) -> argmax(logits);
  }

  /**
   * Samples from {@code softmax(logits / temperature)}, keeping only the smallest set of most
   * likely tokens whose probability reaches {@code topP} (nucleus sampling, Holtzman et al., ICLR
   * 2020). Temperature 0 is greedy; {@code topP = 1} keeps every token.
   */
  static Sampler of(float temperature, float topP) {
    if (!(temperature >= 0) || !(topP > 0 && topP <= 1)) {
      throw new IllegalArgumentException(
          "temperature must be >= 0 and top-p in (0, 1], got " + temperature + ", " + topP);
    }
    if (temperature == 0) {
      return greedy();
    }
    return (logits, rng) -> Nucleus.sample(logits, temperature, topP, rng);
  }

  static int argmax(float[] logits) {
    int best = 0;
    for (int i = 1; i < logits.length; i++) {
      if (logits[i] > logits[best]) {
        best = i;
      }
    }
    return best;
  }
}
