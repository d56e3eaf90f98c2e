package dev.openledger.node.bench;

import dev.openledger.core.crypto.KeyPair;
import dev.openledger.core.crypto.Signature;
import dev.openledger.core.money.Amount;
import dev.openledger.ledger.engine.Admission;
import dev.openledger.ledger.engine.Chain;
import dev.openledger.ledger.engine.EmbeddedEngine;
import dev.openledger.ledger.engine.EngineMetrics;
import dev.openledger.ledger.engine.EngineOptions;
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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * {@code openledger bench ledger}: signed transfers per second, from submission to the durable commit of
 * their block, through the embedded engine (signatures checked in parallel before ordering, one RocksDB
 * write with fsync per block); and Ed25519 verifications per second, next to OpenSSL's on the same machine.
 */
public final class LedgerBench {
  private static final String CHAIN = "openledger-bench";
  private static final Amount FEE = Amount.ofNano(10_000);
  private static final Amount FUNDING = Amount.ofOpen(1_000);

  private LedgerBench() {}

  /**
   * What to run.
   *
   * @param txs transfers in the measured phase
   * @param accounts distinct senders; each sends {@code txs / accounts} transfers to the next account
   * @param durable RocksDB with fsync per block (true) or the in-memory store
   * @param maxBlockTxs transactions per block
   * @param verifySeconds how long each signature-rate measurement runs
   * @param openSslSeconds {@code openssl speed -seconds}; 0 skips it
   */
  public record Config(int txs, int accounts, boolean durable, int maxBlockTxs, double verifySeconds, int openSslSeconds) {
    public Config {
      if (txs < 1 || accounts < 1 || txs < accounts || maxBlockTxs < 1 || verifySeconds <= 0 || openSslSeconds < 0) {
        throw new IllegalArgumentException("bench needs txs >= accounts >= 1, maxBlockTxs >= 1, verifySeconds > 0");
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
   * @param verifyPerSecondOneThread Ed25519 verifications per second on one thread (Bouncy Castle)
   * @param verifyPerSecondAllThreads the same on a thread per core
   * @param openSslVerifyPerSecond {@code openssl speed ed25519} verify/s (one core), when openssl ran
   * @param ratioToOpenSslAllCores txPerSecond / (cores × openSslVerifyPerSecond), when openssl ran
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
      double verifyPerSecondOneThread,
      double verifyPerSecondAllThreads,
      Double openSslVerifyPerSecond,
      Double ratioToOpenSslAllCores) {}

  public static Result run(Config cfg, PrintWriter progress) throws Exception {
    MachineInfo machine = MachineInfo.current();
    int perAccount = cfg.txs() / cfg.accounts();
    int measured = perAccount * cfg.accounts();
    int warmupRounds = Math.max(1, perAccount / 10);
    progress.printf("preparing %d accounts and %d signed transfers (+%d warm-up)...%n", cfg.accounts(), measured, warmupRounds * cfg.accounts());
    progress.flush();
    List<KeyPair> keys = IntStream.range(0, cfg.accounts()).parallel().mapToObj(i -> KeyPair.insecureFromLabel("bench-" + i)).toList();
    Genesis genesis = genesis(keys, cfg.maxBlockTxs());
    SignedTransaction[] warmup = sign(keys, 0, warmupRounds);
    SignedTransaction[] txs = sign(keys, warmupRounds, perAccount);

    Path dir = Files.createTempDirectory("openledger-bench-");
    LedgerStore store = cfg.durable() ? RocksLedgerStore.open(dir, true) : new InMemoryLedgerStore();
    Chain chain = Chain.of(genesis);
    EmbeddedEngine engine = EmbeddedEngine.start(chain, store, KeyPair.insecureFromLabel("bench-sequencer"), EngineOptions.defaults());
    double seconds;
    long blocks;
    long[] latencies;
    long ok;
    try {
      runPhase(engine, warmup);
      long blocksBefore = engine.metrics().blocksProduced();
      progress.printf("submitting %d transfers...%n", measured);
      progress.flush();
      latencies = new long[txs.length];
      AtomicLong okCount = new AtomicLong();
      long t0 = System.nanoTime();
      runPhase(engine, txs, latencies, okCount);
      seconds = (System.nanoTime() - t0) / 1e9;
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
    progress.println("measuring Ed25519 verification...");
    progress.flush();
    double one = verifyRate(1, cfg.verifySeconds());
    double all = verifyRate(machine.cores(), cfg.verifySeconds());
    Optional<Double> openssl = Optional.empty();
    if (cfg.openSslSeconds() > 0) {
      progress.printf("running openssl speed -seconds %d ed25519...%n", cfg.openSslSeconds());
      progress.flush();
      openssl = OpenSslSpeed.ed25519VerifyPerSecond(cfg.openSslSeconds());
    }
    double tps = measured / seconds;
    return new Result(
        machine,
        cfg.durable() ? "rocksdb-fsync" : "memory",
        measured,
        cfg.accounts(),
        ok,
        seconds,
        tps,
        latencies[latencies.length / 2] / 1e6,
        latencies[(int) Math.min(latencies.length - 1, Math.ceil(latencies.length * 0.99) - 1)] / 1e6,
        blocks,
        one,
        all,
        openssl.orElse(null),
        openssl.map(o -> tps / (machine.cores() * o)).orElse(null));
  }

  private static void runPhase(EmbeddedEngine engine, SignedTransaction[] txs) throws InterruptedException {
    runPhase(engine, txs, new long[txs.length], new AtomicLong());
  }

  /** Submits every transaction and waits until each has an outcome; records submit → outcome latencies. */
  private static void runPhase(EmbeddedEngine engine, SignedTransaction[] txs, long[] latencies, AtomicLong ok) throws InterruptedException {
    CountDownLatch done = new CountDownLatch(txs.length);
    List<String> problems = java.util.Collections.synchronizedList(new ArrayList<>());
    for (int i = 0; i < txs.length; i++) {
      int idx = i;
      long submitted = System.nanoTime();
      engine
          .submit(txs[i])
          .whenComplete(
              (admission, error) -> {
                if (error != null || admission instanceof Admission.Refused) {
                  problems.add(error != null ? error.toString() : admission.toString());
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
                          done.countDown();
                        });
              });
    }
    if (!done.await(10, TimeUnit.MINUTES)) {
      throw new IllegalStateException("transactions still pending after 10 minutes");
    }
    if (!problems.isEmpty()) {
      throw new IllegalStateException(problems.size() + " transfers did not commit; first: " + problems.get(0));
    }
  }

  /** Nonces [from, from + rounds) of every account, round by round, each account paying the next. */
  private static SignedTransaction[] sign(List<KeyPair> keys, int from, int rounds) {
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
              out[i] = new Transaction(CHAIN, k.publicKey(), from + round, FEE, new Transfer(keys.get((a + 1) % n).address(), amount)).sign(k);
            });
    return out;
  }

  private static Genesis genesis(List<KeyPair> keys, int maxBlockTxs) {
    List<AllocationJson> allocs = new ArrayList<>();
    Amount funded = FUNDING.times(keys.size());
    allocs.add(new AllocationJson("community", null, true, Amount.ofOpen(517_100_000), new Vesting(0, 48), null));
    allocs.add(new AllocationJson("ecosystem", null, true, Amount.ofOpen(100_000_000).minus(funded), new Vesting(0, 48), "less the benchmark accounts"));
    allocs.add(new AllocationJson("investors", null, true, Amount.ofOpen(182_900_000), new Vesting(12, 36), null));
    allocs.add(new AllocationJson("team", null, true, Amount.ofOpen(150_000_000), new Vesting(12, 36), null));
    allocs.add(new AllocationJson("liquidity", null, true, Amount.ofOpen(50_000_000), null, null));
    for (int i = 0; i < keys.size(); i++) {
      allocs.add(new AllocationJson("bench-" + i, keys.get(i).address(), null, FUNDING, null, "INSECURE benchmark key"));
    }
    ChainParams params = new ChainParams(100, false, 16 * 1024, maxBlockTxs, FEE);
    GenesisJson json =
        new GenesisJson(CHAIN, "2026-01-01T00:00:00Z", KeyPair.insecureFromLabel("bench-sequencer").publicKey(), Amount.MAX_SUPPLY, ParamsJson.of(params), allocs, GenesisFile.noModules());
    return GenesisFile.parse(GenesisFile.write(json)).orElseThrow();
  }

  /** Ed25519 verifications per second of a 150-byte message on {@code threads} threads. */
  static double verifyRate(int threads, double seconds) throws Exception {
    KeyPair key = KeyPair.insecureFromLabel("bench-verify");
    byte[] msg = "openledger benchmark message of about a transaction's size..........................................................................".getBytes(StandardCharsets.US_ASCII);
    Signature sig = key.sign(msg);
    long deadline = System.nanoTime() + (long) (seconds * 1e9);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Long>> counts = new ArrayList<>();
      long t0 = System.nanoTime();
      for (int t = 0; t < threads; t++) {
        counts.add(
            pool.submit(
                () -> {
                  long n = 0;
                  while (System.nanoTime() < deadline) {
                    for (int i = 0; i < 64; i++) {
                      if (!key.publicKey().verify(msg, sig)) {
                        throw new IllegalStateException("a valid signature failed to verify");
                      }
                    }
                    n += 64;
                  }
                  return n;
                }));
      }
      long total = 0;
      for (Future<Long> f : counts) {
        total += f.get();
      }
      return total / ((System.nanoTime() - t0) / 1e9);
    } finally {
      pool.shutdownNow();
    }
  }

  private static void deleteRecursively(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir, e);
    }
  }
}
