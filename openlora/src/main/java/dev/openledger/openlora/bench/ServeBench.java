package dev.openledger.openlora.bench;

import dev.openledger.core.crypto.Address;
import dev.openledger.core.json.Json;
import dev.openledger.core.money.Amount;
import dev.openledger.ml.lora.LoraParameters;
import dev.openledger.ml.model.LlamaConfig;
import dev.openledger.ml.tensor.Kernels;
import dev.openledger.ml.tensor.VectorKernels;
import dev.openledger.ml.tensor.WorkerPool;
import dev.openledger.ml.tokenizer.BpeTokenizer;
import dev.openledger.openlora.chain.ModelListing;
import dev.openledger.openlora.engine.EngineLimits;
import dev.openledger.openlora.metrics.ServingMetrics;
import dev.openledger.openlora.service.BaseModel;
import dev.openledger.openlora.store.AdapterLease;
import dev.openledger.openlora.store.AdapterStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code openledger bench serve [--json]}: the S-LoRA experiment on this engine. For each n in
 * {@link Config#adapterCounts()}, a workload of rank-{@code r} adapters over one random base model
 * (the tiny preset's shape: about 1.3M parameters), power-law popularity and Poisson arrivals, is
 * served by OpenLoRA and by the two baselines. Also measures cold (from disk) and warm (cached)
 * adapter acquisition.
 */
public final class ServeBench {
  private ServeBench() {}

  /**
   * @param adapterCounts the n to run
   * @param requests requests per workload
   * @param rank adapter rank
   * @param ratePerSecond Poisson arrival rate
   * @param alpha Zipf exponent of adapter popularity
   * @param cacheBytes OpenLoRA's adapter cache bound
   * @param copyBudgetBytes memory the copy-per-adapter baseline may use for model copies
   * @param maxBatch batch bound, the same for every system
   * @param threads compute threads
   * @param seed workload seed
   * @param repeat runs of each system on each workload, interleaved; the run with the median
   *     tokens/s is reported
   */
  public record Config(
      List<Integer> adapterCounts,
      int requests,
      int rank,
      double ratePerSecond,
      double alpha,
      long cacheBytes,
      long copyBudgetBytes,
      int maxBatch,
      int threads,
      long seed,
      int repeat) {
    public Config {
      adapterCounts = List.copyOf(adapterCounts);
      if (adapterCounts.isEmpty()
          || adapterCounts.stream().anyMatch(n -> n < 1)
          || requests < 1
          || rank < 1
          || !(ratePerSecond > 0)
          || cacheBytes <= 0
          || maxBatch < 1
          || threads < 1
          || repeat < 1) {
        throw new IllegalArgumentException("benchmark settings must be positive");
      }
    }

    public static Config defaults() {
      return new Config(
          List.of(1, 10, 100, 1000),
          256,
          8,
          200,
          1.0,
          64L << 20,
          2L << 30,
          16,
          Runtime.getRuntime().availableProcessors(),
          7,
          3);
    }

    public Config withAdapterCounts(List<Integer> n) {
      return new Config(
          n,
          requests,
          rank,
          ratePerSecond,
          alpha,
          cacheBytes,
          copyBudgetBytes,
          maxBatch,
          threads,
          seed,
          repeat);
    }

    public Config withRequests(int n) {
      return new Config(
          adapterCounts,
          n,
          rank,
          ratePerSecond,
          alpha,
          cacheBytes,
          copyBudgetBytes,
          maxBatch,
          threads,
          seed,
          repeat);
    }

    public Config withRate(double perSecond) {
      return new Config(
          adapterCounts,
          requests,
          rank,
          perSecond,
          alpha,
          cacheBytes,
          copyBudgetBytes,
          maxBatch,
          threads,
          seed,
          repeat);
    }

    public Config withRank(int r) {
      return new Config(
          adapterCounts,
          requests,
          r,
          ratePerSecond,
          alpha,
          cacheBytes,
          copyBudgetBytes,
          maxBatch,
          threads,
          seed,
          repeat);
    }

    public Config withCacheBytes(long bytes) {
      return new Config(
          adapterCounts,
          requests,
          rank,
          ratePerSecond,
          alpha,
          bytes,
          copyBudgetBytes,
          maxBatch,
          threads,
          seed,
          repeat);
    }

    public Config withRepeat(int n) {
      return new Config(
          adapterCounts,
          requests,
          rank,
          ratePerSecond,
          alpha,
          cacheBytes,
          copyBudgetBytes,
          maxBatch,
          threads,
          seed,
          n);
    }

    public Config withThreads(int n) {
      return new Config(
          adapterCounts,
          requests,
          rank,
          ratePerSecond,
          alpha,
          cacheBytes,
          copyBudgetBytes,
          maxBatch,
          n,
          seed,
          repeat);
    }
  }

  /** Where and when it ran. */
  public record Machine(String cpu, int cores, double loadAverageAtStart, String java) {
    static Machine now() {
      String cpu = "unknown";
      try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"), StandardCharsets.UTF_8)) {
        cpu =
            lines
                .filter(l -> l.startsWith("model name"))
                .map(l -> l.substring(l.indexOf(':') + 1).trim())
                .findFirst()
                .orElse(cpu);
      } catch (IOException e) {
        cpu = "unknown (" + e.getMessage() + ")";
      }
      return new Machine(
          cpu,
          Runtime.getRuntime().availableProcessors(),
          ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
          System.getProperty("java.version"));
    }
  }

  /** Adapter acquisition times in milliseconds. */
  public record LoadTimes(
      int samples,
      long adapterBytes,
      double coldP50Ms,
      double coldP99Ms,
      double warmP50Ms,
      double warmP99Ms) {}

  /** Everything measured. */
  public record Result(
      Machine machine,
      Config config,
      String model,
      long baseParameters,
      long adapterBytes,
      LoadTimes loads,
      List<Measured> runs,
      double throughputRatioLargestToOne) {}

  public static Result run(Config c, PrintWriter progress)
      throws IOException, InterruptedException {
    Machine machine = Machine.now();
    BpeTokenizer tok = SyntheticModels.tokenizer(300);
    LlamaConfig shape = SyntheticModels.config(128, 384, 4, 4, 2, 2048, 256);
    BaseModel base =
        new BaseModel("bench-tiny", SyntheticModels.weights(shape, 1, 0.05), tok, 1, 2);
    int maxN = c.adapterCounts().stream().max(Integer::compare).orElse(1);
    Path dir = Files.createTempDirectory("openlora-bench");
    try (WorkerPool pool = new WorkerPool(c.threads())) {
      Kernels k = new VectorKernels(pool);
      progress.printf(Locale.ROOT, "writing %d rank-%d adapters...%n", maxN, c.rank());
      progress.flush();
      List<ModelListing> adapters = new ArrayList<>();
      for (int i = 0; i < maxN; i++) {
        LoraParameters a =
            SyntheticModels.adapter(shape, SyntheticModels.lora(c.rank()), 1000 + i, 0.05);
        Path d = dir.resolve("a" + i);
        adapters.add(
            new ModelListing(
                "a" + i,
                base.id(),
                d,
                SyntheticModels.write(d, a, shape, base.id()),
                Amount.ZERO,
                Address.module("bench")));
      }
      long adapterBytes = AdapterStore.residentBytes(shape, SyntheticModels.lora(c.rank()));
      LoadTimes loads = loadTimes(base, adapters, adapterBytes);
      EngineLimits limits =
          EngineLimits.defaults()
              .withMaxBatch(c.maxBatch())
              .withMaxQueued(Math.max(256, c.requests()));
      // warm-up: let the JIT compile the decode path before anything is timed
      EngineRun.run(
          base,
          k,
          adapters,
          Workload.generate(
              Math.min(4, maxN), 64, 1e6, c.alpha(), shape.vocabSize(), 8, 32, c.seed() + 99),
          c.cacheBytes(),
          limits);
      List<Measured> runs = new ArrayList<>();
      for (int n : c.adapterCounts()) {
        Workload w =
            Workload.generate(
                n, c.requests(), c.ratePerSecond(), c.alpha(), shape.vocabSize(), 8, 32, c.seed());
        progress.printf(
            Locale.ROOT,
            "n = %d: %d requests over %d distinct adapters...%n",
            n,
            c.requests(),
            w.distinctAdapters());
        progress.flush();
        List<Measured> ours = new ArrayList<>();
        List<Measured> swap = new ArrayList<>();
        List<Measured> copies = new ArrayList<>();
        for (int rep = 0; rep < c.repeat(); rep++) {
          ours.add(EngineRun.run(base, k, adapters, w, c.cacheBytes(), limits));
          swap.add(Baselines.mergedSwap(base, k, adapters, w, c.maxBatch()));
          copies.add(
              Baselines.copyPerAdapter(base, k, adapters, w, c.maxBatch(), c.copyBudgetBytes()));
        }
        runs.add(median(ours));
        runs.add(median(swap));
        runs.add(median(copies));
      }
      double ratio = ratio(runs, maxN, c.adapterCounts().stream().min(Integer::compare).orElse(1));
      String model =
          String.format(
              Locale.ROOT,
              "dim %d, %d layers, MLP %d, vocab %d, context %d (random weights)",
              shape.dim(),
              shape.nLayers(),
              shape.hiddenDim(),
              shape.vocabSize(),
              shape.maxSeqLen());
      return new Result(
          machine, c, model, base.weights().data().length, adapterBytes, loads, runs, ratio);
    } finally {
      deleteTree(dir);
    }
  }

  /** The run with the median throughput (the lower middle one for an even count). */
  private static Measured median(List<Measured> runs) {
    List<Measured> sorted = new ArrayList<>(runs);
    sorted.sort(Comparator.comparingDouble(Measured::tokensPerSecond));
    return sorted.get((sorted.size() - 1) / 2);
  }

  private static double ratio(List<Measured> runs, int largest, int smallest) {
    double a = Double.NaN;
    double b = Double.NaN;
    for (Measured m : runs) {
      if (m.system().equals("openlora") && m.adapters() == largest) {
        a = m.tokensPerSecond();
      }
      if (m.system().equals("openlora") && m.adapters() == smallest) {
        b = m.tokensPerSecond();
      }
    }
    return a / b;
  }

  /**
   * Cold: acquire an adapter not in the cache and wait until it is ready (read, hash check,
   * prepare). Warm: acquire it again. Samples the last adapters, after a warm-up on the first ones.
   */
  private static LoadTimes loadTimes(BaseModel base, List<ModelListing> adapters, long adapterBytes)
      throws InterruptedException {
    int samples = Math.min(adapters.size(), 200);
    double[] cold = new double[samples];
    double[] warm = new double[samples];
    // the load path is JIT-compiled first (on other adapters), so "cold" means "not cached", not
    // "JVM cold"
    try (AdapterStore warmUp =
        new AdapterStore(base.config(), adapterBytes, 1, new ServingMetrics())) {
      for (int i = 0; i < Math.min(adapters.size(), 30); i++) {
        try (AdapterLease l = warmUp.acquire(adapters.get(i))) {
          l.ready().get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException
            | java.util.concurrent.TimeoutException e) {
          throw new IllegalStateException("adapter " + adapters.get(i).name() + " did not load", e);
        }
      }
    }
    try (AdapterStore store =
        new AdapterStore(base.config(), (samples + 1) * adapterBytes, 1, new ServingMetrics())) {
      for (int i = 0; i < samples; i++) {
        ModelListing m = adapters.get(adapters.size() - 1 - i);
        long t0 = System.nanoTime();
        try (AdapterLease l = store.acquire(m)) {
          l.ready().get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException
            | java.util.concurrent.TimeoutException e) {
          throw new IllegalStateException("adapter " + m.name() + " did not load", e);
        }
        long t1 = System.nanoTime();
        try (AdapterLease l = store.acquire(m)) {
          l.adapter();
        }
        long t2 = System.nanoTime();
        cold[i] = (t1 - t0) / 1e6;
        warm[i] = (t2 - t1) / 1e6;
      }
    }
    return new LoadTimes(
        samples,
        adapterBytes,
        Percentiles.of(cold, 50),
        Percentiles.of(cold, 99),
        Percentiles.of(warm, 50),
        Percentiles.of(warm, 99));
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /** The human summary. */
  public static String summary(Result r) {
    StringWriter s = new StringWriter();
    PrintWriter p = new PrintWriter(s);
    p.printf(
        Locale.ROOT,
        "serving benchmark (S-LoRA workload: %d requests, Zipf alpha %.1f, Poisson %.0f req/s, prompt and output 8-32 tokens, "
            + "batch %d; median of %d runs)%n",
        r.config().requests(),
        r.config().alpha(),
        r.config().ratePerSecond(),
        r.config().maxBatch(),
        r.config().repeat());
    p.printf(
        Locale.ROOT,
        "machine   %s, %d cores, load average %.2f at start, Java %s%n",
        r.machine().cpu(),
        r.machine().cores(),
        r.machine().loadAverageAtStart(),
        r.machine().java());
    p.printf(
        Locale.ROOT,
        "base      %s, %,d parameters; rank-%d adapter %.0f KB; adapter cache %d MB%n",
        r.model(),
        r.baseParameters(),
        r.config().rank(),
        r.adapterBytes() / 1024.0,
        r.config().cacheBytes() >> 20);
    p.printf(
        Locale.ROOT,
        "load      cold (disk, hash check, prepare) p50 %.2f ms, p99 %.2f ms; warm (cached) p50 %.4f ms, p99 %.4f ms (%d adapters)%n",
        r.loads().coldP50Ms(),
        r.loads().coldP99Ms(),
        r.loads().warmP50Ms(),
        r.loads().warmP99Ms(),
        r.loads().samples());
    p.printf(
        Locale.ROOT,
        "%-17s %5s %9s %8s %10s %10s %9s %9s %6s %6s %8s%n",
        "system",
        "n",
        "tok/s",
        "req/s",
        "TTFT p50",
        "TTFT p99",
        "TPOT p50",
        "TPOT p99",
        "loads",
        "evict",
        "mem MB");
    for (Measured m : r.runs()) {
      if (!m.completed()) {
        p.printf(Locale.ROOT, "%-17s %5d   stopped: %s%n", m.system(), m.adapters(), m.note());
        continue;
      }
      p.printf(
          Locale.ROOT,
          "%-17s %5d %9.0f %8.1f %10s %10s %9s %9s %6d %6d %8.1f%n",
          m.system(),
          m.adapters(),
          m.tokensPerSecond(),
          m.requestsPerSecond(),
          ms(m.ttftP50Ms()),
          ms(m.ttftP99Ms()),
          ms(m.tpotP50Ms()),
          ms(m.tpotP99Ms()),
          m.adapterLoads(),
          m.evictions(),
          m.memoryBytes() / 1e6);
    }
    p.printf(
        Locale.ROOT,
        "openlora throughput at the largest n / at the smallest n: %.2f%n",
        r.throughputRatioLargestToOne());
    p.flush();
    return s.toString().stripTrailing();
  }

  private static String ms(double v) {
    return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1f ms", v);
  }

  /**
   * Stand-alone entry point: {@code [--json] [--adapters 1,10,100,1000] [--requests N]}; {@code
   * openledger bench serve} has every option.
   */
  public static void main(String[] args) throws Exception {
    Config c = Config.defaults();
    boolean json = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--json" -> json = true;
        case "--adapters" ->
            c =
                c.withAdapterCounts(
                    Stream.of(args[++i].split(","))
                        .map(String::trim)
                        .map(Integer::valueOf)
                        .toList());
        case "--requests" -> c = c.withRequests(Integer.parseInt(args[++i]));
        default ->
            throw new IllegalArgumentException(
                "unknown option " + args[i] + " (expected --json, --adapters LIST, --requests N)");
      }
    }
    PrintWriter out = new PrintWriter(System.out, true);
    Result r = run(c, json ? new PrintWriter(System.err, true) : out);
    out.println(json ? Json.writePretty(r) : summary(r));
  }
}
