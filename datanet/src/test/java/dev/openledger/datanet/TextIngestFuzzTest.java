package dev.openledger.datanet;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Uploaded text files ({@code .txt}, {@code .md}, {@code .jsonl}, and a name with no supported
 * extension) through the ingestion recipe: staged or rejected with a reason, never an exception
 * (see {@link IngestFuzzing}).
 */
class TextIngestFuzzTest {
  @FuzzTest
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void ingest(byte[] input) throws IOException {
    IngestFuzzing.ingest(input, "txt", "md", "jsonl", "bin");
  }
}
