package dev.openledger.ml.format;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * A Hugging Face {@code tokenizer.json}: loads into a working tokenizer or throws {@link
 * FormatException}.
 */
class TokenizerJsonFuzzTest {
  @FuzzTest
  @Timeout(value = 5, unit = TimeUnit.SECONDS)
  void parse(byte[] bytes) {
    try {
      FormatFuzzing.assertUsable(TokenizerJson.parse(bytes));
    } catch (FormatException e) {
      FormatFuzzing.assertClear(e);
    }
  }
}
