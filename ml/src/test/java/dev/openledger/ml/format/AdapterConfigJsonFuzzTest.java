package dev.openledger.ml.format;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * A PEFT {@code adapter_config.json} (from an uploaded adapter directory): parses into a valid LoRA
 * config or throws {@link FormatException}; what parses writes back to JSON that parses to the same
 * contents.
 */
class AdapterConfigJsonFuzzTest {
  @FuzzTest
  @Timeout(value = 5, unit = TimeUnit.SECONDS)
  void parse(byte[] bytes) throws FormatException {
    AdapterConfigJson.Contents c;
    try {
      c = AdapterConfigJson.parse(bytes);
    } catch (FormatException e) {
      FormatFuzzing.assertClear(e);
      return;
    }
    byte[] again = AdapterConfigJson.toJson(c).getBytes(StandardCharsets.UTF_8);
    assertThat(AdapterConfigJson.parse(again)).isEqualTo(c);
  }
}
