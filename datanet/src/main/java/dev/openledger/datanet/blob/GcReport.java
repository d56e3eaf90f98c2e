package dev.openledger.datanet.blob;

import dev.openledger.core.crypto.Hash;
import java.util.List;
import java.util.Objects;

/**
 * What a garbage collection did.
 *
 * @param removed orphan blobs deleted, in hash order
 * @param keptYoung orphans younger than the grace period, kept for now
 * @param bytesFreed total size of the removed blobs
 * @param tempFilesRemoved leftover temporary files of interrupted writes that were deleted
 */
public record GcReport(
    List<Hash> removed, List<Hash> keptYoung, long bytesFreed, int tempFilesRemoved) {
  public GcReport {
    removed = List.copyOf(Objects.requireNonNull(removed, "removed"));
    keptYoung = List.copyOf(Objects.requireNonNull(keptYoung, "keptYoung"));
    if (bytesFreed < 0 || tempFilesRemoved < 0) {
      throw new IllegalArgumentException("negative counts in a GC report");
    }
  }
}
