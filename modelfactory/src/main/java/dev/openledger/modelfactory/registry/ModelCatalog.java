package dev.openledger.modelfactory.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.openledger.core.json.Json;
import dev.openledger.modelfactory.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;
import java.util.stream.Stream;

/**
 * Fine-tuned models by name and version: {@code <root>/<name>/<version>.json}, one {@link
 * ModelRecord} each. Thread-safe; written atomically.
 */
public final class ModelCatalog {
  private final Path root;

  private ModelCatalog(Path root) {
    this.root = root;
  }

  public static ModelCatalog open(Path root) throws IOException {
    Files.createDirectories(root);
    return new ModelCatalog(root);
  }

  /**
   * Records the model of job {@code jobId} as the next version of its name; if that job already
   * registered one (a finished job re-run after a crash), returns it unchanged.
   *
   * @param build makes the record for the version number assigned
   */
  public synchronized ModelRecord register(String name, long jobId, IntFunction<ModelRecord> build)
      throws IOException {
    List<ModelRecord> existing = versions(name);
    for (ModelRecord r : existing) {
      if (r.jobId() == jobId) {
        return r;
      }
    }
    int version = existing.isEmpty() ? 1 : existing.get(existing.size() - 1).version() + 1;
    ModelRecord record = build.apply(version);
    if (!record.name().equals(name) || record.version() != version) {
      throw new IllegalArgumentException(
          "record for "
              + name
              + " v"
              + version
              + " names "
              + record.name()
              + " v"
              + record.version());
    }
    AtomicFiles.write(
        root.resolve(name).resolve(version + ".json"),
        (Json.writePretty(record) + "\n").getBytes(StandardCharsets.UTF_8));
    return record;
  }

  /** Every version of {@code name}, oldest first. */
  public synchronized List<ModelRecord> versions(String name) throws IOException {
    Path dir = root.resolve(name);
    List<ModelRecord> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f :
          files.filter(p -> p.getFileName().toString().matches("[0-9]+\\.json")).toList()) {
        out.add(read(f));
      }
    }
    out.sort(Comparator.comparingInt(ModelRecord::version));
    return out;
  }

  /** The latest version of {@code name}. */
  public Optional<ModelRecord> latest(String name) throws IOException {
    List<ModelRecord> v = versions(name);
    return v.isEmpty() ? Optional.empty() : Optional.of(v.get(v.size() - 1));
  }

  /** A given version of {@code name}. */
  public Optional<ModelRecord> get(String name, int version) throws IOException {
    return versions(name).stream().filter(r -> r.version() == version).findFirst();
  }

  /** The latest version of every model, by name. */
  public synchronized List<ModelRecord> list() throws IOException {
    List<ModelRecord> out = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(root)) {
      for (Path d : dirs.filter(Files::isDirectory).sorted().toList()) {
        latest(d.getFileName().toString()).ifPresent(out::add);
      }
    }
    return out;
  }

  private static ModelRecord read(Path f) throws IOException {
    try {
      return Json.mapper().readValue(Files.readAllBytes(f), ModelRecord.class);
    } catch (JsonProcessingException e) {
      throw new IOException(f + ": not a model record: " + e.getOriginalMessage(), e);
    }
  }
}
