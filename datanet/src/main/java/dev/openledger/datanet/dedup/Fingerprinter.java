package dev.openledger.datanet.dedup;

import dev.openledger.core.crypto.Hash;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Computes a row's {@link RowFingerprint} from its dedup key and words. The dedup hash is {@code
 * SHA-256("openledger/dedup-key/v1\0" || UTF-8(dedupKey))}.
 */
public final class Fingerprinter {
  private static final byte[] DOMAIN = "openledger/dedup-key/v1\0".getBytes(StandardCharsets.UTF_8);

  private final int shingleSize;
  private final MinHasher minHasher;

  public Fingerprinter(int shingleSize, int bands, int rowsPerBand) {
    this.shingleSize = shingleSize;
    this.minHasher = new MinHasher(bands, rowsPerBand);
  }

  public RowFingerprint fingerprint(String dedupKey, List<String> words) {
    long[] shingles = Shingles.of(words, shingleSize);
    return new RowFingerprint(
        dedupHash(dedupKey), shingles, minHasher.bandKeys(minHasher.signature(shingles)));
  }

  public static Hash dedupHash(String dedupKey) {
    return Hash.sha256(DOMAIN, dedupKey.getBytes(StandardCharsets.UTF_8));
  }
}
