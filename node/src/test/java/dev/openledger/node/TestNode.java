package dev.openledger.node;

import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.KeyPair;
import dev.openledger.core.money.Amount;
import dev.openledger.ledger.genesis.ChainParams;
import dev.openledger.ledger.genesis.DevnetGenesis;
import dev.openledger.ledger.genesis.Genesis;
import dev.openledger.ledger.genesis.GenesisFile;
import dev.openledger.ledger.genesis.GenesisFile.GenesisJson;
import dev.openledger.ledger.msg.Message;
import dev.openledger.ledger.tx.SignedTransaction;
import dev.openledger.ledger.tx.Transaction;
import dev.openledger.node.home.NodeConfig;
import dev.openledger.node.home.NodeHome;
import dev.openledger.node.serving.ServingOptions;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/** A devnet node with 50 ms blocks on a free loopback port, for tests. */
public final class TestNode implements AutoCloseable {
  public static final Amount FEE = Amount.ofNano(10_000);
  public static final ChainParams PARAMS = new ChainParams(50, false, 16 * 1024, 5000, FEE);

  public final NodeHome home;
  public final Genesis genesis;
  public final LedgerNode node;

  public TestNode(Path dir) {
    this(dir, g -> {});
  }

  /**
   * A devnet node whose genesis is first adjusted by {@code edit} (e.g. shorter governance
   * timings).
   */
  public TestNode(Path dir, Consumer<GenesisJson> edit) {
    this(dir, edit, Optional.empty());
  }

  /** The same, serving approved models when {@code serving} is present. */
  public TestNode(Path dir, Consumer<GenesisJson> edit, Optional<ServingOptions> serving) {
    home = NodeHome.at(dir);
    NodeConfig config = new NodeConfig(NodeConfig.DEFAULT_HOST, 0);
    GenesisJson json = DevnetGenesis.json(PARAMS);
    edit.accept(json);
    genesis = home.init(GenesisFile.write(json), config).orElseThrow();
    node =
        LedgerNode.start(
            new LedgerNode.Setup(
                home, genesis, DevnetGenesis.sequencerKey(), config, serving, List.of()));
  }

  private TestNode(NodeHome home, Genesis genesis, LedgerNode node) {
    this.home = home;
    this.genesis = genesis;
    this.node = node;
  }

  /**
   * Starts a node again on the home of a closed one (same chain, same data, a new free port),
   * serving when {@code serving} is present.
   */
  public static TestNode reopen(Path dir, Optional<ServingOptions> serving) {
    NodeHome home = NodeHome.at(dir);
    Genesis genesis = home.genesis().orElseThrow();
    NodeConfig config = new NodeConfig(NodeConfig.DEFAULT_HOST, 0);
    LedgerNode node =
        LedgerNode.start(
            new LedgerNode.Setup(
                home, genesis, DevnetGenesis.sequencerKey(), config, serving, List.of()));
    return new TestNode(home, genesis, node);
  }

  public String url() {
    return node.url();
  }

  /** An account's balance at the node's head. */
  public Amount balance(Address a) {
    return node.engine().chain().bank().account(node.engine().reader().snapshot(), a).balance();
  }

  public static KeyPair key(String name) {
    return DevnetGenesis.key(name);
  }

  public static SignedTransaction tx(KeyPair from, long nonce, Message m) {
    return new Transaction(DevnetGenesis.CHAIN_ID, from.publicKey(), nonce, FEE, m).sign(from);
  }

  @Override
  public void close() {
    node.close();
  }

  /**
   * The first of {@code n} consecutive free loopback ports, below the kernel's ephemeral range: a
   * killed validator's ports must still be free when it restarts, and a port in that range may be
   * handed meanwhile to any outgoing connection as its local port.
   */
  public static int consecutiveFreePorts(int n) throws IOException {
    Random rnd = new Random();
    int below = ephemeralLow();
    for (int attempt = 0; attempt < 100; attempt++) {
      int base = 10_000 + rnd.nextInt(below - 10_000 - n);
      boolean free = true;
      for (int i = 0; i < n && free; i++) {
        try (ServerSocket s = new ServerSocket(base + i, 1, InetAddress.getLoopbackAddress())) {
          s.setReuseAddress(true);
        } catch (IOException e) {
          free = false;
        }
      }
      if (free) {
        return base;
      }
    }
    throw new IOException("no " + n + " consecutive free ports");
  }

  /** The first port of Linux's ephemeral range (32768 when it cannot be read). */
  static int ephemeralLow() {
    try {
      String range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim();
      return Math.max(12_000, Integer.parseInt(range.split("\\s+")[0]));
    } catch (IOException | RuntimeException e) {
      return 32_768;
    }
  }

  /**
   * Starts {@code openledger ARGS} in a new JVM on the test class path, its output appended to
   * {@code log} (stdout) and {@code log} + ".err" (stderr).
   */
  public static Process startProcess(Path log, List<String> args) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classpath =
        Optional.ofNullable(System.getProperty("surefire.test.class.path"))
            .orElse(System.getProperty("java.class.path"));
    List<String> cmd =
        new ArrayList<>(
            List.of(
                java,
                "--add-modules",
                "jdk.incubator.vector",
                "-Xmx384m",
                "-XX:+UseSerialGC",
                "-cp",
                classpath,
                "dev.openledger.node.cli.Main"));
    cmd.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    pb.redirectError(
        ProcessBuilder.Redirect.appendTo(log.resolveSibling(log.getFileName() + ".err").toFile()));
    pb.environment().remove("OPENLEDGER_PASSWORD");
    return pb.start();
  }

  /**
   * The last {@code lines} lines of a process's stdout and stderr logs (see {@link #startProcess}).
   */
  public static String processLog(Path log, int lines) {
    StringBuilder b = new StringBuilder();
    for (Path f : List.of(log.resolveSibling(log.getFileName() + ".err"), log)) {
      try {
        List<String> all = Files.exists(f) ? Files.readAllLines(f) : List.of();
        b.append("\n---- ")
            .append(f.getFileName())
            .append(" (last ")
            .append(lines)
            .append(" of ")
            .append(all.size())
            .append(" lines) ----\n");
        all.subList(Math.max(0, all.size() - lines), all.size())
            .forEach(l -> b.append(l).append('\n'));
      } catch (IOException e) {
        b.append("\n(").append(f).append(" unreadable: ").append(e).append(")\n");
      }
    }
    return b.toString();
  }

  /** Polls {@code condition} every 100 ms until it holds; fails after {@code timeout}. */
  public static void awaitTrue(Duration timeout, String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for " + what);
      }
    }
  }
}
