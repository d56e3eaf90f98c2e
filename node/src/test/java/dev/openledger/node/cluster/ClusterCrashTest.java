package dev.openledger.node.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openledger.core.Result;
import dev.openledger.core.crypto.Hash;
import dev.openledger.core.crypto.KeyPair;
import dev.openledger.core.crypto.PublicKey;
import dev.openledger.core.money.Amount;
import dev.openledger.ledger.engine.Chain;
import dev.openledger.ledger.engine.ChainVerifier;
import dev.openledger.ledger.genesis.DevnetGenesis;
import dev.openledger.ledger.genesis.Genesis;
import dev.openledger.ledger.membership.ClusterSpec;
import dev.openledger.ledger.membership.Validator;
import dev.openledger.ledger.msg.Transfer;
import dev.openledger.ledger.store.RocksLedgerStore;
import dev.openledger.ledger.store.TxLocation;
import dev.openledger.ledger.tx.SignedTransaction;
import dev.openledger.ledger.tx.Transaction;
import dev.openledger.node.TestNode;
import dev.openledger.node.api.view.ClusterView;
import dev.openledger.node.api.view.TxView;
import dev.openledger.node.cli.Main;
import dev.openledger.node.client.ClientException;
import dev.openledger.node.client.LedgerClient;
import dev.openledger.node.home.NodeHome;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three validators as separate {@code openledger node} processes made by {@code init --validators
 * 3}; clients stream transfers through the HTTP API (failing over between validators); the leader
 * is killed with SIGKILL four times and restarted. Afterwards every replica holds the same chain,
 * every acknowledged transfer is in it exactly once where its client saw it, no refused one is, and
 * the chain replays from genesis.
 */
class ClusterCrashTest {
  static final int NODES = 3;
  static final int ROUNDS = 4;
  static final Amount FEE = Amount.ofNano(10_000);
  static final List<String> SENDERS = List.of("alice", "bob", "carol");

  @TempDir Path dir;
  final Process[] nodes = new Process[NODES];
  final List<String> urls = new ArrayList<>();
  final Map<Hash, TxLocation> acknowledged = new ConcurrentHashMap<>();
  final Set<Hash> refused = ConcurrentHashMap.newKeySet();
  final Map<Hash, Boolean> sent = new ConcurrentHashMap<>();

  @AfterEach
  void killAll() throws InterruptedException {
    for (Process p : nodes) {
      if (p != null) {
        p.destroyForcibly();
        p.waitFor(30, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void acknowledgedTransfersSurviveRepeatedLeaderSigkill() throws Exception {
    try {
      run();
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + nodeLogs(), e);
    }
  }

  private void run() throws Exception {
    Path pw = dir.resolve("pw");
    Files.writeString(pw, "cluster-test-passphrase\n");
    int api = TestNode.consecutiveFreePorts(2 * NODES); // API ports, then Raft ports
    int raft = api + NODES;
    StringWriter out = new StringWriter();
    int rc =
        Main.run(
            new PrintWriter(out, true),
            new PrintWriter(out, true),
            "init",
            "--validators",
            "3",
            "--home",
            dir.resolve("c").toString(),
            "--port",
            "" + api,
            "--raft-port",
            "" + raft,
            "--block-time-ms",
            "100",
            "--password-file",
            pw.toString());
    assertThat(rc).as(out.toString()).isZero();
    for (int i = 0; i < NODES; i++) {
      urls.add("http://127.0.0.1:" + (api + i));
      start(i, pw);
    }
    LedgerClient any = new LedgerClient(urls);
    TestNode.awaitTrue(Duration.ofSeconds(90), "a leader", () -> leader(any).isPresent());

    AtomicBoolean stop = new AtomicBoolean();
    List<Thread> clients = new ArrayList<>();
    for (int i = 0; i < SENDERS.size(); i++) {
      KeyPair from = DevnetGenesis.key(SENDERS.get(i));
      KeyPair to = DevnetGenesis.key(SENDERS.get((i + 1) % SENDERS.size()));
      Thread t = new Thread(() -> stream(from, to, stop), "client-" + i);
      t.start();
      clients.add(t);
    }
    Random rnd = new Random(20261127L);
    for (int round = 0; round < ROUNDS; round++) {
      awaitProgress(any, 3);
      Thread.sleep(300 + rnd.nextInt(700));
      int leader = leader(any).orElseThrow();
      nodes[leader].destroyForcibly(); // SIGKILL
      assertThat(nodes[leader].waitFor(30, TimeUnit.SECONDS)).isTrue();
      awaitProgress(any, 2);
      long height = any.status().height();
      start(leader, pw);
      awaitBack(leader, height);
    }
    awaitProgress(any, 3);
    stop.set(true);
    for (Thread t : clients) {
      t.join(60_000);
    }
    TestNode.awaitTrue(
        Duration.ofSeconds(90),
        "every validator at one height",
        () -> {
          try {
            long h0 = new LedgerClient(urls.get(0)).status().height();
            return h0 == new LedgerClient(urls.get(1)).status().height()
                && h0 == new LedgerClient(urls.get(2)).status().height();
          } catch (ClientException e) {
            return false;
          }
        });
    killAll();
    check();
  }

  /** The end of every node's output, so that a failure in CI says what the validators saw. */
  private String nodeLogs() {
    StringBuilder b = new StringBuilder();
    for (int i = 1; i <= NODES; i++) {
      b.append(TestNode.processLog(dir.resolve("n" + i + ".out"), 80));
    }
    return b.toString();
  }

  /** One transfer at a time; the same signed transfer is resubmitted until its outcome is known. */
  private void stream(KeyPair from, KeyPair to, AtomicBoolean stop) {
    LedgerClient client = new LedgerClient(urls);
    long nonce = 0;
    while (!stop.get()) {
      SignedTransaction tx =
          new Transaction(
                  DevnetGenesis.CHAIN_ID,
                  from.publicKey(),
                  nonce,
                  FEE,
                  new Transfer(to.address(), Amount.ofNano(1_000 + nonce)))
              .sign(from);
      sent.put(tx.hash(), true);
      while (!stop.get()) {
        try {
          client.submit(tx);
          TxView v = client.awaitFinal(tx.hash(), Duration.ofSeconds(10));
          if (v.isCommitted()) {
            acknowledged.put(tx.hash(), new TxLocation(v.height(), v.index()));
            nonce++;
          } else {
            refused.add(tx.hash());
          }
          break;
        } catch (ClientException.ApiError e) {
          if (e.status() == 400 || e.status() == 409) {
            refused.add(tx.hash());
            break;
          }
        } catch (ClientException e) {
          // a validator died or no block came in time: the same transaction again, possibly
          // elsewhere
        }
      }
    }
  }

  private void check() throws IOException {
    Genesis genesis = NodeHome.at(dir.resolve("c").resolve("n1")).genesis().orElseThrow();
    Set<PublicKey> signers = new java.util.HashSet<>();
    signers.add(genesis.sequencer());
    ClusterSpec.of(genesis).orElseThrow().validators().members().stream()
        .map(Validator::key)
        .forEach(signers::add);
    List<RocksLedgerStore> stores = new ArrayList<>();
    try {
      for (int i = 0; i < NODES; i++) {
        stores.add(
            RocksLedgerStore.open(
                NodeHome.at(dir.resolve("c").resolve("n" + (i + 1))).dataDir(), true));
      }
      RocksLedgerStore first = stores.get(0);
      Map<Hash, TxLocation> inChain = new HashMap<>();
      for (long h = 0; h <= first.height(); h++) {
        var block = first.block(h).orElseThrow();
        for (RocksLedgerStore s : stores) {
          assertThat(s.height()).isEqualTo(first.height());
          assertThat(s.header(h).orElseThrow().header())
              .as("block %d on every replica", h)
              .isEqualTo(block.header());
        }
        for (int i = 0; i < block.txs().size(); i++) {
          assertThat(inChain.put(block.txs().get(i).hash(), new TxLocation(h, i)))
              .as("a transaction applied twice")
              .isNull();
          assertThat(sent)
              .as("every transaction in the chain was sent by a client")
              .containsKey(block.txs().get(i).hash());
        }
      }
      assertThat(acknowledged).as("acknowledged transfers").hasSizeGreaterThan(15);
      acknowledged.forEach(
          (hash, loc) -> assertThat(inChain.get(hash)).as("acknowledged %s", hash).isEqualTo(loc));
      for (Hash r : refused) {
        assertThat(inChain).as("refused %s", r).doesNotContainKey(r);
      }
      Result<ChainVerifier.Report> replay =
          ChainVerifier.verify(first, Chain.of(genesis), signers::contains);
      assertThat(replay.isOk()).as(replay.toString()).isTrue();
    } finally {
      for (RocksLedgerStore s : stores) {
        s.close();
      }
    }
  }

  private void start(int i, Path pw) throws IOException {
    Path home = dir.resolve("c").resolve("n" + (i + 1));
    nodes[i] =
        TestNode.startProcess(
            dir.resolve("n" + (i + 1) + ".out"),
            List.of("node", "--home", home.toString(), "--password-file", pw.toString()));
  }

  /**
   * Waits until restarted validator {@code i} serves its API at {@code height} or above, so that
   * the next round's kill leaves two working validators (a node that could not start fails the test
   * here, with its log, instead of as a stall one round later).
   */
  private void awaitBack(int i, long height) {
    LedgerClient client = new LedgerClient(urls.get(i));
    TestNode.awaitTrue(
        Duration.ofSeconds(90),
        "n" + (i + 1) + " back at height " + height,
        () -> {
          if (!nodes[i].isAlive()) {
            throw new AssertionError(
                "n" + (i + 1) + " exited with " + nodes[i].exitValue() + " after its restart");
          }
          try {
            return client.status().height() >= height;
          } catch (ClientException e) {
            return false;
          }
        });
  }

  private Optional<Integer> leader(LedgerClient any) {
    try {
      ClusterView c = any.cluster();
      return c.leader()
          .map(id -> Integer.parseInt(id.substring(1)) - 1)
          .filter(i -> nodes[i] != null && nodes[i].isAlive());
    } catch (ClientException e) {
      return Optional.empty();
    }
  }

  private void awaitProgress(LedgerClient any, int blocks) {
    long[] from = {-1};
    TestNode.awaitTrue(
        Duration.ofSeconds(90),
        blocks + " more blocks",
        () -> {
          try {
            long h = any.status().height();
            if (from[0] < 0) {
              from[0] = h;
            }
            return h >= from[0] + blocks;
          } catch (ClientException e) {
            return false;
          }
        });
  }
}
