package dev.openledger.datanet;

import static dev.openledger.datanet.ServiceFixture.ALICE;
import static dev.openledger.datanet.ServiceFixture.BOB;
import static dev.openledger.datanet.ServiceFixture.CAROL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.openledger.datanet.validate.DuplicateOf;
import dev.openledger.datanet.validate.Reason;
import dev.openledger.datanet.validate.Rejection;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The "Must hold": every kind of copy is caught and points at the first submitter. */
class DuplicateDetectionTest {
  @TempDir Path dir;
  ServiceFixture f;
  IngestResult.Staged original;
  String text;

  @BeforeEach
  void aliceContributesFirst() throws Exception {
    f = new ServiceFixture(dir);
    text = ServiceFixture.brownText("ca01");
    original = f.contributeAccepted(ALICE, "ca01.txt", text);
    assertThat(original.rowsAccepted()).isGreaterThan(20);
  }

  @AfterEach
  void close() {
    f.close();
  }

  /**
   * Every row is refused as a copy of Alice's contribution; returns how many rows had {@code
   * expected}.
   */
  private long assertAllRowsPointAtAlice(IngestResult r, Reason expected) {
    IngestResult.Rejected rej = f.rejected(r, Reason.NO_ACCEPTED_ROWS);
    assertThat(rej.rows()).hasSize(original.rowsTotal());
    long withReason = 0;
    for (RowDecision d : rej.rows()) {
      Rejection why = d.rejection().orElseThrow();
      DuplicateOf o =
          why.original()
              .orElseThrow(
                  () ->
                      new AssertionError(
                          "row " + d.ordinal() + " rejected without a pointer: " + why));
      assertThat(o.owner()).isEqualTo(ALICE);
      assertThat(o.contributionId()).isEqualTo(original.contributionId());
      assertThat(why.message()).contains(ALICE.toString());
      if (why.reason() == expected) {
        withReason++;
      }
    }
    return withReason;
  }

  @Test
  void ownResubmissionIsCaught() throws Exception {
    assertThat(assertAllRowsPointAtAlice(f.ingest(ALICE, "again.txt", text), Reason.DUPLICATE))
        .isEqualTo(original.rowsTotal());
  }

  @Test
  void resultsTravelAsJsonWithReasonCodesAndPointers() throws Exception {
    IngestResult r = f.ingest(BOB, "copy.txt", text);
    String json = dev.openledger.core.json.Json.write(r);
    com.fasterxml.jackson.databind.JsonNode node =
        dev.openledger.core.json.Json.mapper().readTree(json);
    assertThat(node.get("status").asText()).isEqualTo("rejected");
    assertThat(node.get("rejection").get("reason").asText()).isEqualTo("no_accepted_rows");
    com.fasterxml.jackson.databind.JsonNode row = node.get("rows").get(0).get("rejection");
    assertThat(row.get("reason").asText()).isEqualTo("duplicate");
    assertThat(row.get("original").get("owner").asText()).isEqualTo(ALICE.toString());
    assertThat(dev.openledger.core.json.Json.mapper().readValue(json, IngestResult.class))
        .isEqualTo(r);
    String staged =
        dev.openledger.core.json.Json.write(
            f.ingest(BOB, "new.txt", ServiceFixture.brownText("ca04")));
    assertThat(dev.openledger.core.json.Json.mapper().readTree(staged).get("status").asText())
        .isEqualTo("staged");
  }

  @Test
  void anotherAccountsCopyIsCaught() throws Exception {
    assertThat(assertAllRowsPointAtAlice(f.ingest(BOB, "mine.txt", text), Reason.DUPLICATE))
        .isEqualTo(original.rowsTotal());
    assertThat(assertAllRowsPointAtAlice(f.ingest(CAROL, "mine.md", text), Reason.DUPLICATE))
        .isEqualTo(original.rowsTotal());
  }

  @Test
  void whitespaceAndCaseVariantsAreExactDuplicates() throws Exception {
    String variant =
        text.toUpperCase(java.util.Locale.ROOT)
            .replace(" ", "   ")
            .replace(",", " ,")
            .replace("\n\n", "\n\n\n");
    assertThat(assertAllRowsPointAtAlice(f.ingest(BOB, "shouting.txt", variant), Reason.DUPLICATE))
        .isEqualTo(original.rowsTotal());
  }

  @Test
  void smallEditsAreNearDuplicates() throws Exception {
    // One word changed in every paragraph: the normalised text differs, most shingles still match.
    StringBuilder sb = new StringBuilder();
    int edits = 0;
    for (String para : text.split("\n\n")) {
      String changed = para.replaceFirst(" the ", " this ");
      edits += changed.equals(para) ? 0 : 1;
      sb.append(changed).append("\n\n");
    }
    assertThat(edits).isGreaterThan(original.rowsTotal() / 2);
    assertThat(
            assertAllRowsPointAtAlice(
                f.ingest(BOB, "edited.txt", sb.toString()), Reason.NEAR_DUPLICATE))
        .isEqualTo(edits);
  }

  @Test
  void copiesInsideOneFileAreCaughtAgainstTheFileItself() throws Exception {
    String fresh = ServiceFixture.brownText("ca02");
    IngestResult.Staged s = f.staged(f.ingest(BOB, "twice.txt", fresh + "\n\n" + fresh));
    assertThat(s.rowsAccepted()).isEqualTo(s.rowsTotal() / 2);
    RowDecision second = s.rows().get(s.rowsTotal() / 2);
    assertThat(second.rejection().orElseThrow().original().orElseThrow().owner()).isEqualTo(BOB);
  }

  @Test
  void theIndexSurvivesARestart() throws Exception {
    f.reopen();
    assertThat(assertAllRowsPointAtAlice(f.ingest(BOB, "later.txt", text), Reason.DUPLICATE))
        .isEqualTo(original.rowsTotal());
  }

  @Test
  void mixedFilesKeepTheirOriginalRowsOnly() throws Exception {
    String fresh = ServiceFixture.brownText("ca03");
    List<String> aliceParas = List.of(text.split("\n\n"));
    IngestResult.Staged s =
        f.staged(
            f.ingest(
                BOB, "mixed.txt", fresh + "\n\n" + aliceParas.get(3) + "\n\n" + aliceParas.get(5)));
    assertThat(s.rowsTotal() - s.rowsAccepted()).isEqualTo(2);
    assertThat(s.score()).isLessThan(1.0).isGreaterThan(0.0);
  }
}
