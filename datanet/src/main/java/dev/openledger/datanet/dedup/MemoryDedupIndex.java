package dev.openledger.datanet.dedup;

import dev.openledger.core.crypto.Hash;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** An in-memory {@link DedupIndex}: catches copies inside the file being ingested. */
public final class MemoryDedupIndex implements DedupIndex {
  private final Map<Hash, RowClaim> exact = new HashMap<>();
  private final Map<Long, List<RowClaim>> bands = new HashMap<>();

  /** Claims a row; a later row with the same dedup hash does not replace the first. */
  public void add(RowFingerprint fp, RowClaim claim) {
    exact.putIfAbsent(fp.dedupHash(), claim);
    for (long key : fp.bandKeys()) {
      bands.computeIfAbsent(key, k -> new ArrayList<>(1)).add(claim);
    }
  }

  @Override
  public Optional<RowClaim> exact(Hash dedupHash) {
    return Optional.ofNullable(exact.get(dedupHash));
  }

  @Override
  public List<RowClaim> candidates(long[] bandKeys) {
    Set<RowClaim> out = new LinkedHashSet<>();
    for (long key : bandKeys) {
      List<RowClaim> bucket = bands.get(key);
      if (bucket != null) {
        out.addAll(bucket);
      }
    }
    return new ArrayList<>(out);
  }
}
