package dev.openledger.modelfactory.artifact;

import dev.openledger.core.crypto.Hash;
import java.util.Objects;

/**
 * One file of an artifact set.
 *
 * @param path relative path with {@code /} separators, e.g. {@code
 *     adapter/adapter_model.safetensors}
 * @param sha256 SHA-256 of the file's bytes
 * @param bytes its size
 */
public record ArtifactFile(String path, Hash sha256, long bytes) {
  public ArtifactFile {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(sha256, "sha256");
    if (path.isEmpty() || path.startsWith("/") || path.contains("..") || path.contains("\\")) {
      throw new IllegalArgumentException(
          "artifact paths are relative and stay inside the set: " + path);
    }
    if (bytes < 0) {
      throw new IllegalArgumentException("negative size for " + path);
    }
  }
}
