package dev.openledger.datanet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import dev.openledger.datanet.dedup.MemoryDedupIndex;
import dev.openledger.datanet.validate.CorpusStats;
import dev.openledger.datanet.validate.UsageSnapshot;
import dev.openledger.datanet.validate.ValidationParams;
import java.io.IOException;
import java.util.Arrays;

/**
 * Runs an uploaded file through the whole ingestion recipe ({@link IngestPipeline}: limits, type
 * detection, extraction, row splitting, every row stage) against an empty datanet, without a store.
 * The first input byte picks the file name's extension from {@code extensions}; the rest is the
 * file.
 */
final class IngestFuzzing {
  private static final Hash DATANET = Hash.sha256(new byte[] {'f', 'u', 'z', 'z'});
  private static final Address SUBMITTER = Address.module("fuzz");
  private static final UsageSnapshot NO_USAGE = new UsageSnapshot(0, 0, 0);

  private IngestFuzzing() {}

  /**
   * The property: a staged contribution or a rejection with a reason and a message, never an
   * exception.
   */
  static void ingest(byte[] input, String... extensions) throws IOException {
    if (input.length == 0) {
      return;
    }
    String name = "upload." + extensions[(input[0] & 0xff) % extensions.length];
    byte[] file = Arrays.copyOfRange(input, 1, input.length);
    IngestPipeline pipeline = new IngestPipeline(ValidationParams.defaults());
    IngestPipeline.Context ctx =
        new IngestPipeline.Context(DATANET, 0, new CorpusStats(), new MemoryDedupIndex());
    IngestResult result = pipeline.evaluate(ctx, SUBMITTER, name, file, NO_USAGE).result();
    if (result instanceof IngestResult.Rejected r) {
      assertThat(r.rejection().message()).isNotBlank();
    } else {
      IngestResult.Staged s = (IngestResult.Staged) result;
      assertThat(s.bytes()).isEqualTo(file.length);
      assertThat(s.rows()).hasSize(s.rowsTotal());
    }
  }
}
