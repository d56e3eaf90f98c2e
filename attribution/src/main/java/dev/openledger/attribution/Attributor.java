package dev.openledger.attribution;

import dev.openledger.attribution.eval.Metrics;
import dev.openledger.attribution.grad.GradientStore;
import dev.openledger.attribution.grad.RowKey;
import dev.openledger.attribution.score.GradientScores;
import dev.openledger.attribution.score.OutlierFlags;
import dev.openledger.attribution.score.QueryGradient;
import dev.openledger.attribution.score.RowScores;
import dev.openledger.attribution.score.Scorer;
import dev.openledger.attribution.score.ScoringMethod;
import dev.openledger.attribution.score.ScoringPool;
import dev.openledger.attribution.share.Apportion;
import dev.openledger.attribution.share.GradientAllocation;
import dev.openledger.attribution.share.RowCatalog;
import dev.openledger.attribution.share.RowInfo;
import dev.openledger.attribution.share.ShareAllocator;
import dev.openledger.attribution.share.SharePolicy;
import dev.openledger.attribution.span.DocInfo;
import dev.openledger.attribution.span.Span;
import dev.openledger.attribution.span.SpanIndex;
import dev.openledger.attribution.span.SpanMatcher;
import dev.openledger.attribution.span.SpanSearch;
import dev.openledger.core.Result;
import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * Proof of Attribution for one trained adapter: combines the gradient track (a {@link
 * GradientStore} and its {@link RowCatalog}) and the optional span track (a {@link SpanIndex} over
 * the documents it was trained on) into an {@link AttributionResult}.
 *
 * <p>Recipe for one query:
 *
 * <ol>
 *   <li>Rows that take part: one per content hash (the first submitted), minus documents the span
 *       index found to be copies of an earlier owner's (copied fraction ≥ {@code
 *       policy.copyFraction}).
 *   <li>Score them ({@code config.method}, DataInf by default).
 *   <li>Spans: maximal verbatim spans of the output; {@code spanPool = ⌊covered·scale/L⌋} when any
 *       span is kept, else 0; the rest is the gradient pool.
 *   <li>Gradient pool → rows by {@link ShareAllocator} (outliers by self-influence excluded); span
 *       pool → credited documents by largest remainder over their summed span weights.
 *   <li>Sum per contributor and per Datanet.
 * </ol>
 *
 * The same inputs give a bit-identical result on any machine; {@link #verify} recomputes and
 * compares.
 */
public final class Attributor {
  private final GradientStore store;
  private final RowCatalog catalog;
  private final SpanIndex spanIndex;
  private final AttributionConfig config;
  private final Scorer scorer;
  private final ScoringPool pool;
  private final BitSet included;
  private final BitSet outliers;
  private final List<RowKey> copiedRows;
  private final int duplicateRows;
  private final Hash catalogHash;

  private Attributor(
      GradientStore store,
      RowCatalog catalog,
      SpanIndex spanIndex,
      AttributionConfig config,
      ScoringPool pool) {
    this.store = store;
    this.catalog = catalog;
    this.spanIndex = spanIndex;
    this.config = config;
    this.pool = pool;
    this.scorer = new Scorer(store, pool);
    this.catalogHash = catalog.hash();
    BitSet firsts = catalog.firstOfEachContent();
    this.duplicateRows = store.rowCount() - firsts.cardinality();
    BitSet copies = copies(catalog, spanIndex, config.policy());
    this.copiedRows = copies.stream().mapToObj(store::rowKey).toList();
    firsts.andNot(copies);
    this.included = firsts;
    this.outliers =
        OutlierFlags.flag(GradientScores.selfInfluence(store), config.policy().outlierZ());
  }

  /**
   * @param spanIndex the span index over the training documents, or empty for a gradient-only
   *     attribution
   * @return the attributor, or {@code catalog_mismatch} when the catalog does not describe the
   *     store's rows
   */
  public static Result<Attributor> create(
      GradientStore store,
      RowCatalog catalog,
      Optional<SpanIndex> spanIndex,
      AttributionConfig config,
      ScoringPool pool) {
    if (catalog.size() != store.rowCount()) {
      return Result.err(
          "catalog_mismatch",
          "catalog has " + catalog.size() + " rows, the store " + store.rowCount());
    }
    for (int i = 0; i < catalog.size(); i++) {
      if (!catalog.get(i).rowId().equals(store.rowId(i))) {
        return Result.err(
            "catalog_mismatch",
            "catalog row "
                + i
                + " is "
                + catalog.get(i).rowId().shortHex()
                + ", the store's "
                + store.rowId(i).shortHex());
      }
    }
    return Result.ok(new Attributor(store, catalog, spanIndex.orElse(null), config, pool));
  }

  private static BitSet copies(RowCatalog catalog, SpanIndex index, SharePolicy policy) {
    BitSet out = new BitSet(catalog.size());
    if (index == null) {
      return out;
    }
    Map<Hash, DocInfo> byId = new HashMap<>();
    for (DocInfo d : index.documents()) {
      byId.put(d.docId(), d);
    }
    for (int i = 0; i < catalog.size(); i++) {
      DocInfo d = byId.get(catalog.get(i).rowId());
      if (d != null && d.length() > 0 && d.copiedFraction() >= policy.copyFraction()) {
        out.set(i);
      }
    }
    return out;
  }

  /** Rows flagged as self-influence outliers. */
  public BitSet outliers() {
    return (BitSet) outliers.clone();
  }

  /** Rows that take part in scoring (deduplicated, copies removed). */
  public BitSet included() {
    return (BitSet) included.clone();
  }

  /**
   * Every row's score for a query under {@code method} (rows that do not take part score 0): what
   * the eval harness ranks and correlates.
   */
  public RowScores scores(ScoringMethod method, QueryGradient q) {
    return scorer.score(method, q, included);
  }

  /** The rows of the store with their owners. */
  public RowCatalog catalog() {
    return catalog;
  }

  public GradientStore store() {
    return store;
  }

  /**
   * Attributes one inference. Errors: {@code query_mismatch} when the gradient does not fit the
   * store.
   */
  public Result<AttributionResult> attribute(AttributionQuery query) {
    QueryGradient q = query.gradient();
    if (q.dim() != store.sourceLayout().dim()) {
      return Result.err(
          "query_mismatch",
          "query gradient has "
              + q.dim()
              + " elements, the store's layout "
              + store.sourceLayout().dim());
    }
    if (config.method() == ScoringMethod.TRACIN && q.count() != store.checkpointCount()) {
      return Result.err(
          "query_mismatch",
          "TracIn needs " + store.checkpointCount() + " query vectors, got " + q.count());
    }
    SharePolicy policy = config.policy();
    long scale = policy.scale();
    RowScores scores = scorer.score(config.method(), q, included);

    SpanSearch search =
        spanIndex == null
            ? new SpanSearch(List.of(), 0, query.outputTokens().length)
            : SpanMatcher.search(spanIndex, query.outputTokens(), config.spans());
    long spanPool =
        search.spans().isEmpty()
            ? 0
            : exactFraction(search.coveredTokens(), search.outputLength(), scale);
    long gradientPool = scale - spanPool;

    BitSet eligible = (BitSet) included.clone();
    if (policy.excludeOutliers()) {
      eligible.andNot(outliers);
    }
    GradientAllocation grad =
        ShareAllocator.allocate(scores.values(), eligible, catalog, policy, gradientPool);
    long[] docUnits = spanUnits(search.spans(), spanPool);

    TreeMap<Address, long[]> byContributor = new TreeMap<>();
    TreeMap<Hash, Long> byDatanet = new TreeMap<>();
    for (int i = 0; i < catalog.size(); i++) {
      long u = grad.units(i);
      if (u > 0) {
        RowInfo r = catalog.get(i);
        byContributor.computeIfAbsent(r.contributor(), a -> new long[2])[0] += u;
        byDatanet.merge(r.datanet(), u, Long::sum);
      }
    }
    for (int d = 0; d < docUnits.length; d++) {
      if (docUnits[d] > 0) {
        DocInfo doc = spanIndex.document(d);
        byContributor.computeIfAbsent(doc.owner(), a -> new long[2])[1] += docUnits[d];
        byDatanet.merge(doc.datanet(), docUnits[d], Long::sum);
      }
    }
    List<ContributorShare> contributors = new ArrayList<>();
    byContributor.forEach((a, u) -> contributors.add(new ContributorShare(a, u[0], u[1])));
    List<DatanetShare> datanets = new ArrayList<>();
    byDatanet.forEach((h, u) -> datanets.add(new DatanetShare(h, u)));

    AttributionInputs inputs =
        new AttributionInputs(
            query.request(),
            store.contentHash(),
            catalogHash,
            spanIndex == null ? Hash.ZERO : spanIndex.contentHash(),
            q.hash(),
            query.outputHash(),
            config.hash());
    return Result.ok(
        new AttributionResult(
            inputs,
            config.method(),
            scale,
            spanPool,
            gradientPool,
            grad.unallocated(),
            contributors,
            datanets,
            topRows(scores, grad, policy.topRows()),
            search.spans(),
            outliers.stream().mapToObj(store::rowKey).toList(),
            copiedRows,
            duplicateRows,
            crossCheck(q, scores)));
  }

  /** {@code ⌊a·scale/b⌋} exactly. */
  private static long exactFraction(long a, long b, long scale) {
    return java.math.BigInteger.valueOf(a)
        .multiply(java.math.BigInteger.valueOf(scale))
        .divide(java.math.BigInteger.valueOf(b))
        .longValueExact();
  }

  /**
   * Span pool → documents, by largest remainder over each credited document's summed span weight.
   */
  private long[] spanUnits(List<Span> spans, long spanPool) {
    if (spanIndex == null) {
      return new long[0];
    }
    double[] weight = new double[spanIndex.documentCount()];
    for (Span s : spans) {
      weight[s.docIndex()] += s.weight();
    }
    long[] limits = new long[weight.length];
    Arrays.fill(limits, spanPool);
    return spanPool == 0
        ? new long[weight.length]
        : Apportion.largestRemainder(weight, spanPool, limits);
  }

  private List<RowAttribution> topRows(RowScores scores, GradientAllocation grad, int k) {
    return IntStream.range(0, scores.size())
        .filter(included::get)
        .boxed()
        .sorted(Comparator.<Integer>comparingDouble(i -> -scores.get(i)).thenComparingInt(i -> i))
        .limit(k)
        .map(
            i ->
                new RowAttribution(
                    store.rowKey(i),
                    catalog.get(i).contributor(),
                    catalog.get(i).datanet(),
                    scores.get(i),
                    grad.units(i)))
        .toList();
  }

  private OptionalDouble crossCheck(QueryGradient q, RowScores primary) {
    if (!config.crossCheck() || included.cardinality() < 2) {
      return OptionalDouble.empty();
    }
    ScoringMethod other =
        (config.method() != ScoringMethod.TRACIN && q.count() == store.checkpointCount())
            ? ScoringMethod.TRACIN
            : ScoringMethod.GRAD_DOT;
    RowScores second = scorer.score(other, q, included);
    double[] a = included.stream().mapToDouble(primary::get).toArray();
    double[] b = included.stream().mapToDouble(second::get).toArray();
    double rho = Metrics.spearman(a, b);
    return Double.isNaN(rho) ? OptionalDouble.empty() : OptionalDouble.of(rho);
  }

  /**
   * Recomputes the attribution of {@code query} and compares it with {@code recorded}. Integer
   * shares, pools, spans and inputs must match exactly; row scores and span weights must agree to a
   * relative 1e-9 (they are bit-identical when computed by this code; the tolerance only admits
   * other faithful implementations).
   *
   * @return the recomputed result, or {@code attribution_mismatch} saying what differs
   */
  public Result<AttributionResult> verify(AttributionQuery query, AttributionResult recorded) {
    Result<AttributionResult> again = attribute(query);
    if (again instanceof Result.Err<AttributionResult> e) {
      return e;
    }
    AttributionResult r = again.orElseThrow();
    if (!r.inputs().equals(recorded.inputs())) {
      return Result.err(
          "attribution_mismatch",
          "inputs differ: recorded " + recorded.inputs() + ", recomputed " + r.inputs());
    }
    if (!Arrays.equals(r.encodeSharesOnly(), recorded.encodeSharesOnly())) {
      return Result.err(
          "attribution_mismatch",
          "shares differ: recorded "
              + recorded.contributors()
              + " (unallocated "
              + recorded.unallocated()
              + "), recomputed "
              + r.contributors()
              + " (unallocated "
              + r.unallocated()
              + ")");
    }
    if (r.topRows().size() != recorded.topRows().size()
        || r.spans().size() != recorded.spans().size()) {
      return Result.err("attribution_mismatch", "top rows or spans differ in number");
    }
    for (int i = 0; i < r.topRows().size(); i++) {
      RowAttribution a = r.topRows().get(i);
      RowAttribution b = recorded.topRows().get(i);
      if (!a.row().equals(b.row()) || a.units() != b.units() || !close(a.score(), b.score())) {
        return Result.err(
            "attribution_mismatch",
            "top row " + i + " differs: recorded " + b + ", recomputed " + a);
      }
    }
    for (int i = 0; i < r.spans().size(); i++) {
      Span a = r.spans().get(i);
      Span b = recorded.spans().get(i);
      if (a.start() != b.start()
          || a.end() != b.end()
          || a.docIndex() != b.docIndex()
          || !close(a.weight(), b.weight())) {
        return Result.err(
            "attribution_mismatch", "span " + i + " differs: recorded " + b + ", recomputed " + a);
      }
    }
    return Result.ok(r);
  }

  static boolean close(double a, double b) {
    return Math.abs(a - b) <= 1e-9 * Math.max(1.0, Math.max(Math.abs(a), Math.abs(b)));
  }
}
