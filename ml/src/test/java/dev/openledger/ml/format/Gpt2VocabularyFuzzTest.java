package dev.openledger.ml.format;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * GPT-2's {@code encoder.json} and {@code vocab.bpe}: load into a working tokenizer or throw {@link
 * FormatException}. Input framing: a big-endian {@code u16} length {@code n}, then {@code n} bytes
 * of {@code encoder.json}, then {@code vocab.bpe} (a short input gives what it has to the first
 * file).
 */
class Gpt2VocabularyFuzzTest {
  @FuzzTest
  @Timeout(value = 5, unit = TimeUnit.SECONDS)
  void parse(byte[] input) {
    if (input.length < 2) {
      return;
    }
    int n = Math.min(((input[0] & 0xff) << 8) | (input[1] & 0xff), input.length - 2);
    byte[] encoder = Arrays.copyOfRange(input, 2, 2 + n);
    byte[] merges = Arrays.copyOfRange(input, 2 + n, input.length);
    try {
      FormatFuzzing.assertUsable(Gpt2Vocabulary.parse(encoder, merges));
    } catch (FormatException e) {
      FormatFuzzing.assertClear(e);
    }
  }
}
