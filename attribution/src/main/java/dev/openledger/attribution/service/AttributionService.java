package dev.openledger.attribution.service;

import dev.openledger.attribution.AttributionConfig;
import dev.openledger.attribution.AttributionResult;
import dev.openledger.attribution.score.QueryGradient;
import dev.openledger.attribution.score.ScoringPool;
import dev.openledger.core.Result;
import dev.openledger.core.codec.DecodeException;
import dev.openledger.core.crypto.Hash;
import dev.openledger.ml.tensor.Kernels;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Attributes served requests and keeps the records (see the package description). Prepared models
 * are cached by (label, adapter hash), the least recently used dropped beyond {@code cachedModels};
 * span indexes are cached on disk under {@code <dir>/indexes}, records under {@code <dir>/records}.
 * Thread-safe.
 */
public final class AttributionService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AttributionService.class);

  /**
   * Largest relative L2 difference between a recorded and a recomputed query gradient that verify
   * accepts.
   */
  public static final double GRADIENT_TOLERANCE = 1e-4;

  private final Path indexDir;
  private final RecordStore records;
  private final AttributionConfig config;
  private final ScoringPool pool;
  private final Kernels kernels;
  private final int cachedModels;
  private final Map<String, ModelAttribution> models = new LinkedHashMap<>(8, 0.75f, true);

  private AttributionService(
      Path dir,
      RecordStore records,
      AttributionConfig config,
      ScoringPool pool,
      Kernels kernels,
      int cachedModels) {
    this.indexDir = dir.resolve("indexes");
    this.records = records;
    this.config = config;
    this.pool = pool;
    this.kernels = kernels;
    this.cachedModels = cachedModels;
  }

  /**
   * @param dir the service's directory (records and index cache)
   * @param config how attributions are computed (its hash is a recorded input)
   * @param pool the scoring threads (owned by the caller)
   * @param kernels the kernels for query gradients
   * @param cachedModels prepared models kept in memory
   */
  public static AttributionService open(
      Path dir, AttributionConfig config, ScoringPool pool, Kernels kernels, int cachedModels)
      throws IOException {
    if (cachedModels < 1) {
      throw new IllegalArgumentException("cachedModels must be >= 1");
    }
    return new AttributionService(
        dir, new RecordStore(dir.resolve("records")), config, pool, kernels, cachedModels);
  }

  public AttributionConfig config() {
    return config;
  }

  /**
   * The prepared model serving {@code model} with {@code adapterHash} (loaded and cached on first
   * use).
   *
   * @return the model, or the source's error, or {@code model_mismatch} when the source returns
   *     another adapter
   */
  public Result<ModelAttribution> model(ModelSource source, String model, Hash adapterHash)
      throws IOException {
    String key = model + "#" + adapterHash.toHex();
    synchronized (models) {
      ModelAttribution cached = models.get(key);
      if (cached != null) {
        return Result.ok(cached);
      }
    }
    Result<AttributedModel> loaded = source.load(model, adapterHash);
    if (loaded instanceof Result.Err<AttributedModel> e) {
      return Result.err(e.code(), e.message());
    }
    AttributedModel m = loaded.orElseThrow();
    if (!m.adapterHash().equals(adapterHash)) {
      return Result.err(
          "model_mismatch",
          "model "
              + model
              + " has adapter "
              + m.adapterHash().shortHex()
              + ", the request was served by "
              + adapterHash.shortHex());
    }
    Result<ModelAttribution> prepared =
        ModelAttribution.prepare(m, indexDir, config, pool, kernels);
    if (prepared instanceof Result.Ok<ModelAttribution> ok) {
      synchronized (models) {
        models.put(key, ok.value());
        while (models.size() > cachedModels) {
          String eldest = models.keySet().iterator().next();
          models.remove(eldest);
        }
      }
      LOG.info(
          "attribution ready for {} ({} stored rows, span index of {} tokens)",
          model,
          m.store().rowCount(),
          ok.value().spanIndex().tokenCount());
    }
    return prepared;
  }

  /**
   * Attributes a served request and stores its record. A request already attributed returns its
   * stored record unchanged (attribution is done once per request).
   *
   * @return the record, or an error of {@link #model} or of the attribution
   */
  public Result<AttributionRecord> attribute(ModelSource source, Inference inference)
      throws IOException {
    Optional<AttributionRecord> existing = record(inference.requestId());
    if (existing.isPresent()) {
      return Result.ok(existing.get());
    }
    long t0 = System.nanoTime();
    boolean cached;
    synchronized (models) {
      cached = models.containsKey(inference.model() + "#" + inference.adapterHash().toHex());
    }
    Result<ModelAttribution> prepared = model(source, inference.model(), inference.adapterHash());
    if (prepared instanceof Result.Err<ModelAttribution> e) {
      return Result.err(e.code(), e.message());
    }
    ModelAttribution m = prepared.orElseThrow();
    long t1 = System.nanoTime();
    QueryGradient gradient = m.queryGradient(inference.promptTokens(), inference.responseTokens());
    long t2 = System.nanoTime();
    Result<AttributionResult> result = m.attribute(inference, gradient);
    long t3 = System.nanoTime();
    if (result instanceof Result.Err<AttributionResult> e) {
      return Result.err(e.code(), e.message());
    }
    AttributionRecord.Timings timings =
        new AttributionRecord.Timings(
            (t2 - t1) / 1000, (t3 - t2) / 1000, cached ? 0 : (t1 - t0) / 1000);
    AttributionRecord rec =
        new AttributionRecord(
            inference,
            m.text(inference.promptTokens()),
            m.text(inference.responseTokens()),
            gradient,
            result.orElseThrow(),
            timings);
    try {
      records.put(rec);
    } catch (FileAlreadyExistsException raced) {
      return Result.ok(records.get(inference.requestId()).orElseThrow());
    }
    return Result.ok(rec);
  }

  /**
   * The stored record of a request.
   *
   * @throws IOException if it cannot be read or does not decode (the message says which)
   */
  public Optional<AttributionRecord> record(String requestId) throws IOException {
    return records.get(requestId);
  }

  /**
   * Recomputes a recorded attribution: the query gradient from the recorded tokens (it must agree
   * with the recorded vector within {@link #GRADIENT_TOLERANCE}, bit-exact on the machine that
   * served it), then the attribution from the recorded vector, which must reproduce every input and
   * integer share exactly.
   *
   * @return the verification (matching or not), or {@code unknown_request}, {@code record_invalid},
   *     or an error of {@link #model}
   */
  public Result<Verification> verify(ModelSource source, String requestId) throws IOException {
    Optional<AttributionRecord> found;
    try {
      found = records.get(requestId);
    } catch (IOException e) {
      if (e.getCause() instanceof DecodeException) {
        return Result.err("record_invalid", e.getMessage());
      }
      throw e;
    }
    if (found.isEmpty()) {
      return Result.err("unknown_request", "no attribution is recorded for request " + requestId);
    }
    return verify(source, found.get());
  }

  /**
   * {@link #verify(ModelSource, String)} for a record at hand (e.g. one fetched from another node).
   */
  public Result<Verification> verify(ModelSource source, AttributionRecord rec) throws IOException {
    Inference inf = rec.inference();
    Result<ModelAttribution> prepared = model(source, inf.model(), inf.adapterHash());
    if (prepared instanceof Result.Err<ModelAttribution> e) {
      return Result.err(e.code(), e.message());
    }
    ModelAttribution m = prepared.orElseThrow();
    float[] recorded = rec.queryGradient().last();
    float[] again = m.queryGradient(inf.promptTokens(), inf.responseTokens()).last();
    double err = relativeError(recorded, again);
    boolean exact = java.util.Arrays.equals(recorded, again);
    Hash recordedHash = rec.resultHash();
    if (!(err <= GRADIENT_TOLERANCE)) {
      return Result.ok(
          new Verification(
              inf.requestId(),
              recordedHash,
              Hash.ZERO,
              false,
              err,
              false,
              String.format(
                  java.util.Locale.ROOT,
                  "the recorded query gradient is not the gradient of the recorded tokens (relative error %.3g > %.0e)",
                  err,
                  GRADIENT_TOLERANCE)));
    }
    Result<AttributionResult> check = m.verify(inf, rec.queryGradient(), rec.result());
    if (check instanceof Result.Err<AttributionResult> e) {
      Result<AttributionResult> again2 = m.attribute(inf, rec.queryGradient());
      Hash h = again2 instanceof Result.Ok<AttributionResult> ok ? ok.value().hash() : Hash.ZERO;
      return Result.ok(
          new Verification(inf.requestId(), recordedHash, h, exact, err, false, e.message()));
    }
    AttributionResult r = check.orElseThrow();
    String detail =
        r.hash().equals(recordedHash)
            ? "recomputed bit for bit: "
                + r.contributors().size()
                + " contributors, result "
                + recordedHash.toHex()
            : "integer shares and inputs match; scores agree within tolerance, result hashes differ";
    return Result.ok(
        new Verification(inf.requestId(), recordedHash, r.hash(), exact, err, true, detail));
  }

  static double relativeError(float[] reference, float[] other) {
    if (reference.length != other.length) {
      return Double.POSITIVE_INFINITY;
    }
    double diff = 0;
    double norm = 0;
    for (int i = 0; i < reference.length; i++) {
      double d = (double) reference[i] - other[i];
      diff += d * d;
      norm += (double) reference[i] * reference[i];
    }
    return norm == 0 ? (diff == 0 ? 0 : Double.POSITIVE_INFINITY) : Math.sqrt(diff / norm);
  }

  /** Drops the prepared models (the scoring pool and kernels belong to the caller). */
  @Override
  public void close() {
    synchronized (models) {
      models.clear();
    }
  }
}
