package dev.openledger.node.bench;

import dev.openledger.core.crypto.KeyPair;
import dev.openledger.core.crypto.Signature;
import dev.openledger.ledger.cluster.ClusterConfig;
import dev.openledger.ledger.cluster.ClusterOptions;
import dev.openledger.ledger.membership.ClusterSpec;
import dev.openledger.ledger.cluster.RatisEngine;
import dev.openledger.ledger.membership.Validator;
import dev.openledger.ledger.membership.ValidatorSet;
import dev.openledger.ledger.engine.Chain;
import dev.openledger.ledger.engine.EmbeddedEngine;
import dev.openledger.ledger.engine.EngineOptions;
import dev.openledger.ledger.engine.LedgerEngine;
import dev.openledger.ledger.genesis.Genesis;
import dev.openledger.ledger.genesis.GenesisFile;
import dev.openledger.ledger.store.RocksLedgerStore;
import dev.openledger.ledger.tx.SignedTransaction;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * {@code openledger bench cluster}: the same signed-transfer workload through the embedded engine and through
 * Ratis clusters of 1, 3 and 5 validators in this process (loopback gRPC, RocksDB with fsync on every node,
 * Raft log fsync), submitted to the leader with a bounded window of transfers awaiting their outcome. A block
 * is one log entry, so the batching is the block: transactions per log entry = transfers / blocks.
 */
public final class ClusterBench {
  private ClusterBench() {}

  /**
   * What to run.
   *
   * @param txs transfers measured per configuration
   * @param accounts distinct senders
   * @param maxBlockTxs most transactions per block (= per log entry)
   * @param blockTimeMs block interval
   * @param sizes cluster sizes to measure
   */
  public record Config(int txs, int accounts, int maxBlockTxs, long blockTimeMs, List<Integer> sizes) {
    public Config {
      if (txs < accounts || accounts < 1 || maxBlockTxs < 1 || blockTimeMs < 10 || sizes.isEmpty()) {
        throw new IllegalArgumentException("bench cluster needs txs >= accounts >= 1, maxBlockTxs >= 1, blockTimeMs >= 10, a size");
      }
      sizes = List.copyOf(sizes);
    }
  }

  /**
   * One configuration's figures.
   *
   * @param engine {@code embedded} or {@code ratis-N}
   * @param validators replicas (1 for the embedded engine)
   * @param txs transfers measured
   * @param seconds first submission to last outcome
   * @param txPerSecond committed transfers per second
   * @param latencyP50Millis submit → committed on the node submitted to, median
   * @param latencyP99Millis the same, 99th percentile
   * @param blocks blocks (log entries carrying transactions) in the measured phase
   * @param txPerBlock transfers per block, i.e. per Raft log entry
   */
  public record Row(String engine, int validators, int txs, double seconds, double txPerSecond, double latencyP50Millis, double latencyP99Millis, long blocks, double txPerBlock) {}

  /**
   * The whole run.
   *
   * @param machine where
   * @param accounts senders
   * @param maxBlockTxs most transactions per block
   * @param blockTimeMs block interval
   * @param rows one per configuration
   */
  public record Result(MachineInfo machine, int accounts, int maxBlockTxs, long blockTimeMs, List<Row> rows) {}

  public static Result run(Config cfg, PrintWriter progress) throws Exception {
    MachineInfo machine = MachineInfo.current();
    int perAccount = cfg.txs() / cfg.accounts();
    int warmupRounds = Math.max(1, perAccount / 4);
    progress.printf("preparing %d accounts and %d signed transfers per configuration...%n", cfg.accounts(), perAccount * cfg.accounts());
    progress.flush();
    List<KeyPair> keys = IntStream.range(0, cfg.accounts()).parallel().mapToObj(i -> KeyPair.insecureFromLabel("bench-" + i)).toList();
    SignedTransaction[] warmup = LedgerBench.sign(keys, 0, warmupRounds);
    SignedTransaction[] txs = LedgerBench.sign(keys, warmupRounds, perAccount);
    List<Row> rows = new ArrayList<>();
    // A whole unreported pass first, so that the first configuration measured does not pay for the JIT.
    progress.println("warm-up pass (not reported)...");
    embedded(cfg, keys, warmup, txs, progress);
    rows.add(embedded(cfg, keys, warmup, txs, progress));
    for (int n : cfg.sizes()) {
      rows.add(cluster(cfg, n, keys, warmup, txs, progress));
    }
    return new Result(machine, cfg.accounts(), cfg.maxBlockTxs(), cfg.blockTimeMs(), rows);
  }

  private static Row embedded(Config cfg, List<KeyPair> keys, SignedTransaction[] warmup, SignedTransaction[] txs, PrintWriter progress) throws Exception {
    Genesis g = GenesisFile.parse(GenesisFile.write(LedgerBench.genesisJson(keys, cfg.maxBlockTxs(), cfg.blockTimeMs()))).orElseThrow();
    Path dir = Files.createTempDirectory("openledger-bench-embedded-");
    RocksLedgerStore store = RocksLedgerStore.open(dir, true);
    EmbeddedEngine engine = EmbeddedEngine.start(Chain.of(g), store, KeyPair.insecureFromLabel("bench-sequencer"), EngineOptions.defaults());
    try {
      progress.println("embedded engine...");
      progress.flush();
      return measure("embedded", 1, engine, cfg, warmup, txs);
    } finally {
      engine.close();
      store.close();
      LedgerBench.deleteRecursively(dir);
    }
  }

  private static Row cluster(Config cfg, int n, List<KeyPair> keys, SignedTransaction[] warmup, SignedTransaction[] txs, PrintWriter progress) throws Exception {
    List<Validator> vs = new ArrayList<>();
    List<KeyPair> vkeys = new ArrayList<>();
    Map<String, String> peers = new LinkedHashMap<>();
    for (int i = 1; i <= n; i++) {
      KeyPair k = KeyPair.insecureFromLabel("bench-validator-" + i);
      vkeys.add(k);
      vs.add(Validator.of("n" + i, k.publicKey()));
      peers.put("n" + i, "127.0.0.1:" + freePort());
    }
    KeyPair sequencer = KeyPair.insecureFromLabel("bench-sequencer");
    ClusterSpec spec = new ClusterSpec(new ValidatorSet(0, vs));
    Genesis g = GenesisFile.parse(GenesisFile.write(spec.addTo(LedgerBench.genesisJson(keys, cfg.maxBlockTxs(), cfg.blockTimeMs())))).orElseThrow();
    Signature genesisSig = RatisEngine.signGenesis(Chain.of(g), sequencer);
    Path dir = Files.createTempDirectory("openledger-bench-cluster-");
    ClusterOptions options = ClusterOptions.defaults().withVerifierThreads(Math.max(1, Runtime.getRuntime().availableProcessors() / Math.min(n, 2)));
    List<RatisEngine> engines = new ArrayList<>();
    try {
      progress.printf("Ratis cluster of %d...%n", n);
      progress.flush();
      for (int i = 1; i <= n; i++) {
        Path home = dir.resolve("n" + i);
        engines.add(RatisEngine.start(Chain.of(g), new ClusterConfig("n" + i, vkeys.get(i - 1), peers, false, home.resolve("ledger"), home.resolve("raft")), genesisSig, options));
      }
      RatisEngine leader = awaitLeader(engines, Duration.ofSeconds(60));
      return measure("ratis-" + n, n, leader, cfg, warmup, txs);
    } finally {
      for (RatisEngine e : engines) {
        e.close();
      }
      LedgerBench.deleteRecursively(dir);
    }
  }

  private static Row measure(String name, int validators, LedgerEngine engine, Config cfg, SignedTransaction[] warmup, SignedTransaction[] txs) throws InterruptedException {
    int window = 2 * cfg.maxBlockTxs();
    LedgerBench.runPhase(engine, warmup, window);
    long blocks0 = engine.reader().height();
    long[] latencies = new long[txs.length];
    long t0 = System.nanoTime();
    LedgerBench.runPhase(engine, txs, window, latencies, new AtomicLong());
    double seconds = (System.nanoTime() - t0) / 1e9;
    long blocks = engine.reader().height() - blocks0;
    Arrays.sort(latencies);
    return new Row(
        name, validators, txs.length, seconds, txs.length / seconds, latencies[latencies.length / 2] / 1e6, latencies[(int) Math.min(latencies.length - 1, Math.ceil(latencies.length * 0.99) - 1)] / 1e6,
        blocks, blocks == 0 ? 0 : (double) txs.length / blocks);
  }

  private static RatisEngine awaitLeader(List<RatisEngine> engines, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      for (RatisEngine e : engines) {
        if (e.isLeader() && e.clusterStatus().role().equals("LEADER")) {
          return e;
        }
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException("no leader elected within " + timeout.toSeconds() + " s");
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
