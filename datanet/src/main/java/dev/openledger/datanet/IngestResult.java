package dev.openledger.datanet;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.openledger.core.crypto.Hash;
import dev.openledger.datanet.ingest.FileType;
import dev.openledger.datanet.validate.Rejection;
import java.util.List;
import java.util.Objects;

/**
 * What ingesting one file produced: a staged contribution, or a rejection with nothing stored. In
 * JSON the property {@code "status"} ({@code "staged"} or {@code "rejected"}) tells them apart.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "status")
@JsonSubTypes({
  @JsonSubTypes.Type(value = IngestResult.Staged.class, name = "staged"),
  @JsonSubTypes.Type(value = IngestResult.Rejected.class, name = "rejected")
})
public sealed interface IngestResult permits IngestResult.Staged, IngestResult.Rejected {

  /** Per-row verdicts (empty when the file was refused before it was split into rows). */
  List<RowDecision> rows();

  /**
   * The file passed: its blob is durable and the contribution is staged, ready for a
   * SubmitContribution transaction carrying {@code contributionId}, {@code blobHash}, {@code
   * bytes}, {@code rowsAccepted} and {@code score}.
   *
   * @param score validation score in [0,1]: accepted fraction × mean quality of the accepted rows
   */
  record Staged(
      Hash contributionId,
      Hash blobHash,
      FileType type,
      long bytes,
      int rowsTotal,
      int rowsAccepted,
      double score,
      List<RowDecision> rows)
      implements IngestResult {
    public Staged {
      Objects.requireNonNull(contributionId, "contributionId");
      Objects.requireNonNull(blobHash, "blobHash");
      Objects.requireNonNull(type, "type");
      rows = List.copyOf(rows);
      if (!(score >= 0 && score <= 1) || rowsAccepted < 1 || rowsAccepted > rowsTotal) {
        throw new IllegalArgumentException("inconsistent staged result");
      }
    }
  }

  /** The file was refused; nothing was stored. */
  record Rejected(Rejection rejection, List<RowDecision> rows) implements IngestResult {
    public Rejected {
      Objects.requireNonNull(rejection, "rejection");
      rows = List.copyOf(rows);
    }
  }
}
