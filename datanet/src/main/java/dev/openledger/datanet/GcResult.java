package dev.openledger.datanet;

import dev.openledger.core.crypto.Hash;
import dev.openledger.datanet.blob.GcReport;
import java.util.List;
import java.util.Objects;

/**
 * What a garbage collection removed: staged contributions that never reached the chain (with their
 * rows), and orphan blobs.
 */
public record GcResult(List<Hash> contributionsRemoved, GcReport blobs) {
  public GcResult {
    contributionsRemoved = List.copyOf(contributionsRemoved);
    Objects.requireNonNull(blobs, "blobs");
  }
}
