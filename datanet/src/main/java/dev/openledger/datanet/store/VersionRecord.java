package dev.openledger.datanet.store;

import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;
import dev.openledger.core.crypto.Hash;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A built version: its Merkle root, the contributions it was built from (in the order given) and
 * its row ids in leaf order.
 */
public record VersionRecord(
    Hash datanetId, int version, Hash root, List<Hash> contributionIds, List<Hash> rowIds) {
  public VersionRecord {
    Objects.requireNonNull(datanetId, "datanetId");
    Objects.requireNonNull(root, "root");
    contributionIds = List.copyOf(contributionIds);
    rowIds = List.copyOf(rowIds);
    if (version < 1) {
      throw new IllegalArgumentException("versions are numbered from 1");
    }
  }

  byte[] encode() {
    CanonicalWriter w = new CanonicalWriter(80 + 32 * (contributionIds.size() + rowIds.size()));
    w.hash(datanetId).u32(version).hash(root).varint(contributionIds.size());
    contributionIds.forEach(w::hash);
    w.varint(rowIds.size());
    rowIds.forEach(w::hash);
    return w.toByteArray();
  }

  static VersionRecord decode(byte[] b) throws DecodeException {
    CanonicalReader r = new CanonicalReader(b);
    Hash datanet = r.hash("datanetId");
    int version = (int) r.u32("version");
    Hash root = r.hash("root");
    List<Hash> contributions = hashes(r, "contributionIds");
    List<Hash> rows = hashes(r, "rowIds");
    r.finish();
    return new VersionRecord(datanet, version, root, contributions, rows);
  }

  private static List<Hash> hashes(CanonicalReader r, String field) throws DecodeException {
    int n = (int) r.varint(field, r.remaining() / Hash.LENGTH);
    List<Hash> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(r.hash(field));
    }
    return out;
  }
}
