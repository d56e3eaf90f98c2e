package dev.openledger.datanet;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Uploaded documents ({@code .pdf} through PDFBox, {@code .docx} through POI) through the ingestion
 * recipe: staged or rejected with a reason, never an exception, however the container or its parser
 * fails (see {@link IngestFuzzing}).
 */
class DocumentIngestFuzzTest {
  @FuzzTest
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void ingest(byte[] input) throws IOException {
    IngestFuzzing.ingest(input, "pdf", "docx");
  }
}
