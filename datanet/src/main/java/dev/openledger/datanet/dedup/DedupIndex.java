package dev.openledger.datanet.dedup;

import dev.openledger.core.crypto.Hash;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Read side of a duplicate index over the rows claimed in one datanet. Implementations: {@link
 * MemoryDedupIndex} (the rows of the file being ingested) and the persistent RocksDB index.
 */
public interface DedupIndex {

  /** The claim whose dedup hash equals {@code dedupHash}, if any. */
  Optional<RowClaim> exact(Hash dedupHash) throws IOException;

  /** Every distinct claim that shares at least one LSH band key with {@code bandKeys}. */
  List<RowClaim> candidates(long[] bandKeys) throws IOException;
}
