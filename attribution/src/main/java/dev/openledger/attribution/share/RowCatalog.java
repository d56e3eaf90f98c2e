package dev.openledger.attribution.share;

import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.crypto.Hash;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows of a gradient store, in store order, with their owners. Its hash is one of the
 * attribution's recorded inputs.
 *
 * @param rows row {@code i} describes the store's row {@code i}
 */
public record RowCatalog(List<RowInfo> rows) {
  public RowCatalog {
    rows = List.copyOf(rows);
  }

  public int size() {
    return rows.size();
  }

  public RowInfo get(int i) {
    return rows.get(i);
  }

  /**
   * One row per distinct content hash: the first submitted (lowest submission sequence, then lowest
   * index). Duplicates of the same content earn nothing beyond what one copy earns.
   */
  public BitSet firstOfEachContent() {
    Map<Hash, Integer> first = new HashMap<>();
    for (int i = 0; i < rows.size(); i++) {
      RowInfo r = rows.get(i);
      Integer prev = first.get(r.contentHash());
      if (prev == null || r.submissionSeq() < rows.get(prev).submissionSeq()) {
        first.put(r.contentHash(), i);
      }
    }
    BitSet keep = new BitSet(rows.size());
    first.values().forEach(keep::set);
    return keep;
  }

  /**
   * SHA-256 of the canonical encoding: count, then per row id, content hash, contributor, Datanet,
   * sequence.
   */
  public Hash hash() {
    CanonicalWriter w = new CanonicalWriter(16 + rows.size() * 128);
    w.varint(rows.size());
    for (RowInfo r : rows) {
      w.hash(r.rowId())
          .hash(r.contentHash())
          .address(r.contributor())
          .hash(r.datanet())
          .varint(r.submissionSeq());
    }
    return Hash.sha256(w.toByteArray());
  }
}
