package dev.openledger.node.crash;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openledger.core.Result;
import dev.openledger.core.crypto.Hash;
import dev.openledger.core.crypto.KeyPair;
import dev.openledger.core.money.Amount;
import dev.openledger.datanet.DatanetService;
import dev.openledger.datanet.GcResult;
import dev.openledger.datanet.bench.BrownCorpus;
import dev.openledger.datanet.store.ContributionState;
import dev.openledger.datanet.validate.ValidationParams;
import dev.openledger.ledger.datanet.DatanetIds;
import dev.openledger.ledger.datanet.DatanetModule;
import dev.openledger.ledger.engine.Chain;
import dev.openledger.ledger.engine.ChainVerifier;
import dev.openledger.ledger.genesis.ChainParams;
import dev.openledger.ledger.genesis.DevnetGenesis;
import dev.openledger.ledger.genesis.Genesis;
import dev.openledger.ledger.msg.AccessTerms;
import dev.openledger.ledger.msg.ContributionPolicy;
import dev.openledger.ledger.msg.CreateDatanet;
import dev.openledger.ledger.msg.DataType;
import dev.openledger.ledger.msg.Message;
import dev.openledger.ledger.msg.SubmitContribution;
import dev.openledger.ledger.store.RocksLedgerStore;
import dev.openledger.ledger.tx.SignedTransaction;
import dev.openledger.ledger.tx.Transaction;
import dev.openledger.node.api.view.TxView;
import dev.openledger.node.client.DatanetClient;
import dev.openledger.node.client.LedgerClient;
import dev.openledger.node.datanet.ContributionView;
import dev.openledger.node.datanet.UploadView;
import dev.openledger.node.home.NodeConfig;
import dev.openledger.node.home.NodeHome;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node process killed with SIGKILL around the upload → transaction → registration steps: after a
 * restart every contribution on chain has its file and is registered on the node, a file uploaded
 * but never submitted is still only staged and is collected once the grace period is over, and the
 * same file can then be contributed again; the chain replays from genesis.
 */
class DatanetCrashTest {
  static final Amount FEE = Amount.ofNano(10_000);

  @TempDir Path dir;

  @Test
  void killsBetweenBlobWriteTransactionAndRegistrationLeaveAConsistentState() throws Exception {
    NodeHome home = NodeHome.at(dir.resolve("home"));
    Genesis genesis =
        home.init(
                DevnetGenesis.bytes(new ChainParams(50, false, 16 * 1024, 2000, FEE)),
                new NodeConfig(NodeConfig.DEFAULT_HOST, 0))
            .orElseThrow();
    BrownCorpus brown = BrownCorpus.at(Path.of(System.getProperty("openledger.repo.root")));
    byte[] orphan = brown.text("cd01").getBytes(StandardCharsets.UTF_8);
    byte[] committed = brown.text("cd02").getBytes(StandardCharsets.UTF_8);
    byte[] inFlight = brown.text("cd03").getBytes(StandardCharsets.UTF_8);
    KeyPair alice = DevnetGenesis.key("alice");
    Hash id = DatanetIds.datanet(alice.address(), "religion");

    Process node = NodeProcess.start(home, dir, 0);
    Hash inFlightId;
    try {
      LedgerClient client = new LedgerClient(NodeProcess.awaitUrl(node, dir, 0));
      DatanetClient datanets = new DatanetClient(client);
      NodeProcess.awaitReady(client);
      assertThat(
              send(
                      client,
                      alice,
                      new CreateDatanet(
                          "religion",
                          "Religious prose",
                          "",
                          List.of(),
                          DataType.TEXT,
                          "CC0-1.0",
                          ContributionPolicy.open(),
                          AccessTerms.open()),
                      true)
                  .code())
          .isEqualTo("ok");
      // 1. uploaded (blob durable, contribution staged), never submitted
      datanets.upload(id.toHex(), DevnetGenesis.key("bob").address(), "cd01.txt", orphan);
      // 2. uploaded and committed; the kill comes right after, perhaps before the node registered
      // it
      KeyPair carol = DevnetGenesis.key("carol");
      UploadView up = datanets.upload(id.toHex(), carol.address(), "cd02.txt", committed);
      assertThat(
              send(
                      client,
                      carol,
                      DatanetClient.checkToSign(up, id, carol.address(), committed),
                      true)
                  .code())
          .isEqualTo("ok");
      // 3. uploaded and submitted without waiting: the kill may land before or after its block
      KeyPair dave = DevnetGenesis.key("dave");
      UploadView up3 = datanets.upload(id.toHex(), dave.address(), "cd03.txt", inFlight);
      SubmitContribution m3 = DatanetClient.checkToSign(up3, id, dave.address(), inFlight);
      inFlightId = m3.contributionId();
      send(client, dave, m3, false);
    } finally {
      node.destroyForcibly(); // SIGKILL
      assertThat(node.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    node = NodeProcess.start(home, dir, 1);
    try {
      LedgerClient client = new LedgerClient(NodeProcess.awaitUrl(node, dir, 1));
      DatanetClient datanets = new DatanetClient(client);
      NodeProcess.awaitReady(client);
      List<ContributionView> onChain = awaitRegistered(datanets, id);
      assertThat(onChain)
          .extracting(ContributionView::submitter)
          .contains(DevnetGenesis.key("carol").address());
      assertThat(onChain)
          .extracting(ContributionView::submitter)
          .doesNotContain(DevnetGenesis.key("bob").address());
      for (ContributionView c : onChain) {
        assertThat(c.stored())
            .as("contribution %s on chain is registered on the node", c.id())
            .contains("submitted");
      }
    } finally {
      node.destroyForcibly();
      assertThat(node.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    // offline: the orphan is still staged; once its grace is over, collection removes it and only
    // it
    Set<Hash> referenced;
    try (RocksLedgerStore store = RocksLedgerStore.open(home.dataDir(), true)) {
      Chain chain = Chain.of(genesis);
      Result<ChainVerifier.Report> replay = ChainVerifier.verify(store, chain);
      assertThat(replay.isOk()).as(replay.toString()).isTrue();
      referenced = chain.module(DatanetModule.class).referencedContent(store.state());
    }
    Hash orphanId =
        DatanetIds.contribution(id, DevnetGenesis.key("bob").address(), Hash.sha256(orphan));
    try (DatanetService service =
        DatanetService.open(home.datanetDir(), ValidationParams.defaults(), Clock.systemUTC())) {
      assertThat(service.contribution(orphanId).orElseThrow().state())
          .isEqualTo(ContributionState.STAGED);
      GcResult gc = service.collectGarbage(referenced, Duration.ZERO);
      boolean inFlightCommitted = referenced.contains(Hash.sha256(inFlight));
      assertThat(gc.contributionsRemoved()).contains(orphanId);
      assertThat(gc.contributionsRemoved().contains(inFlightId)).isEqualTo(!inFlightCommitted);
      assertThat(service.blob(Hash.sha256(orphan))).isEmpty();
      for (Hash blob : referenced) {
        assertThat(service.blob(blob)).as("a blob the chain references is kept").isPresent();
      }
    }

    // the orphan's file can now be contributed for real
    node = NodeProcess.start(home, dir, 2);
    try {
      LedgerClient client = new LedgerClient(NodeProcess.awaitUrl(node, dir, 2));
      DatanetClient datanets = new DatanetClient(client);
      NodeProcess.awaitReady(client);
      KeyPair bob = DevnetGenesis.key("bob");
      UploadView again = datanets.upload(id.toHex(), bob.address(), "cd01.txt", orphan);
      assertThat(
              send(client, bob, DatanetClient.checkToSign(again, id, bob.address(), orphan), true)
                  .code())
          .isEqualTo("ok");
      assertThat(awaitRegistered(datanets, id)).extracting(ContributionView::id).contains(orphanId);
    } finally {
      node.destroyForcibly();
      node.waitFor(30, TimeUnit.SECONDS);
    }
  }

  /**
   * Every contribution on chain, once the node holds each as registered (or after 20 s, as they
   * are).
   */
  private static List<ContributionView> awaitRegistered(DatanetClient datanets, Hash id)
      throws InterruptedException {
    List<ContributionView> all = List.of();
    for (int i = 0; i < 200; i++) {
      all = datanets.contributions(id.toHex(), Optional.empty(), 0, 100).contributions();
      if (!all.isEmpty()
          && all.stream().allMatch(c -> c.stored().equals(Optional.of("submitted")))) {
        return all;
      }
      Thread.sleep(100);
    }
    return all;
  }

  private static TxView send(LedgerClient client, KeyPair from, Message m, boolean await) {
    long nonce = client.account(from.address(), false).nonce();
    SignedTransaction tx =
        new Transaction(DevnetGenesis.CHAIN_ID, from.publicKey(), nonce, FEE, m).sign(from);
    client.submit(tx);
    return await ? client.awaitFinal(tx.hash(), Duration.ofSeconds(20)) : null;
  }
}
