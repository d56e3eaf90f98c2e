package dev.openledger.datanet;

import static dev.openledger.datanet.ServiceFixture.ALICE;
import static dev.openledger.datanet.ServiceFixture.NEWS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.openledger.core.crypto.Hash;
import dev.openledger.datanet.validate.Reason;
import dev.openledger.datanet.validate.UsageSnapshot;
import dev.openledger.datanet.validate.ValidationParams;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad files are refused with a reason, and nothing of them is stored. */
class BadFilesTest {
  @TempDir Path dir;
  ServiceFixture f;

  @BeforeEach
  void open() throws IOException {
    ValidationParams small =
        ValidationParams.defaults()
            .withLimits(
                new ValidationParams.Limits(
                    64 * 1024, 10 * ValidationParams.MB, 20, 10 * ValidationParams.MB, 50_000));
    f = new ServiceFixture(dir, small);
  }

  @AfterEach
  void close() {
    f.close();
  }

  private void assertNothingStored() throws IOException {
    assertThat(f.service.contributions(NEWS)).isEmpty();
    try (Stream<Path> files = Files.walk(dir.resolve("blobs"))) {
      assertThat(files.filter(Files::isRegularFile)).isEmpty();
    }
  }

  private IngestResult.Rejected refuse(String name, byte[] bytes, Reason reason)
      throws IOException {
    IngestResult.Rejected r =
        f.rejected(f.service.ingest(NEWS, ALICE, name, bytes, UsageSnapshot.NONE), reason);
    assertThat(r.rejection().message()).isNotBlank();
    assertNothingStored();
    return r;
  }

  @Test
  void binaryJunk() throws IOException {
    byte[] junk = new byte[8192];
    new Random(11).nextBytes(junk);
    junk[100] = 0;
    refuse("junk.txt", junk, Reason.BINARY_CONTENT);
  }

  @Test
  void wrongEncoding() throws IOException {
    byte[] latin1 =
        "Le caf\u00e9 \u00e9tait plein de monde ce matin-l\u00e0, comme toujours le lundi."
            .getBytes(StandardCharsets.ISO_8859_1);
    assertThat(refuse("cafe.txt", latin1, Reason.INVALID_UTF8).rejection().message())
        .contains("byte offset 6");
  }

  @Test
  void oversized() throws IOException {
    byte[] big =
        "All work and no play makes a dull story for the evening paper. "
            .repeat(1100)
            .getBytes(StandardCharsets.UTF_8);
    assertThat(refuse("big.txt", big, Reason.FILE_TOO_LARGE).rejection().message())
        .contains("per file");
  }

  @Test
  void malformedJsonl() throws IOException {
    byte[] jsonl =
        "{\"text\":\"The mayor opened the new bridge on Sunday morning.\"}\n{\"text\":\"unterminated\n"
            .getBytes(StandardCharsets.UTF_8);
    assertThat(refuse("d.jsonl", jsonl, Reason.MALFORMED_JSONL).rejection().message())
        .startsWith("line 2:");
  }

  @Test
  void aPdfThatIsNotAPdf() throws IOException {
    refuse(
        "report.pdf",
        "This is plain text with a .pdf name and no PDF header at all."
            .getBytes(StandardCharsets.UTF_8),
        Reason.TYPE_MISMATCH);
  }

  @Test
  void dailyLimitsFromTheCallersUsageSnapshot() throws IOException {
    byte[] ok = ServiceFixture.brownText("ca05").getBytes(StandardCharsets.UTF_8);
    f.rejected(
        f.service.ingest(NEWS, ALICE, "a.txt", ok, new UsageSnapshot(0, 20, 0)),
        Reason.USER_DAILY_FILES);
    f.rejected(
        f.service.ingest(
            NEWS, ALICE, "a.txt", ok, new UsageSnapshot(10 * ValidationParams.MB - 10, 1, 0)),
        Reason.USER_DAILY_BYTES);
    f.rejected(
        f.service.ingest(
            NEWS, ALICE, "a.txt", ok, new UsageSnapshot(0, 1, 10 * ValidationParams.MB - 10)),
        Reason.DATANET_DAILY_BYTES);
    assertNothingStored();
    f.staged(f.service.ingest(NEWS, ALICE, "a.txt", ok, new UsageSnapshot(0, 19, 0)));
  }

  @Test
  void spamFloodAndUnknownDatanetLeaveNothing() throws IOException {
    StringBuilder flood = new StringBuilder();
    for (int i = 0; i < 50; i++) {
      flood
          .append("BUY NOW!!! click here http://spam.example/")
          .append(i)
          .append(" best deals best deals best deals\n\n");
    }
    IngestResult.Rejected r =
        refuse(
            "flood.txt",
            flood.toString().getBytes(StandardCharsets.UTF_8),
            Reason.NO_ACCEPTED_ROWS);
    assertThat(r.rows())
        .allSatisfy(
            d ->
                assertThat(d.rejection().orElseThrow().reason())
                    .isIn(Reason.LINK_SPAM, Reason.DUPLICATE, Reason.NEAR_DUPLICATE));
    f.rejected(
        f.service.ingest(
            Hash.ZERO, ALICE, "a.txt", "text".getBytes(StandardCharsets.UTF_8), UsageSnapshot.NONE),
        Reason.UNKNOWN_DATANET);
    assertNothingStored();
  }
}
