package dev.openledger.node.bench;

import dev.openledger.core.crypto.KeyPair;
import dev.openledger.core.crypto.Signature;
import dev.openledger.core.money.Amount;
import dev.openledger.ledger.engine.Admission;
import dev.openledger.ledger.engine.Chain;
import dev.openledger.ledger.engine.EmbeddedEngine;
import dev.openledger.ledger.engine.EngineMetrics;
import dev.openledger.ledger.engine.EngineOptions;
import dev.openledger.ledger.engine.LedgerEngine;
import dev.openledger.ledger.engine.TxOutcome;
import dev.openledger.ledger.genesis.ChainParams;
import dev.openledger.ledger.genesis.Genesis;
import dev.openledger.ledger.genesis.GenesisFile;
import dev.openledger.ledger.genesis.GenesisFile.AllocationJson;
import dev.openledger.ledger.genesis.GenesisFile.GenesisJson;
import dev.openledger.ledger.genesis.GenesisFile.ParamsJson;
import dev.openledger.ledger.genesis.Vesting;
import dev.openledger.ledger.msg.Transfer;
import dev.openledger.ledger.store.InMemoryLedgerStore;
import dev.openledger.ledger.store.LedgerStore;
import dev.openledger.ledger.store.RocksLedgerStore;
import dev.openledger.ledger.tx.SignedTransaction;
import dev.openledger.ledger.tx.Transaction;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * {@code openledger bench ledger}: signed transfers per second, from submission to the durable
 * commit of their block, through the embedded engine (signatures checked in parallel before
 * ordering, one RocksDB write with fsync per block); and Ed25519 verifications per second, next to
 * OpenSSL's on the same machine.
 */
public final class LedgerBench {
  private static final String CHAIN = "openledger-bench";
  private static final Amount FEE = Amount.ofNano(10_000);
  private static final Amount FUNDING = Amount.ofOpen(1_000);

  private LedgerBench() {}

  /**
   * What to run.
   *
   * @param txs transfers in the measured phase; at most two blocks' worth await their outcome at a
   *     time
   * @param accounts distinct senders; each sends {@code txs / accounts} transfers to the next
   *     account
   * @param durable RocksDB with fsync per block (true) or the in-memory store
   * @param maxBlockTxs transactions per block
   * @param verifySeconds how long each signature-rate measurement runs
   * @param openSslSeconds {@code openssl speed -seconds}; 0 skips it
   */
  public record Config(
      int txs,
      int accounts,
      boolean durable,
      int maxBlockTxs,
      double verifySeconds,
      int openSslSeconds) {
    public Config {
      if (txs < 1
          || accounts < 1
          || txs < accounts
          || maxBlockTxs < 1
          || verifySeconds <= 0
          || openSslSeconds < 0) {
        throw new IllegalArgumentException(
            "bench needs txs >= accounts >= 1, maxBlockTxs >= 1, verifySeconds > 0");
      }
    }
  }

  /**
   * What was measured.
   *
   * @param machine where
   * @param store {@code rocksdb-fsync} or {@code memory}
   * @param txs transfers measured
   * @param accounts senders
   * @param committedOk transfers committed with an ok receipt (must equal txs)
   * @param seconds submission of the first to commit of the last
   * @param txPerSecond txs / seconds
   * @param latencyP50Millis submit → committed, median
   * @param latencyP99Millis submit → committed, 99th percentile
   * @param blocks blocks produced in the measured phase
   * @param cpuSeconds CPU time the whole process used during the measured phase (all threads, GC
   *     and RocksDB included)
   * @param txPerCpuSecond txs / cpuSeconds: the throughput per core, which the machine's load does
   *     not skew
   * @param cpuSecondsByThread where that CPU time went: verifier threads, the block producer, the
   *     notifier, the submitting thread, and the rest of the process (garbage collector, JIT
   *     compiler, RocksDB's native threads); for orientation also the wall time of GC pauses and of
   *     JIT compilation (not CPU time)
   * @param verifyPerSecondOneThread Ed25519 verifications per second on one thread (Bouncy Castle),
   *     wall clock
   * @param verifyPerCpuSecond the same per second of the thread's CPU time
   * @param verifyPerSecondAllThreads verifications per second on a thread per core, wall clock
   * @param openSslVerifyPerSecond {@code openssl speed ed25519} verify/s on one core (OpenSSL
   *     divides by user CPU time), when openssl ran
   * @param ratioToOpenSslAllCores txPerSecond / (cores × openSslVerifyPerSecond), wall clock, when
   *     openssl ran
   * @param cpuRatioToOpenSsl txPerCpuSecond / openSslVerifyPerSecond: the same ratio on CPU time,
   *     which equals the wall-clock ratio on an otherwise idle machine when the engine keeps every
   *     core busy
   */
  public record Result(
      MachineInfo machine,
      String store,
      int txs,
      int accounts,
      long committedOk,
      double seconds,
      double txPerSecond,
      double latencyP50Millis,
      double latencyP99Millis,
      long blocks,
      double cpuSeconds,
      double txPerCpuSecond,
      Map<String, Double> cpuSecondsByThread,
      double verifyPerSecondOneThread,
      double verifyPerCpuSecond,
      double verifyPerSecondAllThreads,
      Double openSslVerifyPerSecond,
      Double ratioToOpenSslAllCores,
      Double cpuRatioToOpenSsl) {}

  public static Result run(Config cfg, PrintWriter progress) throws Exception {
    MachineInfo machine = MachineInfo.current();
    int perAccount = cfg.txs() / cfg.accounts();
    int measured = perAccount * cfg.accounts();
    // Half as many rounds again warm the JIT up before measuring (the code paths run per
    // transaction and per block).
    int warmupRounds = Math.max(1, perAccount / 2);
    progress.printf(
        "preparing %d accounts and %d signed transfers (+%d warm-up)...%n",
        cfg.accounts(), measured, warmupRounds * cfg.accounts());
    progress.flush();
    List<KeyPair> keys =
        IntStream.range(0, cfg.accounts())
            .parallel()
            .mapToObj(i -> KeyPair.insecureFromLabel("bench-" + i))
            .toList();
    Genesis genesis = genesis(keys, cfg.maxBlockTxs());
    SignedTransaction[] warmup = sign(keys, 0, warmupRounds);
    SignedTransaction[] txs = sign(keys, warmupRounds, perAccount);

    // Signature rates first: this also lets the JIT compile the verification path before the engine
    // runs.
    progress.println("measuring Ed25519 verification...");
    progress.flush();
    double[] one = verifyRate(1, cfg.verifySeconds());
    double all = verifyRate(machine.cores(), cfg.verifySeconds())[0];

    Path dir = Files.createTempDirectory("openledger-bench-");
    LedgerStore store =
        cfg.durable() ? RocksLedgerStore.open(dir, true) : new InMemoryLedgerStore();
    Chain chain = Chain.of(genesis);
    EmbeddedEngine engine =
        EmbeddedEngine.start(
            chain, store, KeyPair.insecureFromLabel("bench-sequencer"), EngineOptions.defaults());
    double seconds;
    double cpuSeconds;
    Map<String, Double> byThread;
    long blocks;
    long[] latencies;
    long ok;
    try {
      runPhase(engine, warmup, 2 * cfg.maxBlockTxs());
      long blocksBefore = engine.metrics().blocksProduced();
      progress.printf("submitting %d transfers...%n", measured);
      progress.flush();
      latencies = new long[txs.length];
      AtomicLong okCount = new AtomicLong();
      Map<Long, Long> threads0 = threadCpuNanos();
      long gc0 = gcMillis();
      long jit0 = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
      long cpu0 = processCpuNanos();
      long t0 = System.nanoTime();
      runPhase(engine, txs, 2 * cfg.maxBlockTxs(), latencies, okCount);
      seconds = (System.nanoTime() - t0) / 1e9;
      cpuSeconds = (processCpuNanos() - cpu0) / 1e9;
      byThread = cpuByThreadGroup(threads0, threadCpuNanos(), cpuSeconds);
      byThread.put("(gc pauses, wall)", (gcMillis() - gc0) / 1e3);
      byThread.put(
          "(jit compiling, wall)",
          (ManagementFactory.getCompilationMXBean().getTotalCompilationTime() - jit0) / 1e3);
      EngineMetrics m = engine.metrics();
      blocks = m.blocksProduced() - blocksBefore;
      ok = okCount.get();
      List<String> violations = chain.machine().checkInvariants(store.state());
      if (!violations.isEmpty()) {
        throw new IllegalStateException("invariants broken after the benchmark: " + violations);
      }
    } finally {
      engine.close();
      store.close();
      deleteRecursively(dir);
    }
    Arrays.sort(latencies);
    Optional<Double> openssl = Optional.empty();
    if (cfg.openSslSeconds() > 0) {
      progress.printf("running openssl speed -seconds %d ed25519...%n", cfg.openSslSeconds());
      progress.flush();
      openssl = OpenSslSpeed.ed25519VerifyPerSecond(cfg.openSslSeconds());
    }
    double tps = measured / seconds;
    double tpc = measured / cpuSeconds;
    return new Result(
        machine,
        cfg.durable() ? "rocksdb-fsync" : "memory",
        measured,
        cfg.accounts(),
        ok,
        seconds,
        tps,
        latencies[latencies.length / 2] / 1e6,
        latencies[(int) Math.min(latencies.length - 1, Math.ceil(latencies.length * 0.99) - 1)]
            / 1e6,
        blocks,
        cpuSeconds,
        tpc,
        byThread,
        one[0],
        one[1],
        all,
        openssl.orElse(null),
        openssl.map(o -> tps / (machine.cores() * o)).orElse(null),
        openssl.map(o -> tpc / o).orElse(null));
  }

  static void runPhase(LedgerEngine engine, SignedTransaction[] txs, int window)
      throws InterruptedException {
    runPhase(engine, txs, window, new long[txs.length], new AtomicLong());
  }

  /**
   * Submits every transaction, keeping at most {@code window} of them awaiting their outcome (as
   * clients waiting for receipts would), and waits until each has an outcome; records submit →
   * outcome latencies.
   */
  static void runPhase(
      LedgerEngine engine, SignedTransaction[] txs, int window, long[] latencies, AtomicLong ok)
      throws InterruptedException {
    CountDownLatch done = new CountDownLatch(txs.length);
    Semaphore inFlight = new Semaphore(window);
    List<String> problems = java.util.Collections.synchronizedList(new ArrayList<>());
    for (int i = 0; i < txs.length; i++) {
      int idx = i;
      inFlight.acquire();
      long submitted = System.nanoTime();
      engine
          .submit(txs[i])
          .whenComplete(
              (admission, error) -> {
                if (error != null || admission instanceof Admission.Refused) {
                  problems.add(error != null ? error.toString() : admission.toString());
                  inFlight.release();
                  done.countDown();
                  return;
                }
                ((Admission.Accepted) admission)
                    .outcome()
                    .whenComplete(
                        (outcome, e2) -> {
                          latencies[idx] = System.nanoTime() - submitted;
                          if (outcome instanceof TxOutcome.Committed c && c.receipt().isOk()) {
                            ok.incrementAndGet();
                          } else {
                            problems.add(String.valueOf(outcome != null ? outcome : e2));
                          }
                          inFlight.release();
                          done.countDown();
                        });
              });
    }
    if (!done.await(10, TimeUnit.MINUTES)) {
      throw new IllegalStateException("transactions still pending after 10 minutes");
    }
    if (!problems.isEmpty()) {
      throw new IllegalStateException(
          problems.size() + " transfers did not commit; first: " + problems.get(0));
    }
  }

  /**
   * Nonces [from, from + rounds) of every account, round by round, each account paying the next.
   */
  static SignedTransaction[] sign(List<KeyPair> keys, int from, int rounds) {
    int n = keys.size();
    SignedTransaction[] out = new SignedTransaction[n * rounds];
    Amount amount = Amount.parse("0.001");
    IntStream.range(0, out.length)
        .parallel()
        .forEach(
            i -> {
              int round = i / n;
              int a = i % n;
              KeyPair k = keys.get(a);
              out[i] =
                  new Transaction(
                          CHAIN,
                          k.publicKey(),
                          from + round,
                          FEE,
                          new Transfer(keys.get((a + 1) % n).address(), amount))
                      .sign(k);
            });
    return out;
  }

  private static Genesis genesis(List<KeyPair> keys, int maxBlockTxs) {
    return GenesisFile.parse(GenesisFile.write(genesisJson(keys, maxBlockTxs, 100))).orElseThrow();
  }

  /**
   * The benchmark chain: the OPEN pools as module accounts and {@code keys} funded with 1,000 OPEN
   * each.
   */
  static GenesisJson genesisJson(List<KeyPair> keys, int maxBlockTxs, long blockTimeMs) {
    List<AllocationJson> allocs = new ArrayList<>();
    Amount funded = FUNDING.times(keys.size());
    allocs.add(
        new AllocationJson(
            "community", null, true, Amount.ofOpen(517_100_000), new Vesting(0, 48), null));
    allocs.add(
        new AllocationJson(
            "ecosystem",
            null,
            true,
            Amount.ofOpen(100_000_000).minus(funded),
            new Vesting(0, 48),
            "less the benchmark accounts"));
    allocs.add(
        new AllocationJson(
            "investors", null, true, Amount.ofOpen(182_900_000), new Vesting(12, 36), null));
    allocs.add(
        new AllocationJson(
            "team", null, true, Amount.ofOpen(150_000_000), new Vesting(12, 36), null));
    allocs.add(new AllocationJson("liquidity", null, true, Amount.ofOpen(50_000_000), null, null));
    for (int i = 0; i < keys.size(); i++) {
      allocs.add(
          new AllocationJson(
              "bench-" + i, keys.get(i).address(), null, FUNDING, null, "INSECURE benchmark key"));
    }
    ChainParams params = new ChainParams(blockTimeMs, false, 16 * 1024, maxBlockTxs, FEE);
    return new GenesisJson(
        CHAIN,
        "2026-01-01T00:00:00Z",
        KeyPair.insecureFromLabel("bench-sequencer").publicKey(),
        Amount.MAX_SUPPLY,
        ParamsJson.of(params),
        allocs,
        GenesisFile.noModules());
  }

  /** CPU time of every live Java thread, by thread id. */
  private static Map<Long, Long> threadCpuNanos() {
    java.lang.management.ThreadMXBean tm = java.lang.management.ManagementFactory.getThreadMXBean();
    Map<Long, Long> out = new HashMap<>();
    for (long id : tm.getAllThreadIds()) {
      long t = tm.getThreadCpuTime(id);
      if (t >= 0) {
        out.put(id, t);
      }
    }
    return out;
  }

  /**
   * CPU seconds per thread group between two snapshots; what no Java thread used is "gc, jit,
   * native".
   */
  private static Map<String, Double> cpuByThreadGroup(
      Map<Long, Long> before, Map<Long, Long> after, double total) {
    java.lang.management.ThreadMXBean tm = java.lang.management.ManagementFactory.getThreadMXBean();
    Map<String, Double> out = new TreeMap<>();
    double java = 0;
    for (Map.Entry<Long, Long> e : after.entrySet()) {
      java.lang.management.ThreadInfo info = tm.getThreadInfo(e.getKey());
      if (info == null) {
        continue;
      }
      double s = (e.getValue() - before.getOrDefault(e.getKey(), 0L)) / 1e9;
      String group = info.getThreadName().replaceAll("-\\d+$", "").replaceAll("\\d+$", "");
      if (s > 0.005) {
        out.merge(group, s, Double::sum);
        java += s;
      }
    }
    out.put("gc, jit, native", Math.max(0, total - java));
    return out;
  }

  private static long gcMillis() {
    long sum = 0;
    for (java.lang.management.GarbageCollectorMXBean gc :
        ManagementFactory.getGarbageCollectorMXBeans()) {
      sum += Math.max(0, gc.getCollectionTime());
    }
    return sum;
  }

  /** CPU time of the whole process so far. */
  private static long processCpuNanos() {
    java.lang.management.OperatingSystemMXBean os =
        java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
      return sun.getProcessCpuTime();
    }
    throw new IllegalStateException("this JVM does not report process CPU time");
  }

  /**
   * Ed25519 verifications of a 150-byte message on {@code threads} threads: per second of wall
   * clock, and per second of the threads' CPU time.
   */
  static double[] verifyRate(int threads, double seconds) throws Exception {
    KeyPair key = KeyPair.insecureFromLabel("bench-verify");
    byte[] msg =
        "openledger benchmark message of about a transaction's size.........................................................................."
            .getBytes(StandardCharsets.US_ASCII);
    Signature sig = key.sign(msg);
    long deadline = System.nanoTime() + (long) (seconds * 1e9);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<long[]>> counts = new ArrayList<>();
      long t0 = System.nanoTime();
      for (int t = 0; t < threads; t++) {
        counts.add(
            pool.submit(
                () -> {
                  java.lang.management.ThreadMXBean tm =
                      java.lang.management.ManagementFactory.getThreadMXBean();
                  long c0 = tm.getCurrentThreadCpuTime();
                  long n = 0;
                  // At least one round, even when a loaded machine starts this thread after the
                  // deadline.
                  do {
                    for (int i = 0; i < 64; i++) {
                      if (!key.publicKey().verify(msg, sig)) {
                        throw new IllegalStateException("a valid signature failed to verify");
                      }
                    }
                    n += 64;
                  } while (System.nanoTime() < deadline);
                  return new long[] {n, tm.getCurrentThreadCpuTime() - c0};
                }));
      }
      long total = 0;
      long cpu = 0;
      for (Future<long[]> f : counts) {
        total += f.get()[0];
        cpu += f.get()[1];
      }
      return new double[] {total / ((System.nanoTime() - t0) / 1e9), total / (cpu / 1e9)};
    } finally {
      pool.shutdownNow();
    }
  }

  static void deleteRecursively(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir, e);
    }
  }
}
