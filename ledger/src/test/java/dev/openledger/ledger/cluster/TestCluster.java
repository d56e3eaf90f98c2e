package dev.openledger.ledger.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import dev.openledger.core.crypto.KeyPair;
import dev.openledger.core.crypto.Signature;
import dev.openledger.core.money.Amount;
import dev.openledger.ledger.engine.Chain;
import dev.openledger.ledger.engine.MempoolLimits;
import dev.openledger.ledger.genesis.ChainParams;
import dev.openledger.ledger.genesis.DevnetGenesis;
import dev.openledger.ledger.genesis.Genesis;
import dev.openledger.ledger.genesis.GenesisFile;
import dev.openledger.ledger.genesis.GenesisFile.GenesisJson;
import dev.openledger.ledger.membership.ClusterSpec;
import dev.openledger.ledger.membership.Validator;
import dev.openledger.ledger.membership.ValidatorSet;
import dev.openledger.ledger.staking.Purpose;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * N validators in this JVM on loopback ports, each with its own store and Raft directory under one
 * root.
 */
final class TestCluster implements AutoCloseable {
  static final ChainParams PARAMS =
      new ChainParams(50, false, 16 * 1024, 2000, dev.openledger.ledger.TestChains.FEE);

  /** Validator keys n1..n7 are funded in genesis with this much OPEN each (fees, stake). */
  static final long VALIDATOR_FUNDS_OPEN = 10_000;

  static final int FUNDED_VALIDATORS = 7;

  final Genesis genesis;
  final Path root;
  final List<String> ids = new ArrayList<>();
  final Map<String, String> peers = new LinkedHashMap<>();
  final RatisEngine[] engines;
  final IntFunction<Chain> chains;
  ClusterOptions options;
  final Signature genesisSignature;

  private TestCluster(
      Path root, int n, ClusterOptions options, IntFunction<Chain> chainFor, Genesis genesis) {
    this.root = root;
    this.options = options;
    this.genesis = genesis;
    this.engines = new RatisEngine[n + 4];
    for (int i = 0; i < n + 4; i++) {
      ids.add("n" + (i + 1));
    }
    for (int i = 0; i < n; i++) {
      peers.put(ids.get(i), "127.0.0.1:" + freePort());
    }
    this.chains = chainFor;
    this.genesisSignature =
        RatisEngine.signGenesis(Chain.of(genesis), DevnetGenesis.sequencerKey());
  }

  static KeyPair key(int i) {
    return KeyPair.insecureFromLabel("test-validator-n" + (i + 1));
  }

  /**
   * The devnet allocations with an {@code n}-validator cluster section and the validator keys
   * funded.
   */
  static Genesis genesis(int n, ChainParams params) {
    return genesis(n, params, g -> {});
  }

  /**
   * As {@link #genesis(int, ChainParams)}, then adjusted by {@code edit} (genesis stakes,
   * governance timings).
   */
  static Genesis genesis(int n, ChainParams params, Consumer<GenesisJson> edit) {
    List<Validator> vs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      vs.add(Validator.of("n" + (i + 1), key(i).publicKey()));
    }
    ClusterSpec spec = new ClusterSpec(new ValidatorSet(0, vs));
    GenesisJson json = spec.addTo(DevnetGenesis.json(params));
    Map<String, Address> funded = new LinkedHashMap<>();
    for (int i = 0; i < FUNDED_VALIDATORS; i++) {
      funded.put("validator-n" + (i + 1), key(i).address());
    }
    json = DevnetGenesis.fundFromEcosystem(json, funded, Amount.ofOpen(VALIDATOR_FUNDS_OPEN));
    edit.accept(json);
    return GenesisFile.parse(GenesisFile.write(json)).orElseThrow();
  }

  /** Adds a genesis stake of {@code open} OPEN in pool 1 for {@code purpose}. */
  static void stake(GenesisJson json, Address owner, Purpose purpose, long open) {
    DevnetGenesis.addGenesisStake(json, owner, 1, purpose, Amount.ofOpen(open));
  }

  /** Governance in seconds: no voting delay, a 2 s voting period, no timelock. */
  static void fastGovernance(GenesisJson json) {
    ObjectNode gov = (ObjectNode) json.modules().get("gov").get("params");
    gov.put("votingDelaySeconds", 0).put("votingPeriodSeconds", 2).put("timelockSeconds", 0);
  }

  static ClusterOptions testOptions() {
    return new ClusterOptions(
        2,
        MempoolLimits.defaults(),
        System::currentTimeMillis,
        Duration.ofMillis(600),
        10_000,
        1L << 20,
        Duration.ofMillis(100),
        new ClusterOptions.SlashReporting(true, Duration.ofMillis(300)),
        EvidenceSink.NONE);
  }

  static TestCluster create(Path root, int n) {
    Genesis g = genesis(n, PARAMS);
    return new TestCluster(root, n, testOptions(), i -> Chain.of(g), g);
  }

  static TestCluster create(Path root, int n, ClusterOptions options, IntFunction<Chain> chainFor) {
    return new TestCluster(root, n, options, chainFor, genesis(n, PARAMS));
  }

  /** A cluster of {@code genesis} with the standard chain on every node. */
  static TestCluster create(Path root, int n, Genesis genesis) {
    return new TestCluster(root, n, testOptions(), i -> Chain.of(genesis), genesis);
  }

  /** A cluster of {@code genesis} with a chain of its own per node. */
  static TestCluster create(Path root, int n, Genesis genesis, IntFunction<Chain> chainFor) {
    return new TestCluster(root, n, testOptions(), chainFor, genesis);
  }

  int size() {
    return peers.size();
  }

  ClusterConfig config(int i, boolean joining) {
    String id = ids.get(i);
    return new ClusterConfig(
        id,
        key(i),
        peers,
        joining,
        root.resolve(id).resolve("ledger"),
        root.resolve(id).resolve("raft"));
  }

  RatisEngine start(int i) {
    return start(i, false);
  }

  RatisEngine start(int i, boolean joining) {
    assertThat(engines[i]).as("node %d already runs", i).isNull();
    engines[i] = RatisEngine.start(chains.apply(i), config(i, joining), genesisSignature, options);
    return engines[i];
  }

  void startAll() {
    for (int i = 0; i < size(); i++) {
      start(i);
    }
  }

  void stop(int i) {
    RatisEngine e = engines[i];
    engines[i] = null;
    if (e != null) {
      e.close();
    }
  }

  RatisEngine engine(int i) {
    return engines[i];
  }

  /** A new peer's address (for membership tests). */
  String addPeer(int i) {
    String address = "127.0.0.1:" + freePort();
    peers.put(ids.get(i), address);
    return address;
  }

  List<Integer> running() {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < engines.length; i++) {
      if (engines[i] != null) {
        out.add(i);
      }
    }
    return out;
  }

  /** Waits until one running node leads and returns its index. */
  int awaitLeader(Duration timeout) {
    int[] found = {-1};
    await(
        timeout,
        "a leader among " + running(),
        () -> {
          for (int i : running()) {
            if (engines[i].isLeader() && engines[i].clusterStatus().role().equals("LEADER")) {
              found[0] = i;
              return true;
            }
          }
          return false;
        });
    return found[0];
  }

  /** Waits until every running node stores {@code height}. */
  void awaitHeight(long height, Duration timeout) {
    await(
        timeout,
        "height " + height + " on " + running(),
        () -> running().stream().allMatch(i -> engines[i].reader().height() >= height));
  }

  /** Waits until every running node is at the same height as the highest, and returns it. */
  long awaitConverged(Duration timeout) {
    long[] h = {0};
    await(
        timeout,
        "running nodes " + running() + " at one height",
        () -> {
          long max =
              running().stream().mapToLong(i -> engines[i].reader().height()).max().orElse(0);
          h[0] = max;
          return running().stream().allMatch(i -> engines[i].reader().height() == max);
        });
    return h[0];
  }

  /** The state root of every running node at {@code height}. */
  List<Hash> stateRoots(long height) {
    List<Hash> out = new ArrayList<>();
    for (int i : running()) {
      out.add(engines[i].reader().header(height).orElseThrow().header().stateRoot());
    }
    return out;
  }

  static void await(Duration timeout, String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "timed out after " + timeout.toSeconds() + " s waiting for " + what);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for " + what);
      }
    }
  }

  /**
   * A free loopback port below the kernel's ephemeral range: a stopped replica restarts on its old
   * port, and a port in that range may be handed meanwhile to any outgoing connection.
   */
  static int freePort() {
    int below = 32_768;
    try {
      String range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim();
      below = Math.max(12_000, Integer.parseInt(range.split("\\s+")[0]));
    } catch (IOException | RuntimeException e) {
      // not Linux: the usual lower bound
    }
    Random rnd = new Random();
    for (int attempt = 0; attempt < 1000; attempt++) {
      int port = 10_000 + rnd.nextInt(below - 10_000);
      try (ServerSocket s = new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
        return s.getLocalPort();
      } catch (IOException e) {
        // taken: another
      }
    }
    throw new UncheckedIOException(new IOException("no free loopback port below " + below));
  }

  @Override
  public void close() {
    for (int i = 0; i < engines.length; i++) {
      stop(i);
    }
  }
}
