package dev.openledger.ledger.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openledger.core.crypto.KeyPair;
import dev.openledger.core.money.Amount;
import dev.openledger.ledger.TestChains;
import dev.openledger.ledger.engine.Admission;
import dev.openledger.ledger.engine.TxOutcome;
import dev.openledger.ledger.msg.Transfer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Adding and removing validators with admin-signed changes applied through the log. */
class MembershipTest {
  @TempDir Path dir;
  TestCluster cluster;

  @AfterEach
  void close() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void aNewValidatorJoinsCatchesUpAndAnOldOneLeaves() throws Exception {
    cluster = TestCluster.create(dir, 3);
    cluster.startAll();
    cluster.awaitLeader(Duration.ofSeconds(20));
    KeyPair alice = TestChains.key("alice");
    for (int n = 0; n < 5; n++) {
      commit(0, n);
    }
    String chainId = cluster.genesis.chainId();

    String address = cluster.addPeer(3);
    RatisEngine joiner = cluster.start(3, true);
    MembershipChange add = MembershipChange.sign(TestCluster.ADMIN, chainId, 0, new MembershipChange.Add(new Validator("n4", TestCluster.key(3).publicKey(), address)));
    assertThat(cluster.engine(1).changeMembership(add).get(30, TimeUnit.SECONDS).code()).isEqualTo("applied");
    assertThat(cluster.engine(2).changeMembership(add).get(30, TimeUnit.SECONDS).code()).as("a replayed change").isEqualTo("stale_version");
    MembershipChange forged = MembershipChange.sign(alice, chainId, 1, new MembershipChange.Remove("n2"));
    assertThat(cluster.engine(0).changeMembership(forged).get(30, TimeUnit.SECONDS).code()).isEqualTo("bad_signature");

    long height = cluster.engine(0).reader().height();
    TestCluster.await(Duration.ofSeconds(60), "n4 to catch up to height " + height, () -> joiner.reader().height() >= height);
    TestCluster.await(Duration.ofSeconds(30), "n4 in the Raft group", () -> {
      int l = cluster.awaitLeader(Duration.ofSeconds(20));
      return cluster.engine(l).clusterStatus().peers().stream().anyMatch(p -> p.id().equals("n4") && p.validator());
    });
    TestCluster.await(Duration.ofSeconds(30), "n4 to apply its own admission", () -> joiner.validators().byId("n4").isPresent());

    MembershipChange remove = MembershipChange.sign(TestCluster.ADMIN, chainId, 1, new MembershipChange.Remove("n1"));
    assertThat(cluster.engine(3).changeMembership(remove).get(30, TimeUnit.SECONDS).code()).isEqualTo("applied");
    TestCluster.await(Duration.ofSeconds(30), "n1 out of the Raft group and a new leader", () -> {
      ClusterStatus s = cluster.engine(3).clusterStatus();
      return s.leaderId().isPresent() && !s.leaderId().get().equals("n1") && s.peers().stream().noneMatch(p -> p.id().equals("n1"));
    });
    cluster.stop(0);
    for (int n = 5; n < 10; n++) {
      commit(3, n);
    }
    long end = cluster.awaitConverged(Duration.ofSeconds(30));
    assertThat(new HashSet<>(cluster.stateRoots(end))).hasSize(1);
    assertThat(joiner.verifyChain().isOk()).isTrue();
    assertThat(joiner.validators().version()).isEqualTo(2);
  }

  private void commit(int node, long nonce) throws Exception {
    Admission a = cluster.engine(node).submit(TestChains.tx(TestChains.key("alice"), nonce, new Transfer(TestChains.key("bob").address(), Amount.ofOpen(1)))).get(10, TimeUnit.SECONDS);
    assertThat(a).isInstanceOf(Admission.Accepted.class);
    assertThat(((Admission.Accepted) a).outcome().get(30, TimeUnit.SECONDS)).isInstanceOf(TxOutcome.Committed.class);
  }
}
