package dev.openledger.ledger.msg;

import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;
import dev.openledger.core.crypto.Hash;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Records that the sender contributed a file to a datanet. The file itself stays off chain in a
 * node's blob store; the chain records its hash, size, row count and validation score, and the
 * sender's signature makes authorship and the time of first submission part of the chain.
 *
 * @param datanetId the datanet
 * @param contributionId {@code SHA-256("openledger/contribution/v1\0" || datanetId || sender ||
 *     contentHash)}; the chain recomputes it and refuses a mismatch
 * @param contentHash SHA-256 of the file's bytes (the blob's name)
 * @param bytes the file's size
 * @param rows the rows that passed validation
 * @param scorePpm the validation score in parts per million (0..1,000,000)
 * @param fileName the file's name as uploaded, 1–255 bytes, no path separators
 * @param fileType the detected type's extension ({@code txt md jsonl pdf docx})
 */
public record SubmitContribution(
    Hash datanetId,
    Hash contributionId,
    Hash contentHash,
    long bytes,
    int rows,
    int scorePpm,
    String fileName,
    String fileType)
    implements DatanetMsg {
  public static final MessageType<SubmitContribution> TYPE =
      new MessageType<>(
          0x0402, "datanet/submit", SubmitContribution.class, SubmitContribution::decode);

  /** A score of 1.0. */
  public static final int SCORE_SCALE = 1_000_000;

  private static final Pattern FILE_TYPE = Pattern.compile("[a-z0-9]{1,8}");

  public SubmitContribution {
    Objects.requireNonNull(datanetId, "datanetId");
    Objects.requireNonNull(contributionId, "contributionId");
    Objects.requireNonNull(contentHash, "contentHash");
    if (bytes < 1 || rows < 1) {
      throw new IllegalArgumentException("a contribution has at least one byte and one row");
    }
    Fields.range(scorePpm, "score (ppm)", 0, SCORE_SCALE);
    Fields.text(fileName, "file name", 1, 255, false);
    if (fileName.contains("/") || fileName.contains("\\")) {
      throw new IllegalArgumentException("the file name must not contain a path separator");
    }
    Fields.matching(fileType, "file type", FILE_TYPE, "1-8 lower-case letters or digits");
  }

  /** A score in [0,1] as parts per million, rounded. */
  public static int scorePpm(double score) {
    if (!(score >= 0 && score <= 1)) {
      throw new IllegalArgumentException("a validation score is within [0, 1], got " + score);
    }
    return (int) Math.round(score * SCORE_SCALE);
  }

  @Override
  public MessageType<SubmitContribution> type() {
    return TYPE;
  }

  @Override
  public void encodeBody(CanonicalWriter w) {
    w.hash(datanetId)
        .hash(contributionId)
        .hash(contentHash)
        .varint(bytes)
        .u32(rows)
        .u32(scorePpm)
        .string(fileName)
        .string(fileType);
  }

  private static SubmitContribution decode(CanonicalReader r) throws DecodeException {
    return new SubmitContribution(
        r.hash("datanetId"),
        r.hash("contributionId"),
        r.hash("contentHash"),
        r.varint("bytes"),
        DatanetParams.u32int(r, "rows"),
        DatanetParams.u32int(r, "scorePpm"),
        r.string("fileName", 255),
        r.string("fileType", 8));
  }
}
