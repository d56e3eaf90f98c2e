package dev.openledger.datanet.dedup;

import dev.openledger.core.crypto.Hash;
import java.util.Objects;

/**
 * What duplicate detection needs to know about a row.
 *
 * @param dedupHash SHA-256 of the row's dedup key (see {@link Fingerprinter})
 * @param shingles sorted distinct word-shingle hashes
 * @param bandKeys one LSH key per band of the MinHash signature
 */
public record RowFingerprint(Hash dedupHash, long[] shingles, long[] bandKeys) {
  public RowFingerprint {
    Objects.requireNonNull(dedupHash, "dedupHash");
    Objects.requireNonNull(shingles, "shingles");
    Objects.requireNonNull(bandKeys, "bandKeys");
  }
}
