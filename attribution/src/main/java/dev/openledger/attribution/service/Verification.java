package dev.openledger.attribution.service;

import dev.openledger.core.crypto.Hash;
import java.util.Objects;

/**
 * The outcome of recomputing a recorded attribution.
 *
 * @param requestId the request
 * @param recordedHash the recorded result's hash (what the chain holds)
 * @param recomputedHash the recomputed result's hash
 * @param gradientBitExact whether the recomputed query gradient equals the recorded one bit for bit
 * @param gradientRelativeError ‖recomputed − recorded‖ / ‖recorded‖ of the query gradient
 * @param matches integer shares and inputs equal and evidence within tolerance (see {@code
 *     Attributor.verify})
 * @param detail what differs, or a summary when it matches
 */
public record Verification(
    String requestId,
    Hash recordedHash,
    Hash recomputedHash,
    boolean gradientBitExact,
    double gradientRelativeError,
    boolean matches,
    String detail) {
  public Verification {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(recordedHash, "recordedHash");
    Objects.requireNonNull(recomputedHash, "recomputedHash");
    Objects.requireNonNull(detail, "detail");
  }

  /** Whether the recomputed result is bit-identical to the recorded one. */
  public boolean hashMatches() {
    return recordedHash.equals(recomputedHash);
  }
}
