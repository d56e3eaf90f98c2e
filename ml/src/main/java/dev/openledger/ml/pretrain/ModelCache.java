package dev.openledger.ml.pretrain;

import dev.openledger.core.crypto.Hash;
import dev.openledger.core.json.Json;
import dev.openledger.ml.runtime.LoadedModel;
import dev.openledger.ml.train.StepStats;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trained base models kept under the user's home ({@code ~/.cache/openledger/models/<key>}, or
 * under the directory in system property {@code openledger.cache.dir}), so a model is trained once
 * per machine. The key hashes the corpus content, the preset, the steps, the seed and {@link
 * #ENGINE_VERSION}: change any and the model is trained anew.
 */
public final class ModelCache {
  /**
   * Bumped whenever a change to the engine changes trained weights, so stale models are not reused.
   */
  public static final String ENGINE_VERSION = "1";

  /** File beside the model in a cached directory: how it was trained and how well it did (JSON). */
  public static final String TRAINING_INFO = "training.json";

  private static final Logger LOG = LoggerFactory.getLogger(ModelCache.class);

  private final Path root;

  public ModelCache(Path root) {
    this.root = root;
  }

  /**
   * The default cache: {@code openledger.cache.dir}, else {@code ~/.cache/openledger}, plus {@code
   * models}.
   */
  public static ModelCache defaultCache() {
    String dir = System.getProperty("openledger.cache.dir");
    Path base =
        dir != null
            ? Path.of(dir)
            : Path.of(System.getProperty("user.home"), ".cache", "openledger");
    return new ModelCache(base.resolve("models"));
  }

  public Path root() {
    return root;
  }

  /** The cache key of a corpus and spec: 16 bytes of SHA-256, in hex. */
  public static String key(Corpus corpus, PretrainSpec spec) {
    String text =
        "openledger-base-model|engine="
            + ENGINE_VERSION
            + "|corpus="
            + corpus.contentHash().toHex()
            + "|preset="
            + spec.preset().lowerName()
            + "|steps="
            + spec.effectiveSteps()
            + "|seed="
            + spec.seed();
    return Hash.sha256(text.getBytes(StandardCharsets.UTF_8)).toHex().substring(0, 32);
  }

  /** Where the model of this corpus and spec lives (whether or not it exists yet). */
  public Path path(Corpus corpus, PretrainSpec spec) {
    return root.resolve(spec.preset().lowerName() + "-" + key(corpus, spec));
  }

  /** The cached model, if it has been trained. */
  public boolean contains(Corpus corpus, PretrainSpec spec) {
    return Files.isRegularFile(path(corpus, spec).resolve("config.json"));
  }

  /**
   * The cached model, training and storing it first when absent. Returns the cached directory; a
   * concurrent trainer of the same key loses the race harmlessly (both produce the same bytes).
   */
  public Path getOrTrain(
      Corpus corpus, PretrainSpec spec, Pretrainer trainer, Consumer<StepStats> progress)
      throws IOException {
    Path dir = path(corpus, spec);
    if (contains(corpus, spec)) {
      LOG.info("using cached base model {}", dir);
      return dir;
    }
    PretrainResult r = trainer.run(corpus, spec, progress);
    store(dir, r, corpus, spec);
    return dir;
  }

  /** Writes a model into the cache: to a temporary sibling directory, then renamed into place. */
  void store(Path dir, PretrainResult r, Corpus corpus, PretrainSpec spec) throws IOException {
    Files.createDirectories(root);
    Path tmp = Files.createTempDirectory(root, dir.getFileName() + ".tmp");
    try {
      LoadedModel model = r.model();
      model.write(tmp);
      Map<String, Object> info = new LinkedHashMap<>();
      info.put("preset", spec.preset().lowerName());
      info.put("steps", spec.effectiveSteps());
      info.put("seed", spec.seed());
      info.put("parameters", model.weights().layout().size());
      info.put("vocab_size", model.config().vocabSize());
      info.put("train_tokens", r.trainTokens());
      info.put("held_out_loss", r.heldOutLoss());
      info.put("unigram_loss", r.unigramLoss());
      info.put("corpus_sha256", corpus.contentHash().toHex());
      info.put("engine_version", ENGINE_VERSION);
      Files.writeString(
          tmp.resolve(TRAINING_INFO),
          Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(info));
      try {
        Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) { // e.g. another process stored the same key first
        if (!Files.isRegularFile(dir.resolve("config.json"))) {
          throw new IOException("cannot move the trained model into " + dir, e);
        }
      }
    } finally {
      deleteTree(tmp);
    }
  }

  private static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(p)) {
      for (Path q : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(q);
      }
    }
  }
}
