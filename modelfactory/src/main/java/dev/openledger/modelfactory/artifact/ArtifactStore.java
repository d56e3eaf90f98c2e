package dev.openledger.modelfactory.artifact;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.openledger.core.Result;
import dev.openledger.core.crypto.Hash;
import dev.openledger.core.json.Json;
import dev.openledger.modelfactory.io.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Artifact sets under {@code <root>/<artifacts hash>/}. A set is assembled in a staging directory,
 * then {@link #commit} hashes every file, writes the manifest, syncs and renames the directory into
 * place under the manifest's hash.
 */
public final class ArtifactStore {
  private final Path root;

  private ArtifactStore(Path root) {
    this.root = root;
  }

  public static ArtifactStore open(Path root) throws IOException {
    Files.createDirectories(root);
    return new ArtifactStore(root);
  }

  /** The lineage hashes a manifest records besides its files. */
  public record Lineage(Hash baseModel, Hash adapter, Hash gradientStore, Hash config) {}

  /**
   * Seals {@code staging} as an artifact set and moves it into the store (if an identical set is
   * already there, the staging directory is deleted instead).
   *
   * @return the artifacts hash: SHA-256 of the manifest's bytes
   */
  public Hash commit(Path staging, Lineage lineage) throws IOException {
    Files.deleteIfExists(staging.resolve(ArtifactManifest.FILE));
    List<ArtifactFile> files = new ArrayList<>();
    for (Path f : regularFiles(staging)) {
      files.add(new ArtifactFile(relative(staging, f), sha256(f), Files.size(f)));
    }
    ArtifactManifest manifest =
        new ArtifactManifest(
            ArtifactManifest.FORMAT,
            lineage.baseModel(),
            lineage.adapter(),
            lineage.gradientStore(),
            lineage.config(),
            files);
    byte[] bytes = (Json.writePretty(manifest) + "\n").getBytes(StandardCharsets.UTF_8);
    Files.write(staging.resolve(ArtifactManifest.FILE), bytes);
    Hash hash = Hash.sha256(bytes);
    Path target = root.resolve(hash.toHex());
    if (Files.isDirectory(target)) {
      AtomicFiles.deleteTree(staging);
      return hash;
    }
    AtomicFiles.fsyncTree(staging);
    AtomicFiles.moveIntoPlace(staging, target);
    return hash;
  }

  /** The directory of a set, if the store holds it. */
  public Optional<Path> directory(Hash artifacts) {
    Path p = root.resolve(artifacts.toHex());
    return Files.isDirectory(p) ? Optional.of(p) : Optional.empty();
  }

  /**
   * Checks a set: the manifest hashes to its name, every listed file exists with its hash and size,
   * and no unlisted file is present.
   *
   * @return the manifest, or {@code artifacts_missing}, {@code artifacts_tampered}, {@code
   *     artifacts_corrupt}
   */
  public Result<ArtifactManifest> verify(Hash artifacts) throws IOException {
    Optional<Path> dir = directory(artifacts);
    if (dir.isEmpty()) {
      return Result.err("artifacts_missing", "no artifact set " + artifacts.toHex());
    }
    Path mf = dir.get().resolve(ArtifactManifest.FILE);
    if (!Files.isRegularFile(mf)) {
      return Result.err(
          "artifacts_corrupt", "artifact set " + artifacts.shortHex() + " has no manifest");
    }
    byte[] bytes = Files.readAllBytes(mf);
    if (!Hash.sha256(bytes).equals(artifacts)) {
      return Result.err(
          "artifacts_tampered",
          "the manifest of " + artifacts.shortHex() + " no longer hashes to its name");
    }
    ArtifactManifest manifest;
    try {
      manifest = Json.mapper().readValue(bytes, ArtifactManifest.class);
    } catch (JsonProcessingException e) {
      return Result.err(
          "artifacts_corrupt",
          "manifest of " + artifacts.shortHex() + ": " + e.getOriginalMessage());
    }
    List<String> present = new ArrayList<>();
    for (Path f : regularFiles(dir.get())) {
      present.add(relative(dir.get(), f));
    }
    present.remove(ArtifactManifest.FILE);
    for (ArtifactFile f : manifest.files()) {
      Path p = dir.get().resolve(f.path());
      if (!present.remove(f.path())) {
        return Result.err(
            "artifacts_tampered", f.path() + " is missing from " + artifacts.shortHex());
      }
      if (Files.size(p) != f.bytes() || !sha256(p).equals(f.sha256())) {
        return Result.err(
            "artifacts_tampered",
            f.path() + " in " + artifacts.shortHex() + " does not match its manifest entry");
      }
    }
    if (!present.isEmpty()) {
      return Result.err(
          "artifacts_tampered", "unlisted files in " + artifacts.shortHex() + ": " + present);
    }
    return Result.ok(manifest);
  }

  /** SHA-256 of a file's bytes, streamed. */
  public static Hash sha256(Path file) throws IOException {
    MessageDigest md = Hash.newDigest();
    byte[] buf = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      int n;
      while ((n = in.read(buf)) > 0) {
        md.update(buf, 0, n);
      }
    }
    return Hash.of(md);
  }

  private static List<Path> regularFiles(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile)
          .sorted((a, b) -> relative(dir, a).compareTo(relative(dir, b)))
          .toList();
    }
  }

  private static String relative(Path dir, Path f) {
    return dir.relativize(f).toString().replace(java.io.File.separatorChar, '/');
  }
}
