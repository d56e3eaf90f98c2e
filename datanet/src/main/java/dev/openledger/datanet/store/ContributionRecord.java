package dev.openledger.datanet.store;

import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;
import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A contribution as this node stores it.
 *
 * @param fileType the detected type's extension
 * @param stagedAtMillis when it was ingested (node clock; used only for garbage-collection grace)
 * @param score validation score in [0,1]
 * @param rowsTotal rows extracted from the file
 * @param rowIds the rows that passed validation (and, once submitted, own their content), in file
 *     order
 * @param reviewNote the reviewer's reason for an accept or reject, empty before review
 */
public record ContributionRecord(
    Hash id,
    Hash datanetId,
    Address submitter,
    Hash blobHash,
    String fileName,
    String fileType,
    long bytes,
    ContributionState state,
    long stagedAtMillis,
    double score,
    int rowsTotal,
    List<Hash> rowIds,
    String reviewNote) {
  public ContributionRecord {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(datanetId, "datanetId");
    Objects.requireNonNull(submitter, "submitter");
    Objects.requireNonNull(blobHash, "blobHash");
    Objects.requireNonNull(fileName, "fileName");
    Objects.requireNonNull(fileType, "fileType");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(reviewNote, "reviewNote");
    rowIds = List.copyOf(rowIds);
    if (!(score >= 0 && score <= 1) || rowsTotal < rowIds.size() || bytes < 0) {
      throw new IllegalArgumentException("inconsistent contribution record");
    }
  }

  public ContributionRecord with(ContributionState newState, List<Hash> newRowIds, String note) {
    return new ContributionRecord(
        id,
        datanetId,
        submitter,
        blobHash,
        fileName,
        fileType,
        bytes,
        newState,
        stagedAtMillis,
        score,
        rowsTotal,
        newRowIds,
        note);
  }

  byte[] encode() {
    CanonicalWriter w =
        new CanonicalWriter(128 + 32 * rowIds.size())
            .hash(id)
            .hash(datanetId)
            .address(submitter)
            .hash(blobHash)
            .string(fileName)
            .string(fileType)
            .varint(bytes)
            .u8(state.ordinal())
            .i64(stagedAtMillis)
            .i64(Double.doubleToLongBits(score))
            .varint(rowsTotal)
            .varint(rowIds.size());
    rowIds.forEach(w::hash);
    return w.string(reviewNote).toByteArray();
  }

  static ContributionRecord decode(byte[] b) throws DecodeException {
    CanonicalReader r = new CanonicalReader(b);
    Hash id = r.hash("id");
    Hash datanet = r.hash("datanetId");
    Address submitter = r.address("submitter");
    Hash blob = r.hash("blobHash");
    String fileName = r.string("fileName", 4096);
    String fileType = r.string("fileType", 16);
    long bytes = r.varint("bytes");
    int st = r.u8("state");
    if (st >= ContributionState.values().length) {
      throw new DecodeException("state: unknown value " + st);
    }
    long staged = r.i64("stagedAtMillis");
    double score = Double.longBitsToDouble(r.i64("score"));
    int total = (int) r.varint("rowsTotal", Integer.MAX_VALUE);
    int n = (int) r.varint("rowIds", total);
    List<Hash> rows = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      rows.add(r.hash("rowId"));
    }
    String note = r.string("reviewNote", 1 << 16);
    r.finish();
    return new ContributionRecord(
        id,
        datanet,
        submitter,
        blob,
        fileName,
        fileType,
        bytes,
        ContributionState.values()[st],
        staged,
        score,
        total,
        rows,
        note);
  }
}
