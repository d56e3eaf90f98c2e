package dev.openledger.node.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openledger.core.crypto.KeyPair;
import dev.openledger.core.money.Amount;
import dev.openledger.ledger.cluster.RatisEngine;
import dev.openledger.ledger.engine.Chain;
import dev.openledger.ledger.genesis.DevnetGenesis;
import dev.openledger.ledger.genesis.Genesis;
import dev.openledger.ledger.membership.ClusterSpec;
import dev.openledger.ledger.msg.Transfer;
import dev.openledger.ledger.tx.Transaction;
import dev.openledger.node.LedgerNode;
import dev.openledger.node.TestNode;
import dev.openledger.node.api.view.ClusterValidatorsView;
import dev.openledger.node.api.view.ClusterView;
import dev.openledger.node.api.view.StatusView;
import dev.openledger.node.api.view.TxView;
import dev.openledger.node.cli.Main;
import dev.openledger.node.client.LedgerClient;
import dev.openledger.node.home.ClusterNodeConfig;
import dev.openledger.node.home.NodeHome;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code init --validators}, validators started from their homes (funded and staked at genesis),
 * and the cluster routes and commands, membership proposals included.
 */
class ClusterCliTest {
  @TempDir Path dir;
  final List<LedgerNode> nodes = new ArrayList<>();

  @AfterEach
  void close() {
    for (LedgerNode n : nodes) {
      n.close();
    }
  }

  static int run(StringWriter out, String... args) {
    return Main.run(new PrintWriter(out, true), new PrintWriter(out, true), args);
  }

  @Test
  void initValidatorsMakesHomesThatRunAClusterTheCliAndApiDescribe() throws Exception {
    Path pw = dir.resolve("pw");
    Files.writeString(pw, "cluster-cli-passphrase\n");
    int api = TestNode.consecutiveFreePorts(2 * 3); // API ports, then Raft ports
    int raft = api + 3;
    StringWriter out = new StringWriter();
    Path root = dir.resolve("c");
    assertThat(
            run(
                out,
                "init",
                "--validators",
                "3",
                "--home",
                root.toString(),
                "--port",
                "" + api,
                "--raft-port",
                "" + raft,
                "--block-time-ms",
                "100",
                "--password-file",
                pw.toString()))
        .as(out.toString())
        .isZero();
    assertThat(
            run(
                new StringWriter(),
                "init",
                "--validators",
                "3",
                "--home",
                root.toString(),
                "--password-file",
                pw.toString()))
        .as("a non-empty directory")
        .isEqualTo(2);

    Genesis genesis = NodeHome.at(root.resolve("n1")).genesis().orElseThrow();
    ClusterSpec spec = ClusterSpec.of(genesis).orElseThrow();
    assertThat(spec.validators().members()).hasSize(3);
    for (int i = 1; i <= 3; i++) {
      NodeHome home = NodeHome.at(root.resolve("n" + i));
      assertThat(Files.readAllBytes(home.genesisFile()))
          .isEqualTo(Files.readAllBytes(NodeHome.at(root.resolve("n1")).genesisFile()));
      ClusterNodeConfig c = home.cluster().orElseThrow().orElseThrow();
      assertThat(c.id()).isEqualTo("n" + i);
      KeyPair key =
          home.keystore().unlock("validator", "cluster-cli-passphrase".toCharArray()).orElseThrow();
      assertThat(spec.validators().byId("n" + i).orElseThrow().key()).isEqualTo(key.publicKey());
      var signature = RatisEngine.signGenesis(Chain.of(genesis), DevnetGenesis.sequencerKey());
      nodes.add(
          LedgerNode.startCluster(
              home, genesis, key, signature, c, home.config().orElseThrow(), List.of()));
    }

    List<String> urls = nodes.stream().map(LedgerNode::url).toList();
    LedgerClient client = new LedgerClient(List.of("http://127.0.0.1:1", urls.get(1), urls.get(2)));
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (client.cluster().leader().isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    StatusView status = client.status();
    assertThat(status.cluster()).isPresent();
    assertThat(status.blockSigners()).contains(genesis.sequencer()).hasSize(4);
    ClusterView view = status.cluster().orElseThrow();
    assertThat(view.peers()).extracting(ClusterView.PeerView::id).containsExactly("n1", "n2", "n3");
    assertThat(view.leaderApi()).isPresent();

    KeyPair alice = DevnetGenesis.key("alice");
    var tx =
        new Transaction(
                DevnetGenesis.CHAIN_ID,
                alice.publicKey(),
                0,
                Amount.ofNano(10_000),
                new Transfer(DevnetGenesis.key("bob").address(), Amount.ofOpen(3)))
            .sign(alice);
    client.submit(tx);
    TxView v = client.awaitFinal(tx.hash(), Duration.ofSeconds(30));
    assertThat(v.isCommitted()).isTrue();
    assertThat(
            client
                .verifiedAccount(DevnetGenesis.key("bob").address(), status.blockSigners())
                .account()
                .balance())
        .isEqualTo(Amount.ofOpen(1_000_003));

    StringWriter s = new StringWriter();
    assertThat(run(s, "cluster", "status", "--node", urls.get(0))).as(s.toString()).isZero();
    assertThat(s.toString()).contains("n1").contains("leader n").contains("validator");
    StringWriter e = new StringWriter();
    assertThat(run(e, "cluster", "evidence", "--node", urls.get(2))).isZero();
    assertThat(e.toString()).contains("no evidence");
    StringWriter q = new StringWriter();
    assertThat(run(q, "query", "block", "--node", urls.get(0) + "," + urls.get(1)))
        .as(q.toString())
        .isZero();
    assertThat(q.toString()).contains("signature verified");

    // Every validator's account was funded and staked for its role at genesis.
    ClusterValidatorsView set = client.clusterValidators();
    assertThat(set.version()).isZero();
    assertThat(set.validators())
        .extracting(ClusterValidatorsView.Member::id)
        .containsExactly("n1", "n2", "n3");
    assertThat(set.validators())
        .allSatisfy(
            m -> {
              assertThat(m.stake()).isEqualTo(Amount.ofOpen(1000));
              assertThat(m.account()).isEqualTo(m.publicKey().address());
              assertThat(m.jailedUntil()).isEmpty();
            });
    StringWriter vs = new StringWriter();
    assertThat(run(vs, "cluster", "validators", "--node", urls.get(1))).as(vs.toString()).isZero();
    assertThat(vs.toString()).contains("validator set version 0").contains("stake 1000 OPEN");

    // Membership changes are governance proposals: from the CLI's commands or a message file.
    String node = urls.get(0);
    StringWriter st = new StringWriter();
    assertThat(
            run(
                st,
                "stake",
                "stake",
                "--from",
                "devnet:alice",
                "--pool",
                "1",
                "--amount",
                "1000",
                "--node",
                node))
        .as(st.toString())
        .isZero();
    StringWriter add = new StringWriter();
    KeyPair n4 = KeyPair.insecureFromLabel("cli-n4");
    assertThat(
            run(
                add,
                "cluster",
                "add-validator",
                "--from",
                "devnet:alice",
                "--id",
                "n4",
                "--key",
                n4.publicKey().toHex(),
                "--raft",
                "127.0.0.1:9999",
                "--node",
                node))
        .as(add.toString())
        .isZero();
    assertThat(add.toString()).contains("gov.propose").contains("next: openledger gov vote");
    Path messages = dir.resolve("remove.json");
    Files.writeString(messages, "[{\"type\": \"cluster/remove_validator\", \"id\": \"n3\"}]");
    StringWriter remove = new StringWriter();
    assertThat(
            run(
                remove,
                "gov",
                "propose",
                "--from",
                "devnet:alice",
                "--description",
                "retire n3",
                "--messages",
                messages.toString(),
                "--node",
                node))
        .as(remove.toString())
        .isZero();
    StringWriter show = new StringWriter();
    assertThat(run(show, "gov", "show", "1", "--json", "--node", node)).isZero();
    assertThat(show.toString()).contains("cluster/add_validator").contains("127.0.0.1:9999");
    assertThat(
            run(
                new StringWriter(),
                "cluster",
                "add-validator",
                "--from",
                "devnet:alice",
                "--id",
                "n4",
                "--key",
                "nothex",
                "--raft",
                "127.0.0.1:1",
                "--node",
                node))
        .as("a malformed key")
        .isEqualTo(2);
    assertThat(client.clusterValidators().version())
        .as("nothing changes before a proposal passes")
        .isZero();
  }
}
