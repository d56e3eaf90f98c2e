package dev.openledger.ml.format;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * A Hugging Face model {@code config.json}: parses into a valid model config or throws {@link
 * FormatException}.
 */
class ConfigJsonFuzzTest {
  @FuzzTest
  @Timeout(value = 5, unit = TimeUnit.SECONDS)
  void parse(byte[] bytes) {
    try {
      ConfigJson.parse(bytes);
    } catch (FormatException e) {
      FormatFuzzing.assertClear(e);
    }
  }
}
