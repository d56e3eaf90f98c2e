package dev.openledger.attribution.bench;

import dev.openledger.attribution.grad.GradientStore;
import dev.openledger.attribution.grad.GradientStoreWriter;
import dev.openledger.attribution.grad.ProjectionSpec;
import dev.openledger.attribution.grad.Projector;
import dev.openledger.attribution.grad.SegmentLayout;
import dev.openledger.attribution.score.DataInf;
import dev.openledger.attribution.score.GradientScores;
import dev.openledger.attribution.score.RowScores;
import dev.openledger.attribution.score.ScoringPool;
import dev.openledger.attribution.span.Lcp;
import dev.openledger.attribution.span.SpanConfig;
import dev.openledger.attribution.span.SpanDocument;
import dev.openledger.attribution.span.SpanIndex;
import dev.openledger.attribution.span.SpanMatcher;
import dev.openledger.attribution.span.SpanSearch;
import dev.openledger.attribution.span.SuffixArrays;
import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import dev.openledger.core.json.Json;
import dev.openledger.ml.lora.LoraConfig;
import dev.openledger.ml.model.LinearKind;
import dev.openledger.ml.model.LlamaConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Measures the attribution engine. Usage: {@code AttributionBench [--json] [--quick] [--threads N]
 * [--dir DIR] [--repo-root DIR] [--sa-input FILE]}. {@code --quick} uses 2k/10k rows and a 1M-token
 * index; {@code --sa-input} also times SA-IS on a file's raw bytes, for comparison with
 * libdivsufsort on the same file.
 */
public final class AttributionBench {
  /**
   * A tiny Llama (≈1.1M parameters) with LoRA r = 8 on q, k, v, o: 32 tensors, 32,768 LoRA
   * parameters.
   */
  static final LlamaConfig MODEL =
      new LlamaConfig(128, 384, 4, 4, 4, 2048, 256, 10000f, 1e-5f, true);

  static final LoraConfig LORA =
      new LoraConfig(
          8, 16f, 0f, EnumSet.of(LinearKind.Q, LinearKind.K, LinearKind.V, LinearKind.O));
  static final int DIMS_PER_TENSOR = 32;

  /** Options; see the class comment. */
  public record Options(boolean quick, int threads, Path dir, Path repoRoot, Path saInput) {}

  private AttributionBench() {}

  public static void main(String[] args) throws IOException {
    boolean json = false;
    boolean quick = false;
    int threads = Runtime.getRuntime().availableProcessors();
    Path dir = null;
    Path root = Path.of(System.getProperty("openledger.repo.root", "."));
    Path sa = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--json" -> json = true;
        case "--quick" -> quick = true;
        case "--threads" -> threads = Integer.parseInt(args[++i]);
        case "--dir" -> dir = Path.of(args[++i]);
        case "--repo-root" -> root = Path.of(args[++i]);
        case "--sa-input" -> sa = Path.of(args[++i]);
        default -> {
          System.err.println(
              "unknown option "
                  + args[i]
                  + "; usage: [--json] [--quick] [--threads N] [--dir DIR] [--repo-root DIR] [--sa-input FILE]");
          System.exit(2);
        }
      }
    }
    Path work = dir != null ? dir : Files.createTempDirectory("attribution-bench");
    try {
      BenchReport report = run(new Options(quick, threads, work, root, sa));
      if (json) {
        System.out.println(
            Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(report));
      } else {
        print(report, System.out);
      }
    } finally {
      if (dir == null) {
        try (var files = Files.list(work)) {
          for (Path p : files.toList()) {
            Files.deleteIfExists(p);
          }
        }
        Files.deleteIfExists(work);
      }
    }
  }

  /** Runs every measurement. */
  public static BenchReport run(Options o) throws IOException {
    double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    SegmentLayout source = loraLayout(MODEL, LORA);
    BenchReport.ProjectionCase projection = projection(source);
    List<BenchReport.GradientCase> gradient = new ArrayList<>();
    try (ScoringPool pool = new ScoringPool(o.threads())) {
      for (int rows : o.quick() ? new int[] {2_000, 10_000} : new int[] {10_000, 100_000}) {
        gradient.add(gradientCase(o.dir(), source, rows, pool));
      }
    }
    BenchReport.SpanCase span = spanCase(o.repoRoot(), o.quick() ? 1_000_000 : 10_000_000);
    List<BenchReport.SuffixArrayCase> sa = new ArrayList<>();
    sa.add(saCase("Brown corpus raw bytes", BenchCorpus.brownBytes(o.repoRoot())));
    if (o.saInput() != null) {
      sa.add(saCase(o.saInput().getFileName().toString(), Files.readAllBytes(o.saInput())));
    }
    return new BenchReport(
        cpuModel(),
        Runtime.getRuntime().availableProcessors(),
        load,
        o.threads(),
        projection,
        gradient,
        span,
        sa);
  }

  /**
   * The LoRA tensors of {@code model} in PEFT naming: for each layer and target, lora_A (r×in) then
   * lora_B (out×r).
   */
  static SegmentLayout loraLayout(LlamaConfig model, LoraConfig lora) {
    Map<String, Integer> seg = new LinkedHashMap<>();
    for (int l = 0; l < model.nLayers(); l++) {
      for (LinearKind k : lora.targets()) {
        String base = "base_model.model.model.layers." + l + "." + k.module();
        seg.put(base + ".lora_A.weight", lora.rank() * k.inDim(model));
        seg.put(base + ".lora_B.weight", k.outDim(model) * lora.rank());
      }
    }
    return SegmentLayout.of(seg);
  }

  private static BenchReport.ProjectionCase projection(SegmentLayout source) {
    Projector p = new Projector(ProjectionSpec.rademacher(1, DIMS_PER_TENSOR), source);
    float[] g = randomRow(new SplittableRandom(1), source.dim());
    float[] out = new float[p.target().dim()];
    for (int i = 0; i < 20; i++) {
      p.project(g, out);
    }
    int reps = 100;
    long t0 = System.nanoTime();
    for (int i = 0; i < reps; i++) {
      p.project(g, out);
    }
    double ms = (System.nanoTime() - t0) / 1e6 / reps;
    return new BenchReport.ProjectionCase(
        "Llama dim 128, 4 layers, LoRA r=8 on q,k,v,o", source.dim(), p.target().dim(), ms);
  }

  /**
   * A store of {@code rows} projected rows. Rows are generated directly in the projected layout (32
   * per tensor), which is what scoring reads; the projection's own cost is measured separately.
   */
  private static BenchReport.GradientCase gradientCase(
      Path dir, SegmentLayout source, int rows, ScoringPool pool) throws IOException {
    SegmentLayout stored = ProjectionSpec.rademacher(1, DIMS_PER_TENSOR).apply(source);
    Path path = dir.resolve("bench-" + rows + ".olgs");
    SplittableRandom rnd = new SplittableRandom(rows);
    long t0 = System.nanoTime();
    try (GradientStoreWriter w = GradientStoreWriter.create(path, stored, ProjectionSpec.NONE)) {
      w.beginCheckpoint(1e-3);
      ByteBuffer id = ByteBuffer.allocate(Hash.LENGTH);
      for (int i = 0; i < rows; i++) {
        id.clear();
        id.putInt(i);
        w.append(Hash.sha256(id.array()), randomRow(rnd, stored.dim()));
      }
      w.endCheckpoint();
      w.seal();
    }
    double write = (System.nanoTime() - t0) / 1e9;
    t0 = System.nanoTime();
    GradientStore store = GradientStore.open(path).orElseThrow();
    double open = (System.nanoTime() - t0) / 1e9;
    BitSet all = new BitSet(rows);
    all.set(0, rows);
    Projector queryProjector = new Projector(ProjectionSpec.rademacher(1, DIMS_PER_TENSOR), source);
    float[] query = randomRow(rnd, source.dim());
    double dataInf =
        median(
            9,
            () -> {
              float[] q = new float[stored.dim()];
              queryProjector.project(query, q);
              RowScores s = DataInf.score(store, q, all, pool);
              sink(s.get(0));
            });
    float[] q = new float[stored.dim()];
    queryProjector.project(query, q);
    double dot = median(9, () -> sink(GradientScores.gradDot(store, q, all, pool).get(0)));
    BenchReport.GradientCase c =
        new BenchReport.GradientCase(
            rows, stored.dim(), store.bytesPerRow(), write, open, dataInf, dot);
    store.close();
    Files.deleteIfExists(path);
    return c;
  }

  private static BenchReport.SpanCase spanCase(Path root, long tokens) throws IOException {
    List<int[]> brown = BenchCorpus.brown(root);
    long brownTokens = brown.stream().mapToLong(d -> d.length).sum();
    List<int[]> docs = new ArrayList<>(brown);
    docs.addAll(BenchCorpus.zipf(Math.max(0, tokens - brownTokens - brown.size()), 7));
    List<SpanDocument> spanDocs = new ArrayList<>();
    for (int d = 0; d < docs.size(); d++) {
      ByteBuffer id = ByteBuffer.allocate(8).putLong(d);
      spanDocs.add(
          new SpanDocument(
              Hash.sha256(id.array()),
              Address.module("bench-owner-" + (d % 50)),
              Hash.ZERO,
              d,
              docs.get(d)));
    }
    // SA-IS and Kasai alone, on the index's own encoding (token + 1, separator 0).
    int n = docs.stream().mapToInt(d -> d.length + 1).sum();
    int[] text = new int[n];
    int pos = 0;
    for (int[] d : docs) {
      for (int t : d) {
        text[pos++] = t + 1;
      }
      text[pos++] = 0;
    }
    long t0 = System.nanoTime();
    int[] sa = SuffixArrays.build(text, BenchCorpus.VOCAB + 1);
    double sais = (System.nanoTime() - t0) / 1e9;
    t0 = System.nanoTime();
    sink(Lcp.kasai(text, sa, 0)[n / 2]);
    double lcp = (System.nanoTime() - t0) / 1e9;
    sa = null;
    text = null;

    t0 = System.nanoTime();
    SpanIndex index = SpanIndex.build(spanDocs, BenchCorpus.VOCAB, 50);
    double build = (System.nanoTime() - t0) / 1e9;
    Path file = Files.createTempFile("bench-span", ".olsi");
    double bytesPerToken;
    try {
      index.write(file);
      bytesPerToken = (double) Files.size(file) / index.tokenCount();
    } finally {
      Files.deleteIfExists(file);
    }

    // Outputs of 256 tokens: three verbatim passages of 20-40 tokens from Brown documents in Zipf
    // filler.
    SplittableRandom rnd = new SplittableRandom(3);
    int outputLength = 256;
    List<int[]> outputs = new ArrayList<>();
    List<int[]> filler = BenchCorpus.zipf(outputLength * 60L, 11);
    for (int qi = 0; qi < 60; qi++) {
      int[] out =
          filler.get(0).length >= (qi + 1) * outputLength
              ? Arrays.copyOfRange(filler.get(0), qi * outputLength, (qi + 1) * outputLength)
              : Arrays.copyOf(filler.get(qi % filler.size()), outputLength);
      for (int p = 0; p < 3; p++) {
        int[] src = brown.get(rnd.nextInt(brown.size()));
        int len = 20 + rnd.nextInt(21);
        int from = rnd.nextInt(src.length - len);
        System.arraycopy(src, from, out, 10 + p * 80, len);
      }
      outputs.add(out);
    }
    SpanConfig cfg = SpanConfig.DEFAULT;
    for (int w = 0; w < 10; w++) {
      sink(SpanMatcher.search(index, outputs.get(w), cfg).coveredTokens());
    }
    double[] times = new double[outputs.size()];
    double coverage = 0;
    for (int i = 0; i < outputs.size(); i++) {
      long s = System.nanoTime();
      SpanSearch r = SpanMatcher.search(index, outputs.get(i), cfg);
      times[i] = (System.nanoTime() - s) / 1e6;
      coverage += r.coverage() / outputs.size();
    }
    Arrays.sort(times);
    return new BenchReport.SpanCase(
        index.tokenCount(),
        index.documentCount(),
        sais,
        lcp,
        build,
        bytesPerToken,
        outputLength,
        times[times.length / 2],
        times[(int) (times.length * 0.9)],
        coverage);
  }

  private static BenchReport.SuffixArrayCase saCase(String name, byte[] bytes) {
    int[] t = new int[bytes.length];
    for (int i = 0; i < t.length; i++) {
      t[i] = bytes[i] & 0xff;
    }
    double[] s = new double[3];
    for (int r = 0; r < s.length; r++) {
      long t0 = System.nanoTime();
      sink(SuffixArrays.build(t, 256)[0]);
      s[r] = (System.nanoTime() - t0) / 1e9;
    }
    Arrays.sort(s);
    return new BenchReport.SuffixArrayCase(name, bytes.length, s[1]);
  }

  private static double median(int reps, Runnable r) {
    r.run();
    r.run();
    double[] t = new double[reps];
    for (int i = 0; i < reps; i++) {
      long t0 = System.nanoTime();
      r.run();
      t[i] = (System.nanoTime() - t0) / 1e6;
    }
    Arrays.sort(t);
    return t[reps / 2];
  }

  private static float[] randomRow(SplittableRandom rnd, int dim) {
    float[] v = new float[dim];
    for (int i = 0; i < dim; i++) {
      v[i] = (float) (rnd.nextDouble() - 0.5);
    }
    return v;
  }

  private static volatile double blackhole;

  private static void sink(double v) {
    blackhole += v;
  }

  private static String cpuModel() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
    } catch (IOException e) {
      return System.getProperty("os.arch");
    }
    return System.getProperty("os.arch");
  }

  public static void print(BenchReport r, PrintStream out) {
    out.printf(
        "attribution benchmark — %s, %d cores, load %.2f, %d scoring threads%n",
        r.cpu(), r.cores(), r.loadAverage(), r.threads());
    BenchReport.ProjectionCase p = r.projection();
    out.printf(
        "projection: %s — %,d LoRA parameters -> %,d dims: %.3f ms per gradient%n",
        p.model(), p.sourceDim(), p.projectedDim(), p.msPerRow());
    for (BenchReport.GradientCase g : r.gradient()) {
      out.printf(
          "gradient track, n=%,d rows x %d dims: DataInf %.1f ms, grad-dot %.1f ms per query; store %.0f B/row,"
              + " write %.2f s, open+verify %.2f s%n",
          g.rows(),
          g.storedDim(),
          g.dataInfMs(),
          g.gradDotMs(),
          g.storeBytesPerRow(),
          g.writeSeconds(),
          g.openSeconds());
    }
    BenchReport.SpanCase s = r.span();
    out.printf(
        "span track, %,d tokens in %,d documents: SA-IS %.2f s, Kasai LCP %.2f s, full build %.2f s, index %.1f B/token;"
            + " lookup of a %d-token output: median %.2f ms, p90 %.2f ms (mean coverage %.2f)%n",
        s.tokens(),
        s.documents(),
        s.saisSeconds(),
        s.lcpSeconds(),
        s.buildSeconds(),
        s.indexBytesPerToken(),
        s.outputLength(),
        s.lookupMs(),
        s.lookupP90Ms(),
        s.meanCoverage());
    for (BenchReport.SuffixArrayCase c : r.suffixArray()) {
      out.printf("SA-IS on %s (%,d bytes): %.3f s%n", c.input(), c.bytes(), c.saisSeconds());
    }
  }
}
