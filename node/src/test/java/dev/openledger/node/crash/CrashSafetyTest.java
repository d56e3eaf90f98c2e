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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety: the node runs as a separate process; clients stream transfers; the process is
 * killed with SIGKILL at a random moment, several times, and restarted. Every transaction a client
 * saw committed must still be committed at the same place, the heights must be contiguous, and
 * replaying every block from genesis must reproduce every state root.
 */
class CrashSafetyTest {
  static final int ROUNDS = 5;
  static final Amount FEE = Amount.ofNano(10_000);
  static final List<String> SENDERS = List.of("alice", "bob", "carol");

  @TempDir Path dir;

  /** Transactions a client saw committed, with where it saw them. */
  final Map<Hash, TxLocation> acknowledged = new ConcurrentHashMap<>();

  @Test
  void acknowledgedTransactionsSurviveSigkillAndTheChainReplays() throws Exception {
    NodeHome home = NodeHome.at(dir.resolve("home"));
    Genesis genesis =
        home.init(
                DevnetGenesis.bytes(new ChainParams(50, false, 16 * 1024, 2000, FEE)),
                new NodeConfig(NodeConfig.DEFAULT_HOST, 0))
            .orElseThrow();
    Random rnd = new Random(20261127L);
    long lastHeight = -1;
    for (int round = 0; round < ROUNDS; round++) {
      Process node = NodeProcess.start(home, dir, round);
      try {
        LedgerClient client = new LedgerClient(NodeProcess.awaitUrl(node, dir, round));
        long height = NodeProcess.awaitReady(client);
        assertThat(height).as("height after restart %d", round).isGreaterThanOrEqualTo(lastHeight);
        checkAcknowledged(client);

        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> clients = new ArrayList<>();
        for (String name : SENDERS) {
          Thread t =
              new Thread(() -> stream(client, DevnetGenesis.key(name), stop), "client-" + name);
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
        lastHeight =
            acknowledged.values().stream().mapToLong(TxLocation::height).max().orElse(height);
      } finally {
        node.destroyForcibly();
        node.waitFor(30, TimeUnit.SECONDS);
      }
    }
    assertThat(acknowledged).as("transactions acknowledged over all rounds").hasSizeGreaterThan(10);

    // one more restart: everything acknowledged is there, then the whole chain replays from genesis
    Process node = NodeProcess.start(home, dir, ROUNDS);
    try {
      LedgerClient client = new LedgerClient(NodeProcess.awaitUrl(node, dir, ROUNDS));
      NodeProcess.awaitReady(client);
      checkAcknowledged(client);
    } finally {
      node.destroyForcibly();
      node.waitFor(30, TimeUnit.SECONDS);
    }
    try (RocksLedgerStore store = RocksLedgerStore.open(home.dataDir(), true)) {
      for (Map.Entry<Hash, TxLocation> e : acknowledged.entrySet()) {
        assertThat(store.txLocation(e.getKey()))
            .as("acknowledged %s", e.getKey())
            .contains(e.getValue());
      }
      for (long h = 1; h <= store.height(); h++) {
        assertThat(store.block(h).orElseThrow().header().prevHash())
            .isEqualTo(store.block(h - 1).orElseThrow().hash());
      }
      Result<ChainVerifier.Report> replay = ChainVerifier.verify(store, Chain.of(genesis));
      assertThat(replay.isOk()).as(replay.toString()).isTrue();
      assertThat(replay.orElseThrow().stateRoots()).hasSize((int) store.height() + 1);
      assertThat(replay.orElseThrow().finalStateRoot())
          .isEqualTo(store.block(store.height()).orElseThrow().header().stateRoot());
    }
  }

  /**
   * A client: keeps a few transfers in flight and records those it sees committed, until the node
   * dies.
   */
  private void stream(LedgerClient client, KeyPair from, AtomicBoolean stop) {
    KeyPair to = DevnetGenesis.key("dave");
    try {
      while (!stop.get()) {
        long nonce = client.account(from.address(), false).nonce();
        List<SignedTransaction> batch = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
          batch.add(
              new Transaction(
                      DevnetGenesis.CHAIN_ID,
                      from.publicKey(),
                      nonce + i,
                      FEE,
                      new Transfer(to.address(), Amount.ofNano(1 + i)))
                  .sign(from));
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
}
