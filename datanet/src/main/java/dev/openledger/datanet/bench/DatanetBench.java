package dev.openledger.datanet.bench;

import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import dev.openledger.core.json.Json;
import dev.openledger.datanet.DatanetService;
import dev.openledger.datanet.DatanetSpec;
import dev.openledger.datanet.IngestResult;
import dev.openledger.datanet.dedup.Fingerprinter;
import dev.openledger.datanet.text.TextNormalizer;
import dev.openledger.datanet.validate.UsageSnapshot;
import dev.openledger.datanet.validate.ValidationParams;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * {@code openledger bench datanet [--json]}: ingestion throughput and duplicate-detection cost on
 * the Brown corpus.
 *
 * <p>Recipe: every Brown file except the probe files is one {@code .txt} contribution from one of
 * eight accounts, into one datanet, through the full path (validate, durable blob, staged record;
 * then register and accept). Throughput counts the {@code ingest} calls only. At each quarter of
 * the corpus the duplicate check ({@link DatanetService#findCopy}) is timed on three probe sets:
 * fresh rows (held-out files), exact copies (ingested rows, upper-cased) and near copies (ingested
 * rows with one word changed); the MinHash fingerprint alone is timed on the same rows.
 */
public final class DatanetBench {
  /** What to run. {@code files = 0} means every file but the probes. */
  public record Config(Path repoRoot, Path workDir, int files, int probeFiles) {}

  /** Duplicate-check cost with {@code indexRows} rows claimed. Times are microseconds per row. */
  public record DedupPoint(
      long indexRows,
      int probesPerKind,
      double fingerprintMicros,
      double freshMicros,
      double exactMicros,
      double nearMicros,
      double freshFlagged,
      double exactCaught,
      double nearCaught) {}

  /** The measured figures. */
  public record Report(
      int files,
      long rows,
      long rowsAccepted,
      java.util.SortedMap<String, Long> rowRejections,
      long bytes,
      double ingestSeconds,
      double rowsPerSecond,
      double megabytesPerSecond,
      double registerAcceptSeconds,
      List<DedupPoint> dedup,
      int cpus,
      double loadAverageAtStart,
      double loadAverageAtEnd) {}

  private static final int ACCOUNTS = 8;
  private static final int ROUNDS = 5;

  private DatanetBench() {}

  public static Report run(Config cfg) throws IOException {
    double loadAtStart = loadAverage();
    BrownCorpus brown = BrownCorpus.at(cfg.repoRoot());
    List<String> all = allFiles(brown);
    List<String> probes = all.subList(all.size() - cfg.probeFiles(), all.size());
    List<String> corpus =
        all.subList(
            0,
            cfg.files() > 0
                ? Math.min(cfg.files(), all.size() - cfg.probeFiles())
                : all.size() - cfg.probeFiles());
    Hash datanet = Hash.sha256("bench:brown".getBytes(StandardCharsets.UTF_8));
    List<Address> accounts = new ArrayList<>();
    for (int i = 0; i < ACCOUNTS; i++) {
      accounts.add(Address.module("bench-contributor-" + i));
    }
    Fingerprinter fingerprinter = new Fingerprinter(2, 40, 4);
    List<String> fresh = probeRows(brown, probes, 200);
    List<String> ingestedSample = new ArrayList<>();
    long rows = 0;
    long accepted = 0;
    long bytes = 0;
    long ingestNanos = 0;
    long reviewNanos = 0;
    List<DedupPoint> points = new ArrayList<>();
    java.util.SortedMap<String, Long> rejections = new java.util.TreeMap<>();
    try (DatanetService svc =
        DatanetService.open(cfg.workDir(), ValidationParams.defaults(), Clock.systemUTC())) {
      svc.createDatanet(
              new DatanetSpec(
                  datanet,
                  accounts.get(0),
                  "Brown corpus",
                  "American English prose, 1961",
                  "Fifteen genres of edited prose.",
                  List.of("english")))
          .orElseThrow();
      int nextCheckpoint = 1;
      for (int i = 0; i < corpus.size(); i++) {
        String text = brown.text(corpus.get(i));
        byte[] file = text.getBytes(StandardCharsets.UTF_8);
        long t0 = System.nanoTime();
        IngestResult r =
            svc.ingest(
                datanet,
                accounts.get(i % ACCOUNTS),
                corpus.get(i) + ".txt",
                file,
                UsageSnapshot.NONE);
        ingestNanos += System.nanoTime() - t0;
        bytes += file.length;
        rows += r.rows().size();
        r.rows()
            .forEach(
                d ->
                    d.rejection()
                        .ifPresent(x -> rejections.merge(x.reason().code(), 1L, Long::sum)));
        if (r instanceof IngestResult.Staged s) {
          accepted += s.rowsAccepted();
          long t1 = System.nanoTime();
          svc.register(s.contributionId()).orElseThrow();
          svc.accept(s.contributionId(), "bench").orElseThrow();
          reviewNanos += System.nanoTime() - t1;
          if (ingestedSample.size() < 200 && i % 3 == 0) {
            sample(svc, s, ingestedSample);
          }
        }
        if ((i + 1) * 4 >= nextCheckpoint * corpus.size()) {
          points.add(dedupPoint(svc, datanet, fingerprinter, accepted, fresh, ingestedSample));
          nextCheckpoint++;
        }
      }
    }
    double secs = ingestNanos / 1e9;
    return new Report(
        corpus.size(),
        rows,
        accepted,
        rejections,
        bytes,
        secs,
        rows / secs,
        bytes / (double) ValidationParams.MB / secs,
        reviewNanos / 1e9,
        points,
        Runtime.getRuntime().availableProcessors(),
        loadAtStart,
        loadAverage());
  }

  /** Keeps the text of up to two accepted rows of a staged file, as exact- and near-copy probes. */
  private static void sample(DatanetService svc, IngestResult.Staged s, List<String> out)
      throws IOException {
    int taken = 0;
    for (var d : s.rows()) {
      if (d.accepted() && taken < 2) {
        out.add(svc.row(d.rowId()).orElseThrow().text());
        taken++;
      }
    }
  }

  private static DedupPoint dedupPoint(
      DatanetService svc,
      Hash datanet,
      Fingerprinter fp,
      long indexRows,
      List<String> fresh,
      List<String> sample)
      throws IOException {
    List<String> exact = sample.stream().map(t -> t.toUpperCase(Locale.ROOT)).toList();
    List<String> near = sample.stream().map(DatanetBench::changeOneWord).toList();
    // Best of ROUNDS passes over each probe set: the first passes pay for JIT compilation and cold
    // caches.
    double fpMicros = Double.MAX_VALUE;
    double[] f = {Double.MAX_VALUE, 0};
    double[] e = {Double.MAX_VALUE, 0};
    double[] n = {Double.MAX_VALUE, 0};
    for (int round = 0; round < ROUNDS; round++) {
      long t0 = System.nanoTime();
      for (String t : fresh) {
        String key = TextNormalizer.dedupKey(t);
        fp.fingerprint(key, TextNormalizer.words(key));
      }
      fpMicros = Math.min(fpMicros, (System.nanoTime() - t0) / 1e3 / fresh.size());
      f = best(f, time(svc, datanet, fresh));
      e = best(e, time(svc, datanet, exact));
      n = best(n, time(svc, datanet, near));
    }
    return new DedupPoint(indexRows, fresh.size(), fpMicros, f[0], e[0], n[0], f[1], e[1], n[1]);
  }

  private static double[] best(double[] a, double[] b) {
    return a[0] <= b[0] ? a : b;
  }

  /** {mean µs per row, fraction flagged as a copy}. */
  private static double[] time(DatanetService svc, Hash datanet, List<String> rows)
      throws IOException {
    int caught = 0;
    long t0 = System.nanoTime();
    for (String r : rows) {
      if (svc.findCopy(datanet, r).isPresent()) {
        caught++;
      }
    }
    return new double[] {
      (System.nanoTime() - t0) / 1e3 / rows.size(), caught / (double) rows.size()
    };
  }

  private static String changeOneWord(String text) {
    String[] w = text.split(" ");
    w[w.length / 2] = "zebra";
    return String.join(" ", w);
  }

  private static List<String> probeRows(BrownCorpus brown, List<String> files, int n)
      throws IOException {
    List<String> out = new ArrayList<>();
    for (String f : files) {
      for (String p : brown.paragraphs(f)) {
        if (p.split(" ").length >= 12 && out.size() < n) {
          out.add(p);
        }
      }
    }
    return out;
  }

  /**
   * Every corpus file, interleaving genres (ca01, cb01, …, ca02, …) so each quarter mixes all
   * genres.
   */
  private static List<String> allFiles(BrownCorpus brown) throws IOException {
    List<String> files = new ArrayList<>();
    for (char g : "abcdefghjklmnpr".toCharArray()) {
      files.addAll(brown.files(g));
    }
    files.sort(
        Comparator.comparing((String s) -> s.substring(2)).thenComparing(s -> s.substring(0, 2)));
    return files;
  }

  private static double loadAverage() {
    return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  /** The human summary. */
  public static void print(Report r, PrintStream out) {
    out.printf(
        Locale.ROOT,
        "datanet ingestion: %d Brown files, %d rows (%d accepted), %.2f MB%n",
        r.files(),
        r.rows(),
        r.rowsAccepted(),
        r.bytes() / (double) ValidationParams.MB);
    out.println("  rows refused: " + (r.rowRejections().isEmpty() ? "none" : r.rowRejections()));
    out.printf(
        Locale.ROOT,
        "  ingest (validate + durable blob + staged record): %.2f s  ->  %.0f rows/s, %.2f MB/s%n",
        r.ingestSeconds(),
        r.rowsPerSecond(),
        r.megabytesPerSecond());
    out.printf(
        Locale.ROOT,
        "  register + accept (claims, corpus statistics): %.2f s%n",
        r.registerAcceptSeconds());
    out.println("duplicate check per row (µs), by rows already in the index:");
    out.println(
        "  index rows   fingerprint   fresh   exact copy   near copy   fresh flagged   exact caught   near caught");
    for (DedupPoint p : r.dedup()) {
      out.printf(
          Locale.ROOT,
          "  %10d   %11.1f   %5.1f   %10.1f   %9.1f   %12.1f%%   %11.1f%%   %10.1f%%%n",
          p.indexRows(),
          p.fingerprintMicros(),
          p.freshMicros(),
          p.exactMicros(),
          p.nearMicros(),
          100 * p.freshFlagged(),
          100 * p.exactCaught(),
          100 * p.nearCaught());
    }
    out.printf(
        Locale.ROOT,
        "cpus %d, one-minute load average %.2f at start, %.2f at end%n",
        r.cpus(),
        r.loadAverageAtStart(),
        r.loadAverageAtEnd());
  }

  /**
   * {@code [--json] [--files N] [--repo-root DIR]}; works in a fresh temporary directory, removed
   * afterwards.
   */
  public static void main(String[] args) throws IOException {
    boolean json = false;
    int files = 0;
    Path root = Path.of(System.getProperty("openledger.repo.root", "."));
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--json" -> json = true;
        case "--files" -> files = Integer.parseInt(args[++i]);
        case "--repo-root" -> root = Path.of(args[++i]);
        default ->
            throw new IllegalArgumentException(
                "unknown option " + args[i] + "; use [--json] [--files N] [--repo-root DIR]");
      }
    }
    Report r = runInTempDir(root, files);
    if (json) {
      System.out.println(Json.writePretty(r));
    } else {
      print(r, System.out);
    }
  }

  /**
   * Runs with 20 probe files in a fresh temporary directory, removed afterwards (what the CLI
   * calls).
   */
  public static Report runInTempDir(Path repoRoot, int files) throws IOException {
    Path work = Files.createTempDirectory("datanet-bench");
    try {
      return run(new Config(repoRoot, work, files, 20));
    } finally {
      deleteTree(work);
    }
  }

  /** Removes a directory tree (the benchmark's working copy). */
  public static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
