package dev.openledger.ml.format;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * A safetensors file (a downloaded checkpoint or an uploaded adapter): {@link SafeTensorsFile#of}
 * accepts a valid header or throws {@link FormatException}; an accepted file's tensors all read
 * back, and their sizes agree with the header. The header length and the tensor shapes are length
 * fields the fuzzer controls: the fuzz JVM's small heap turns any allocation they drive beyond the
 * input's size into a finding.
 */
class SafeTensorsFuzzTest {
  @FuzzTest
  @Timeout(value = 5, unit = TimeUnit.SECONDS)
  void open(byte[] bytes) throws IOException {
    try (SafeTensorsFile f = SafeTensorsFile.of(bytes)) {
      long total = 0;
      for (SafeTensorsFile.Entry e : f.entries().values()) {
        total += e.end() - e.begin();
        assertThat((long) f.read(e.name()).data().length).isEqualTo(e.numel());
      }
      assertThat(total).isLessThanOrEqualTo(bytes.length);
    } catch (FormatException e) {
      FormatFuzzing.assertClear(e);
    }
  }
}
