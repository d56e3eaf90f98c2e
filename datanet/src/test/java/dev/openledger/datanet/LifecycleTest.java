package dev.openledger.datanet;

import static dev.openledger.datanet.ServiceFixture.ALICE;
import static dev.openledger.datanet.ServiceFixture.BOB;
import static dev.openledger.datanet.ServiceFixture.CAROL;
import static dev.openledger.datanet.ServiceFixture.NEWS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.openledger.core.Result;
import dev.openledger.core.crypto.Hash;
import dev.openledger.datanet.blob.FileBlobStore;
import dev.openledger.datanet.leaderboard.LeaderboardEntry;
import dev.openledger.datanet.store.ContributionState;
import dev.openledger.datanet.validate.Reason;
import dev.openledger.datanet.validate.UsageSnapshot;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Staging, registration, review, crash recovery and garbage collection. */
class LifecycleTest {
  @TempDir Path dir;
  ServiceFixture f;

  @BeforeEach
  void open() throws Exception {
    f = new ServiceFixture(dir);
  }

  @AfterEach
  void close() {
    f.close();
  }

  @Test
  void blobWrittenThenCrashBeforeAnyRecordIsCollectedAndResubmissionWorks() throws Exception {
    byte[] file = ServiceFixture.brownText("ca07").getBytes(StandardCharsets.UTF_8);
    f.close();
    // The process wrote the blob durably and died before recording anything.
    Hash blob = FileBlobStore.open(dir.resolve("blobs"), f.clock).put(file);
    f.reopen();
    assertThat(f.service.blob(blob)).isPresent();
    GcResult gc = f.service.collectGarbage(Set.of(), Duration.ZERO);
    assertThat(gc.blobs().removed()).containsExactly(blob);
    assertThat(f.service.blob(blob)).isEmpty();
    IngestResult.Staged s =
        f.staged(f.service.ingest(NEWS, ALICE, "ca07.txt", file, UsageSnapshot.NONE));
    assertThat(f.service.register(s.contributionId()).orElseThrow().claimedRows())
        .hasSize(s.rowsAccepted());
  }

  @Test
  void stagedButNeverOnChainIsCollectedAfterRestartAndCanBeResubmitted() throws Exception {
    String text = ServiceFixture.brownText("ca08");
    IngestResult.Staged s = f.staged(f.ingest(ALICE, "ca08.txt", text));
    assertThat(f.service.blob(s.blobHash())).isPresent();
    f.reopen(); // died before SubmitContribution reached the chain

    // Within the grace period nothing is touched: the transaction may still be on its way.
    GcResult early = f.service.collectGarbage(Set.of(), Duration.ofHours(1));
    assertThat(early.contributionsRemoved()).isEmpty();
    assertThat(early.blobs().removed()).isEmpty();
    assertThat(f.service.blob(s.blobHash())).isPresent();

    f.clock.advance(Duration.ofHours(2));
    GcResult gc = f.service.collectGarbage(Set.of(), Duration.ofHours(1));
    assertThat(gc.contributionsRemoved()).containsExactly(s.contributionId());
    assertThat(gc.blobs().removed()).containsExactly(s.blobHash());
    assertThat(f.service.contribution(s.contributionId())).isEmpty();
    assertThat(f.service.row(s.rows().get(0).rowId())).isEmpty();

    IngestResult.Staged again = f.staged(f.ingest(ALICE, "ca08.txt", text));
    assertThat(again.contributionId()).isEqualTo(s.contributionId());
    assertThat(f.service.register(again.contributionId()).orElseThrow().claimedRows())
        .hasSize(again.rowsAccepted());
  }

  @Test
  void gcKeepsWhatTheChainReferencesAndEverythingRegistered() throws Exception {
    IngestResult.Staged onChain =
        f.staged(f.ingest(ALICE, "a.txt", ServiceFixture.brownText("ca09")));
    IngestResult.Staged registered =
        f.staged(f.ingest(BOB, "b.txt", ServiceFixture.brownText("ca10")));
    f.service.register(registered.contributionId()).orElseThrow();
    GcResult gc = f.service.collectGarbage(Set.of(onChain.blobHash()), Duration.ZERO);
    assertThat(gc.contributionsRemoved()).isEmpty();
    assertThat(gc.blobs().removed()).isEmpty();
    assertThat(f.service.blob(onChain.blobHash())).isPresent();
    assertThat(f.service.blob(registered.blobHash())).isPresent();
  }

  @Test
  void theFirstToRegisterOwnsTheContent() throws Exception {
    String text = ServiceFixture.brownText("ca11");
    IngestResult.Staged bob =
        f.staged(f.ingest(BOB, "copy.txt", text)); // both staged before either registers
    IngestResult.Staged alice = f.staged(f.ingest(ALICE, "orig.txt", text));
    f.service.register(alice.contributionId()).orElseThrow();
    Registration late = f.service.register(bob.contributionId()).orElseThrow();
    assertThat(late.claimedRows()).isEmpty();
    assertThat(late.lostRows()).hasSize(bob.rowsAccepted());
    assertThat(late.lostRows())
        .allSatisfy(
            d ->
                assertThat(d.rejection().orElseThrow().original().orElseThrow().owner())
                    .isEqualTo(ALICE));
    assertThat(f.service.register(alice.contributionId()).orElseThrow().claimedRows())
        .hasSize(alice.rowsAccepted());
  }

  @Test
  void reviewRulesAndARejectionReleasesTheContent() throws Exception {
    String text = ServiceFixture.brownText("ca12");
    IngestResult.Staged s = f.staged(f.ingest(ALICE, "a.txt", text));
    assertThat(f.service.accept(s.contributionId(), "too early")).isInstanceOf(Result.Err.class);
    f.service.register(s.contributionId()).orElseThrow();
    f.rejected(f.ingest(BOB, "b.txt", text), Reason.NO_ACCEPTED_ROWS);
    assertThat(f.service.reject(s.contributionId(), "off-topic").orElseThrow().state())
        .isEqualTo(ContributionState.REJECTED);
    assertThat(((Result.Err<?>) f.service.accept(s.contributionId(), "changed my mind")).code())
        .isEqualTo("wrong_state");
    f.staged(f.ingest(BOB, "b.txt", text));
    IngestResult.Rejected again =
        f.rejected(f.ingest(ALICE, "a.txt", text), Reason.ALREADY_SUBMITTED);
    assertThat(again.rejection().message()).contains("rejected");
  }

  @Test
  void leaderboardReflectsReviewOutcomes() throws Exception {
    f.contributeAccepted(ALICE, "a1.txt", ServiceFixture.brownText("ca13"));
    f.contributeAccepted(ALICE, "a2.txt", ServiceFixture.brownText("ca14"));
    IngestResult.Staged bob = f.staged(f.ingest(BOB, "b.txt", ServiceFixture.brownText("ca15")));
    f.service.register(bob.contributionId()).orElseThrow();
    f.service.reject(bob.contributionId(), "no").orElseThrow();
    IngestResult.Staged carol =
        f.staged(f.ingest(CAROL, "c.txt", ServiceFixture.brownText("ca16")));
    f.service.register(carol.contributionId()).orElseThrow();
    List<LeaderboardEntry> table = f.service.leaderboard(NEWS);
    // Carol (only pending) and Bob (only rejected) both score 0; the address breaks the tie.
    List<dev.openledger.core.crypto.Address> rest =
        BOB.compareTo(CAROL) < 0 ? List.of(BOB, CAROL) : List.of(CAROL, BOB);
    assertThat(table)
        .extracting(LeaderboardEntry::contributor)
        .containsExactly(ALICE, rest.get(0), rest.get(1));
    assertThat(table.get(0).acceptedContributions()).isEqualTo(2);
    assertThat(table.get(0).acceptedRowRatio()).isEqualTo(1.0);
    LeaderboardEntry carolLine =
        table.stream().filter(e -> e.contributor().equals(CAROL)).findFirst().orElseThrow();
    assertThat(carolLine.pendingContributions()).isEqualTo(1);
    assertThat(carolLine.rowsDecided()).isZero();
    LeaderboardEntry bobLine =
        table.stream().filter(e -> e.contributor().equals(BOB)).findFirst().orElseThrow();
    assertThat(bobLine.rowsDecided()).isPositive();
    assertThat(bobLine.acceptedRowRatio()).isZero();
  }

  @Test
  void realPdfAndDocxFilesAreIngestedEndToEnd() throws Exception {
    List<String> paras = List.of(text("ca17").split("\n\n")).subList(0, 4);
    byte[] docx = TestDocs.docx(paras);
    IngestResult.Staged d =
        f.staged(f.service.ingest(NEWS, ALICE, "story.docx", docx, UsageSnapshot.NONE));
    assertThat(d.rowsAccepted()).isEqualTo(4);
    f.service.register(d.contributionId()).orElseThrow();
    byte[] pdf =
        TestDocs.pdf(
            List.of(
                List.of(
                    "The county commissioners approved a new road budget on Monday,",
                    "after a long debate about repairs to the old river bridge."),
                List.of(
                    "Residents who spoke at the meeting asked for better lighting",
                    "on the stretch of highway near the elementary school.")));
    IngestResult.Staged p =
        f.staged(f.service.ingest(NEWS, BOB, "minutes.pdf", pdf, UsageSnapshot.NONE));
    assertThat(p.rowsAccepted()).isEqualTo(2);
    assertThat(f.service.row(p.rows().get(1).rowId()).orElseThrow().text())
        .startsWith("Residents who spoke");
    // The Word document's first paragraph re-typed into a PDF is caught against the .docx, owner
    // Alice.
    byte[] copy = TestDocs.pdf(List.of(wrap(paras.get(0), 80)));
    IngestResult.Staged c =
        f.staged(
            f.service.ingest(
                NEWS, CAROL, "copy.pdf", pdfWithExtra(paras.get(0)), UsageSnapshot.NONE));
    RowDecision first = c.rows().get(0);
    assertThat(first.rejection().orElseThrow().reason()).isEqualTo(Reason.DUPLICATE);
    assertThat(first.rejection().orElseThrow().original().orElseThrow().owner()).isEqualTo(ALICE);
    f.rejected(
        f.service.ingest(NEWS, CAROL, "copy2.pdf", copy, UsageSnapshot.NONE),
        Reason.NO_ACCEPTED_ROWS);
  }

  private static byte[] pdfWithExtra(String para) throws Exception {
    return TestDocs.pdf(
        List.of(
            wrap(para, 80),
            List.of(
                "A second paragraph that nobody has submitted before, about the weather",
                "in the valley and the harvest that farmers expect this autumn.")));
  }

  /** Greedy word wrap, so a paragraph fits the PDF page's width. */
  private static List<String> wrap(String para, int width) {
    List<String> lines = new java.util.ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String w : para.split(" ")) {
      if (line.length() + w.length() + 1 > width && line.length() > 0) {
        lines.add(line.toString());
        line.setLength(0);
      }
      if (line.length() > 0) {
        line.append(' ');
      }
      line.append(w);
    }
    lines.add(line.toString());
    return lines;
  }

  private static String text(String file) throws Exception {
    return ServiceFixture.brownText(file);
  }
}
