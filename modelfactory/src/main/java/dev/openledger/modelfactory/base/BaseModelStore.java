package dev.openledger.modelfactory.base;

import dev.openledger.core.crypto.Hash;
import dev.openledger.ml.format.HfModel;
import dev.openledger.ml.format.ModelDirectory;
import dev.openledger.ml.model.LlamaConfig;
import dev.openledger.modelfactory.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Base model directories stored by content hash: {@code <root>/<hash hex>/} holds {@code
 * config.json}, {@code model.safetensors}, {@code tokenizer.json} (and {@code
 * tokenizer_config.json} when the source had one). Safe for concurrent use: imports of the same
 * model converge on one directory.
 */
public final class BaseModelStore {
  private static final Logger LOG = LoggerFactory.getLogger(BaseModelStore.class);
  private static final List<String> FILES =
      List.of(
          ModelDirectory.CONFIG,
          ModelDirectory.WEIGHTS,
          ModelDirectory.TOKENIZER,
          ModelDirectory.TOKENIZER_CONFIG);

  private final Path root;

  private BaseModelStore(Path root) {
    this.root = root;
  }

  /** Opens (creating if needed) the store under {@code root}. */
  public static BaseModelStore open(Path root) throws IOException {
    Files.createDirectories(root);
    return new BaseModelStore(root);
  }

  /**
   * Reads the model directory {@code dir}, hashes it and stores a copy under its hash (unless one
   * is there).
   *
   * @return the model's content hash
   * @throws IOException if {@code dir} is not a readable model directory (the message says which
   *     file)
   */
  public Hash importDirectory(Path dir) throws IOException {
    HfModel model = ModelDirectory.read(dir);
    Hash hash = BaseModelHash.of(model);
    Path target = root.resolve(hash.toHex());
    if (Files.isDirectory(target)) {
      return hash;
    }
    Path tmp = root.resolve(".import-" + UUID.randomUUID());
    try {
      Files.createDirectories(tmp);
      for (String name : FILES) {
        Path src = dir.resolve(name);
        if (Files.isRegularFile(src)) {
          Files.copy(src, tmp.resolve(name));
        }
      }
      AtomicFiles.fsyncTree(tmp);
      try {
        AtomicFiles.moveIntoPlace(tmp, target);
        LOG.info("imported base model {} from {}", hash.shortHex(), dir.getFileName());
      } catch (java.nio.file.FileAlreadyExistsException
          | java.nio.file.DirectoryNotEmptyException raced) {
        LOG.debug("base model {} was imported concurrently", hash.shortHex());
      }
    } finally {
      AtomicFiles.deleteTree(tmp);
    }
    return hash;
  }

  /** The directory of a stored base, if the store holds it. */
  public Optional<Path> directory(Hash hash) {
    Path p = root.resolve(hash.toHex());
    return Files.isDirectory(p) ? Optional.of(p) : Optional.empty();
  }

  /** The architecture of a stored base (reads only {@code config.json}). */
  public LlamaConfig config(Hash hash) throws IOException {
    return ModelDirectory.readConfig(require(hash)).config();
  }

  /**
   * Loads a stored base and checks that it still hashes to its name.
   *
   * @throws IOException if it is missing, unreadable or no longer matches its hash
   */
  public HfModel load(Hash hash) throws IOException {
    HfModel model = ModelDirectory.read(require(hash));
    Hash actual = BaseModelHash.of(model);
    if (!actual.equals(hash)) {
      throw new IOException(
          "stored base model "
              + hash.toHex()
              + " now hashes to "
              + actual.toHex()
              + "; its files were changed");
    }
    return model;
  }

  /** Every stored base, in hash order. */
  public List<Hash> list() throws IOException {
    List<Hash> out = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(root)) {
      dirs.map(p -> p.getFileName().toString())
          .filter(n -> n.matches("[0-9a-f]{64}"))
          .sorted()
          .forEach(n -> out.add(Hash.fromHex(n)));
    }
    return out;
  }

  private Path require(Hash hash) throws IOException {
    return directory(hash)
        .orElseThrow(
            () ->
                new java.nio.file.NoSuchFileException(
                    root.resolve(hash.toHex()).toString(),
                    null,
                    "no base model with hash " + hash.toHex() + " in the store"));
  }
}
