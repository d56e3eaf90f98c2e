package dev.openledger.attribution.service;

import dev.openledger.attribution.AttributionConfig;
import dev.openledger.attribution.AttributionQuery;
import dev.openledger.attribution.AttributionResult;
import dev.openledger.attribution.Attributor;
import dev.openledger.attribution.grad.GradientStore;
import dev.openledger.attribution.score.QueryGradient;
import dev.openledger.attribution.score.ScoringPool;
import dev.openledger.attribution.share.RowCatalog;
import dev.openledger.attribution.share.RowInfo;
import dev.openledger.attribution.span.SpanDocument;
import dev.openledger.attribution.span.SpanIndex;
import dev.openledger.core.Result;
import dev.openledger.core.crypto.Hash;
import dev.openledger.ml.format.EngineTensors;
import dev.openledger.ml.format.HfModel;
import dev.openledger.ml.model.Parameters;
import dev.openledger.ml.tensor.Kernels;
import dev.openledger.ml.tokenizer.BpeTokenizer;
import dev.openledger.ml.tokenizer.BpeTrainer;
import dev.openledger.ml.train.PerExampleGradients;
import dev.openledger.ml.transformer.Transformer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One model made ready to attribute: its row catalog (store order), its span index (built once,
 * cached on disk by content), its {@link Attributor}, and the machinery for query gradients. Query
 * gradients reuse one engine per power-of-two length bucket; the engine is not thread-safe, so
 * {@link #queryGradient} is synchronized.
 */
public final class ModelAttribution {
  /** Window of the span index's copy detection, in tokens. */
  public static final int COPY_LENGTH = 12;

  private static final int MIN_BUCKET = 16;

  private final AttributedModel model;
  private final Attributor attributor;
  private final SpanIndex spanIndex;
  private final BpeTokenizer tokenizer;
  private final Transformer engine;
  private final Parameters base;
  private final int padId;
  private final Map<Hash, SourceRow> rowsById;
  private final Map<Integer, PerExampleGradients> byBucket = new TreeMap<>();

  private ModelAttribution(
      AttributedModel model,
      Attributor attributor,
      SpanIndex spanIndex,
      Kernels kernels,
      Map<Hash, SourceRow> rowsById) {
    this.model = model;
    this.attributor = attributor;
    this.spanIndex = spanIndex;
    this.tokenizer = model.base().tokenizer();
    this.engine = new Transformer(model.base().config(), kernels);
    this.base = EngineTensors.parameters(model.base().config(), model.base().weights());
    this.padId = tokenizer.addedTokenId(BpeTrainer.PAD).orElse(model.base().eosTokenId());
    this.rowsById = rowsById;
  }

  /**
   * Builds the catalog (the store's rows in order, each looked up among the model's rows), opens
   * the span index cached in {@code indexDir} under a name derived from its documents (or builds
   * and writes it), and the attributor.
   *
   * @return the prepared model, or {@code catalog_mismatch} when a stored row is not among the
   *     model's rows, or an error of {@link Attributor#create} or {@link SpanIndex#open}
   */
  public static Result<ModelAttribution> prepare(
      AttributedModel model,
      Path indexDir,
      AttributionConfig config,
      ScoringPool pool,
      Kernels kernels)
      throws IOException {
    Map<Hash, SourceRow> byId = new HashMap<>();
    for (SourceRow r : model.rows()) {
      byId.put(r.rowId(), r);
    }
    GradientStore store = model.store();
    List<RowInfo> catalog = new ArrayList<>(store.rowCount());
    for (int i = 0; i < store.rowCount(); i++) {
      SourceRow r = byId.get(store.rowId(i));
      if (r == null) {
        return Result.err(
            "catalog_mismatch",
            "stored row "
                + i
                + " ("
                + store.rowId(i).shortHex()
                + ") of "
                + model.model()
                + " is not in the Datanet versions it names");
      }
      catalog.add(r.info());
    }
    Result<SpanIndex> index = spanIndex(model, indexDir);
    if (index instanceof Result.Err<SpanIndex> e) {
      return Result.err(e.code(), e.message());
    }
    SpanIndex spans = index.orElseThrow();
    return Attributor.create(store, new RowCatalog(catalog), Optional.of(spans), config, pool)
        .map(a -> new ModelAttribution(model, a, spans, kernels, byId));
  }

  /**
   * The span index of the model's rows tokenised with its tokenizer. Its file is named by the
   * SHA-256 of the documents it is built from (ids, owners, Datanets, order, tokens), so a cached
   * index is reused exactly when it would be rebuilt identically; {@code open} re-verifies the
   * file's own hash.
   */
  private static Result<SpanIndex> spanIndex(AttributedModel model, Path indexDir)
      throws IOException {
    BpeTokenizer tok = model.base().tokenizer();
    List<SpanDocument> docs = new ArrayList<>(model.rows().size());
    dev.openledger.core.codec.CanonicalWriter key =
        new dev.openledger.core.codec.CanonicalWriter(1 << 16);
    key.string("openledger/span-index-key/v1").varint(tok.vocabSize()).varint(COPY_LENGTH);
    List<SourceRow> sorted = new ArrayList<>(model.rows());
    sorted.sort(java.util.Comparator.comparing(SourceRow::rowId));
    for (SourceRow r : sorted) {
      int[] tokens = tok.encodeOrdinary(r.text());
      docs.add(new SpanDocument(r.rowId(), r.owner(), r.datanet(), r.submissionSeq(), tokens));
      key.hash(r.rowId())
          .address(r.owner())
          .hash(r.datanet())
          .varint(r.submissionSeq())
          .varint(tokens.length);
      for (int t : tokens) {
        key.varint(t);
      }
    }
    Files.createDirectories(indexDir);
    Path file = indexDir.resolve(Hash.sha256(key.toByteArray()).toHex() + ".olsi");
    if (Files.exists(file)) {
      return SpanIndex.open(file);
    }
    SpanIndex built = SpanIndex.build(docs, tok.vocabSize(), COPY_LENGTH);
    built.write(file);
    return Result.ok(built);
  }

  public AttributedModel model() {
    return model;
  }

  public Attributor attributor() {
    return attributor;
  }

  public SpanIndex spanIndex() {
    return spanIndex;
  }

  public BpeTokenizer tokenizer() {
    return tokenizer;
  }

  /** A row of the model's Datanet versions by id. */
  public Optional<SourceRow> row(Hash rowId) {
    return Optional.ofNullable(rowsById.get(rowId));
  }

  /**
   * ∇ of the response's summed-token NLL given the prompt (PerExampleGradients' mean over the
   * response tokens), with respect to every adapter parameter, in the store's source layout. Padded
   * to a power-of-two length, so one engine serves many lengths; padding is never scored and, the
   * attention being causal, never read.
   */
  public synchronized QueryGradient queryGradient(int[] prompt, int[] response) {
    int len = prompt.length + response.length;
    int context = model.base().config().maxSeqLen();
    if (len - 1 > context) {
      throw new IllegalArgumentException(
          "prompt and response (" + len + " tokens) exceed the model's context of " + context);
    }
    int bucket = MIN_BUCKET;
    while (bucket < len - 1) {
      bucket *= 2;
    }
    int seqLen = Math.min(bucket, context);
    PerExampleGradients g =
        byBucket.computeIfAbsent(
            seqLen, s -> new PerExampleGradients(engine, base, model.adapter(), 1, s, padId));
    return QueryGradient.ofFinal(g.query(prompt, response));
  }

  /**
   * Attributes an inference from a given query gradient (the one computed when it was served, on
   * verify).
   */
  public Result<AttributionResult> attribute(Inference inference, QueryGradient gradient) {
    return attributor.attribute(
        new AttributionQuery(inference.hash(), gradient, inference.responseTokens()));
  }

  /** Recomputes and compares with a recorded result (see {@link Attributor#verify}). */
  public Result<AttributionResult> verify(
      Inference inference, QueryGradient gradient, AttributionResult recorded) {
    return attributor.verify(
        new AttributionQuery(inference.hash(), gradient, inference.responseTokens()), recorded);
  }

  /** The tokenizer's text of some tokens (special tokens skipped). */
  public String text(int[] tokens) {
    return tokenizer.decode(tokens, true);
  }

  /** HfModel of the base, for callers that need the tokenizer's special ids. */
  public HfModel base() {
    return model.base();
  }
}
