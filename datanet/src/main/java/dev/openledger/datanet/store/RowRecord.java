package dev.openledger.datanet.store;

import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;
import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import dev.openledger.datanet.dedup.RowClaim;
import java.util.Objects;

/**
 * A row that passed validation. The claim fields come first in the encoding so duplicate lookups
 * can stop before the text ({@link #decodeClaim}).
 *
 * @param ordinal the row's position among the file's rows
 * @param textHash SHA-256 of {@code text} in UTF-8 (the Merkle leaf commits to it)
 * @param dedupHash the duplicate-detection hash of the normalised text
 */
public record RowRecord(
    Hash rowId,
    Hash contributionId,
    Address owner,
    long[] shingles,
    Hash datanetId,
    int ordinal,
    Hash textHash,
    Hash dedupHash,
    long[] bandKeys,
    String text) {
  public RowRecord {
    Objects.requireNonNull(rowId, "rowId");
    Objects.requireNonNull(contributionId, "contributionId");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(shingles, "shingles");
    Objects.requireNonNull(datanetId, "datanetId");
    Objects.requireNonNull(textHash, "textHash");
    Objects.requireNonNull(dedupHash, "dedupHash");
    Objects.requireNonNull(bandKeys, "bandKeys");
    Objects.requireNonNull(text, "text");
  }

  public RowClaim claim() {
    return new RowClaim(rowId, contributionId, owner, shingles);
  }

  byte[] encode() {
    CanonicalWriter w =
        new CanonicalWriter(200 + 8 * (shingles.length + bandKeys.length) + text.length() * 2);
    w.hash(rowId).hash(contributionId).address(owner).varint(shingles.length);
    for (long s : shingles) {
      w.i64(s);
    }
    w.hash(datanetId).varint(ordinal).hash(textHash).hash(dedupHash).varint(bandKeys.length);
    for (long k : bandKeys) {
      w.i64(k);
    }
    return w.string(text).toByteArray();
  }

  static RowRecord decode(byte[] b) throws DecodeException {
    CanonicalReader r = new CanonicalReader(b);
    RowClaim c = readClaim(r);
    Hash datanet = r.hash("datanetId");
    int ordinal = (int) r.varint("ordinal", Integer.MAX_VALUE);
    Hash textHash = r.hash("textHash");
    Hash dedupHash = r.hash("dedupHash");
    long[] bands = longs(r, "bandKeys");
    String text = r.string("text", 1 << 24);
    r.finish();
    return new RowRecord(
        c.rowId(),
        c.contributionId(),
        c.owner(),
        c.shingles(),
        datanet,
        ordinal,
        textHash,
        dedupHash,
        bands,
        text);
  }

  /** Reads only the claim prefix of an encoded row. */
  static RowClaim decodeClaim(byte[] b) throws DecodeException {
    return readClaim(new CanonicalReader(b));
  }

  private static RowClaim readClaim(CanonicalReader r) throws DecodeException {
    Hash rowId = r.hash("rowId");
    Hash contribution = r.hash("contributionId");
    Address owner = r.address("owner");
    return new RowClaim(rowId, contribution, owner, longs(r, "shingles"));
  }

  private static long[] longs(CanonicalReader r, String field) throws DecodeException {
    int n = (int) r.varint(field, r.remaining() / 8);
    long[] out = new long[n];
    for (int i = 0; i < n; i++) {
      out[i] = r.i64(field);
    }
    return out;
  }
}
