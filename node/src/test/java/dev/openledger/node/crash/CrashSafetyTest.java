package dev.openledger.node.crash;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openledger.core.Result;
import dev.openledger.core.crypto.Hash;
import dev.openledger.core.crypto.KeyPair;
import dev.openledger.core.money.Amount;
import dev.openledger.ledger.engine.Chain;
import dev.openledger.ledger.engine.ChainVerifier;
import dev.openledger.ledger.genesis.ChainParams;
import dev.openledger.ledger.genesis.DevnetGenesis;
import dev.openledger.ledger.genesis.Genesis;
import dev.openledger.ledger.msg.Transfer;
import dev.openledger.ledger.store.RocksLedgerStore;
import dev.openledger.ledger.store.TxLocation;
import dev.openledger.ledger.tx.SignedTransaction;
import dev.openledger.ledger.tx.Transaction;
import dev.openledger.node.api.view.TxView;
import dev.openledger.node.client.ClientException;
import dev.openledger.node.client.LedgerClient;
import dev.openledger.node.home.NodeConfig;
import dev.openledger.node.home.NodeHome;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety: the node runs as a separate process; clients stream transfers; the process is killed
 * with SIGKILL at a random moment, several times, and restarted. Every transaction a client saw committed
 * must still be committed at the same place, the heights must be contiguous, and replaying every block
 * from genesis must reproduce every state root.
 */
class CrashSafetyTest {
  static final int ROUNDS = 5;
  static final Amount FEE = Amount.ofNano(10_000);
  static final List<String> SENDERS = List.of("alice", "bob", "carol");
  static final Pattern API = Pattern.compile("API on (http://\\S+)");

  @TempDir Path dir;

  /** Transactions a client saw committed, with where it saw them. */
  final Map<Hash, TxLocation> acknowledged = new ConcurrentHashMap<>();

  @Test
  void acknowledgedTransactionsSurviveSigkillAndTheChainReplays() throws Exception {
    NodeHome home = NodeHome.at(dir.resolve("home"));
    Genesis genesis = home.init(DevnetGenesis.bytes(new ChainParams(50, false, 16 * 1024, 2000, FEE)), new NodeConfig(NodeConfig.DEFAULT_HOST, 0)).orElseThrow();
    Random rnd = new Random(20261127L);
    long lastHeight = -1;
    for (int round = 0; round < ROUNDS; round++) {
      Process node = startNode(home, round);
      try {
        LedgerClient client = new LedgerClient(awaitUrl(node, round));
        long height = awaitReady(client);
        assertThat(height).as("height after restart %d", round).isGreaterThanOrEqualTo(lastHeight);
        checkAcknowledged(client);

        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> clients = new ArrayList<>();
        for (String name : SENDERS) {
          Thread t = new Thread(() -> stream(client, DevnetGenesis.key(name), stop), "client-" + name);
          t.start();
          clients.add(t);
        }
        Thread.sleep(300 + rnd.nextInt(1200));
        node.destroyForcibly(); // SIGKILL: no shutdown hook, no flush
        assertThat(node.waitFor(30, TimeUnit.SECONDS)).isTrue();
        stop.set(true);
        for (Thread t : clients) {
          t.join(30_000);
        }
        lastHeight = acknowledged.values().stream().mapToLong(TxLocation::height).max().orElse(height);
      } finally {
        node.destroyForcibly();
        node.waitFor(30, TimeUnit.SECONDS);
      }
    }
    assertThat(acknowledged).as("transactions acknowledged over all rounds").hasSizeGreaterThan(10);

    // one more restart: everything acknowledged is there, then the whole chain replays from genesis
    Process node = startNode(home, ROUNDS);
    try {
      LedgerClient client = new LedgerClient(awaitUrl(node, ROUNDS));
      awaitReady(client);
      checkAcknowledged(client);
    } finally {
      node.destroyForcibly();
      node.waitFor(30, TimeUnit.SECONDS);
    }
    try (RocksLedgerStore store = RocksLedgerStore.open(home.dataDir(), true)) {
      for (Map.Entry<Hash, TxLocation> e : acknowledged.entrySet()) {
        assertThat(store.txLocation(e.getKey())).as("acknowledged %s", e.getKey()).contains(e.getValue());
      }
      for (long h = 1; h <= store.height(); h++) {
        assertThat(store.block(h).orElseThrow().header().prevHash()).isEqualTo(store.block(h - 1).orElseThrow().hash());
      }
      Result<ChainVerifier.Report> replay = ChainVerifier.verify(store, Chain.of(genesis));
      assertThat(replay.isOk()).as(replay.toString()).isTrue();
      assertThat(replay.orElseThrow().stateRoots()).hasSize((int) store.height() + 1);
      assertThat(replay.orElseThrow().finalStateRoot()).isEqualTo(store.block(store.height()).orElseThrow().header().stateRoot());
    }
  }

  /** A client: keeps a few transfers in flight and records those it sees committed, until the node dies. */
  private void stream(LedgerClient client, KeyPair from, AtomicBoolean stop) {
    KeyPair to = DevnetGenesis.key("dave");
    try {
      while (!stop.get()) {
        long nonce = client.account(from.address(), false).nonce();
        List<SignedTransaction> batch = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
          batch.add(new Transaction(DevnetGenesis.CHAIN_ID, from.publicKey(), nonce + i, FEE, new Transfer(to.address(), Amount.ofNano(1 + i))).sign(from));
        }
        for (SignedTransaction tx : batch) {
          client.submit(tx);
        }
        for (SignedTransaction tx : batch) {
          TxView v = client.awaitFinal(tx.hash(), java.time.Duration.ofSeconds(20));
          if (v.isCommitted()) {
            acknowledged.put(tx.hash(), new TxLocation(v.height(), v.index()));
          }
        }
      }
    } catch (ClientException e) {
      // the node was killed: this client's round is over
    }
  }

  private void checkAcknowledged(LedgerClient client) {
    for (Map.Entry<Hash, TxLocation> e : acknowledged.entrySet()) {
      Optional<TxView> v = client.tx(e.getKey());
      assertThat(v).as("acknowledged tx %s after restart", e.getKey()).isPresent();
      assertThat(v.get().isCommitted()).isTrue();
      assertThat(new TxLocation(v.get().height(), v.get().index())).isEqualTo(e.getValue());
    }
  }

  private Process startNode(NodeHome home, int round) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classpath = Optional.ofNullable(System.getProperty("surefire.test.class.path")).orElse(System.getProperty("java.class.path"));
    ProcessBuilder pb =
        new ProcessBuilder(
            java, "--add-modules", "jdk.incubator.vector", "-Xmx512m", "-XX:+UseSerialGC", "-cp", classpath,
            "dev.openledger.node.cli.Main", "node", "--home", home.root().toString(), "--port", "0");
    pb.redirectOutput(dir.resolve("node-" + round + ".out").toFile());
    pb.redirectError(dir.resolve("node-" + round + ".err").toFile());
    pb.environment().remove("OPENLEDGER_PASSWORD");
    return pb.start();
  }

  private String awaitUrl(Process node, int round) throws Exception {
    File out = dir.resolve("node-" + round + ".out").toFile();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (out.exists()) {
        Matcher m = API.matcher(Files.readString(out.toPath()));
        if (m.find()) {
          return m.group(1);
        }
      }
      if (!node.isAlive()) {
        throw new AssertionError("node exited with " + node.exitValue() + ": " + Files.readString(dir.resolve("node-" + round + ".err")));
      }
      Thread.sleep(50);
    }
    throw new AssertionError("node did not start: " + Files.readString(dir.resolve("node-" + round + ".err")));
  }

  private static long awaitReady(LedgerClient client) throws InterruptedException {
    for (int i = 0; i < 200; i++) {
      try {
        return client.status().height();
      } catch (ClientException.Unreachable e) {
        Thread.sleep(50);
      }
    }
    throw new AssertionError("node API not answering");
  }
}
