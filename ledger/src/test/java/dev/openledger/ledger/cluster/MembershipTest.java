package dev.openledger.ledger.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openledger.core.crypto.KeyPair;
import dev.openledger.core.money.Amount;
import dev.openledger.ledger.TestChains;
import dev.openledger.ledger.block.Receipt;
import dev.openledger.ledger.genesis.Genesis;
import dev.openledger.ledger.gov.GovModule;
import dev.openledger.ledger.gov.Proposal;
import dev.openledger.ledger.gov.VoteSupport;
import dev.openledger.ledger.msg.AddValidator;
import dev.openledger.ledger.msg.Execute;
import dev.openledger.ledger.msg.Message;
import dev.openledger.ledger.msg.Propose;
import dev.openledger.ledger.msg.Queue;
import dev.openledger.ledger.msg.RemoveValidator;
import dev.openledger.ledger.msg.Transfer;
import dev.openledger.ledger.msg.Vote;
import dev.openledger.ledger.staking.Purpose;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The validator set is chain state that only governance changes: a passed proposal adds a fourth validator,
 * which the leader brings into the Raft group and which catches up; another removes an original one; the
 * same change sent in an ordinary transaction is refused.
 */
class MembershipTest {
  static final KeyPair ALICE = TestChains.key("alice");
  static final KeyPair BOB = TestChains.key("bob");

  @TempDir Path dir;
  TestCluster cluster;
  ClusterTxs txs;

  @AfterEach
  void close() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void governanceAddsAValidatorThatCatchesUpAndRemovesAnother() throws Exception {
    Genesis g = TestCluster.genesis(3, TestCluster.PARAMS, json -> {
      TestCluster.fastGovernance(json);
      TestCluster.stake(json, ALICE.address(), Purpose.GENERAL, 1000); // alice's voting power
    });
    cluster = TestCluster.create(dir, 3, g);
    txs = new ClusterTxs(cluster);
    cluster.startAll();
    cluster.awaitLeader(Duration.ofSeconds(20));
    for (int n = 0; n < 5; n++) {
      txs.ok(0, ALICE, new Transfer(BOB.address(), Amount.ofOpen(1)));
    }

    String address = cluster.addPeer(3);
    RatisEngine joiner = cluster.start(3, true);
    AddValidator add = new AddValidator("n4", TestCluster.key(3).publicKey(), address);
    Receipt direct = txs.run(1, BOB, add);
    assertThat(direct.code()).as("a change sent by an account, not a passed proposal").isEqualTo("unauthorized");
    assertThat(txs.run(2, BOB, new RemoveValidator("n2")).code()).isEqualTo("unauthorized");
    assertThat(cluster.engine(0).validators().version()).isZero();

    // Two proposals voted together; the removal is executed once the new validator is in.
    long addId = propose(add);
    long removeId = propose(new RemoveValidator("n1"));
    Proposal last = proposal(removeId);
    txs.awaitClock(last.snapshotMillis() + 1);
    txs.ok(1, ALICE, new Vote(addId, VoteSupport.FOR, "four validators"));
    txs.ok(1, ALICE, new Vote(removeId, VoteSupport.FOR, "retire n1"));
    txs.awaitClock(proposal(removeId).deadlineMillis() + 1);
    txs.ok(2, BOB, new Queue(addId));
    txs.ok(2, BOB, new Queue(removeId));
    txs.awaitClock(proposal(removeId).etaMillis());
    Receipt added = txs.ok(2, BOB, new Execute(addId));
    assertThat(added.events()).anyMatch(e -> e.type().equals("cluster.validator_added") && e.get("id").equals("n4"));
    long addedAt = txs.heightOf(added);
    for (int i = 0; i < 3; i++) {
      RatisEngine e = cluster.engine(i);
      TestCluster.await(Duration.ofSeconds(20), "node " + i + " to apply the change", () -> e.reader().height() >= addedAt);
      assertThat(e.validators().version()).isEqualTo(1);
      assertThat(e.validators().byId("n4")).hasValueSatisfying(v -> assertThat(v.address()).isEqualTo(address));
    }

    long height = cluster.engine(0).reader().height();
    TestCluster.await(Duration.ofSeconds(60), "n4 to catch up to height " + height, () -> joiner.reader().height() >= height);
    TestCluster.await(Duration.ofSeconds(30), "n4 in the Raft group", () -> {
      int l = cluster.awaitLeader(Duration.ofSeconds(20));
      return cluster.engine(l).clusterStatus().peers().stream().anyMatch(p -> p.id().equals("n4") && p.validator());
    });
    assertThat(joiner.validators().byId("n4")).isPresent();

    Receipt removed = txs.ok(3, BOB, new Execute(removeId));
    assertThat(removed.events()).anyMatch(e -> e.type().equals("cluster.validator_removed") && e.get("id").equals("n1"));
    TestCluster.await(Duration.ofSeconds(30), "n1 out of the Raft group and a new leader", () -> {
      ClusterStatus s = cluster.engine(3).clusterStatus();
      return s.leaderId().isPresent() && !s.leaderId().get().equals("n1") && s.peers().stream().noneMatch(p -> p.id().equals("n1"));
    });
    cluster.stop(0);
    for (int n = 0; n < 5; n++) {
      txs.ok(3, ALICE, new Transfer(BOB.address(), Amount.ofOpen(1)));
    }
    long end = cluster.awaitConverged(Duration.ofSeconds(30));
    assertThat(new HashSet<>(cluster.stateRoots(end))).hasSize(1);
    assertThat(joiner.verifyChain().isOk()).isTrue();
    assertThat(joiner.validators().version()).isEqualTo(2);
    assertThat(joiner.validators().byId("n1")).isEmpty();
  }

  private long propose(Message m) throws Exception {
    Receipt r = txs.ok(0, ALICE, new Propose(List.of(m), m.type().name()));
    return Long.parseLong(r.events().stream().filter(e -> e.type().equals("gov.propose")).findFirst().orElseThrow().get("proposal"));
  }

  private Proposal proposal(long id) {
    RatisEngine any = cluster.engine(cluster.running().get(0));
    return any.chain().module(GovModule.class).proposal(any.reader().snapshot(), id).orElseThrow();
  }
}
