package dev.openledger.ml.format;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;

/**
 * A llama2.c {@code model.bin} checkpoint (a downloaded model): {@link Llama2cCheckpoint#read}
 * returns a config with weights or throws {@link FormatException}. Its header is seven length
 * fields the fuzzer controls; the reader must compare what they imply with the file's size before
 * allocating anything.
 */
class Llama2cCheckpointFuzzTest {
  static Path file;

  @BeforeAll
  static void scratch() throws IOException {
    file = Files.createTempFile("fuzz-llama2c", ".bin");
  }

  @AfterAll
  static void removeScratch() throws IOException {
    Files.deleteIfExists(file);
  }

  @FuzzTest
  @Timeout(value = 5, unit = TimeUnit.SECONDS)
  void read(byte[] bytes) throws IOException {
    Files.write(file, bytes);
    try {
      Llama2cCheckpoint.Contents c = Llama2cCheckpoint.read(file);
      assertThat(c.weights().totalElements() * 4L).isLessThanOrEqualTo(bytes.length);
    } catch (FormatException e) {
      FormatFuzzing.assertClear(e);
    }
  }
}
