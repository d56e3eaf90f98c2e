package dev.openledger.node.datanet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openledger.core.crypto.Hash;
import dev.openledger.core.crypto.KeyPair;
import dev.openledger.datanet.store.ContributionState;
import dev.openledger.datanet.store.VersionRecord;
import dev.openledger.ledger.genesis.DevnetGenesis;
import dev.openledger.ledger.msg.PublishVersion;
import dev.openledger.ledger.msg.ReviewContribution;
import dev.openledger.ledger.msg.SubmitContribution;
import dev.openledger.node.LedgerNode;
import dev.openledger.node.TestNode;
import dev.openledger.node.home.NodeConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service follows the chain from where it recorded it got to: re-applying blocks it had already
 * applied (a crash after applying, before recording the height) changes nothing, and a node
 * restarted with its recorded height at zero ends in the same state.
 */
class DatanetSyncTest {
  @TempDir Path dir;

  @Test
  void reapplyingTheWholeChainIsIdempotent() throws Exception {
    TestNode t = new TestNode(dir.resolve("node"));
    Hash id;
    SubmitContribution a;
    SubmitContribution b;
    VersionRecord before;
    try {
      DatanetKit kit = new DatanetKit(t.url());
      KeyPair alice = TestNode.key("alice");
      id = kit.create(alice, "learned", "Learned prose");
      a = kit.contribute(id, TestNode.key("bob"), "cj01.txt", Brown.file("cj01"));
      b = kit.contribute(id, TestNode.key("carol"), "cj02.txt", Brown.file("cj02"));
      kit.ok(alice, new ReviewContribution(a.contributionId(), true, ""));
      kit.ok(alice, new ReviewContribution(b.contributionId(), false, "duplicate topic"));
      var preview = kit.datanets.preview(id.toHex(), List.of(a.contributionId()));
      kit.ok(
          alice,
          new PublishVersion(id, 1, preview.root(), preview.rows(), List.of(a.contributionId())));
      assertThat(
              t.node
                  .datanets()
                  .sync()
                  .awaitHeight(t.node.engine().reader().height(), Duration.ofSeconds(20)))
          .isTrue();
      before = t.node.datanets().service().version(id, 1).orElseThrow();
    } finally {
      t.close();
    }

    DatanetSync.writeHeight(t.home.datanetDir().resolve("synced-height"), 0);
    NodeConfig config = new NodeConfig(NodeConfig.DEFAULT_HOST, 0);
    try (LedgerNode again =
        LedgerNode.start(t.home, t.genesis, DevnetGenesis.sequencerKey(), config, List.of())) {
      long head = again.engine().reader().height();
      assertThat(again.datanets().sync().awaitHeight(head, Duration.ofSeconds(20))).isTrue();
      var service = again.datanets().service();
      assertThat(service.contribution(a.contributionId()).orElseThrow().state())
          .isEqualTo(ContributionState.ACCEPTED);
      assertThat(service.contribution(b.contributionId()).orElseThrow().state())
          .isEqualTo(ContributionState.REJECTED);
      assertThat(service.version(id, 1).orElseThrow()).isEqualTo(before);
      assertThat(DatanetSync.readHeight(t.home.datanetDir().resolve("synced-height")))
          .isGreaterThan(0);
    }
  }
}
