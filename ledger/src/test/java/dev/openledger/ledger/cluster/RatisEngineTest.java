package dev.openledger.ledger.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openledger.core.crypto.KeyPair;
import dev.openledger.core.money.Amount;
import dev.openledger.ledger.TestChains;
import dev.openledger.ledger.engine.Admission;
import dev.openledger.ledger.engine.TxOutcome;
import dev.openledger.ledger.msg.Transfer;
import dev.openledger.ledger.tx.SignedTransaction;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RatisEngineTest {
  @TempDir Path dir;
  TestCluster cluster;

  @AfterEach
  void close() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void threeValidatorsCommitTransfersSubmittedToAnyNodeAndAgree() throws Exception {
    cluster = TestCluster.create(dir, 3);
    cluster.startAll();
    int leader = cluster.awaitLeader(Duration.ofSeconds(20));
    KeyPair alice = TestChains.key("alice");
    KeyPair bob = TestChains.key("bob");
    List<CompletableFuture<TxOutcome>> outcomes = new ArrayList<>();
    for (int n = 0; n < 60; n++) {
      SignedTransaction tx = TestChains.tx(alice, n, new Transfer(bob.address(), Amount.ofOpen(1)));
      RatisEngine via = cluster.engine(n % 3);
      Admission a = via.submit(tx).get(10, TimeUnit.SECONDS);
      assertThat(a).isInstanceOf(Admission.Accepted.class);
      outcomes.add(((Admission.Accepted) a).outcome());
    }
    for (CompletableFuture<TxOutcome> f : outcomes) {
      assertThat(f.get(30, TimeUnit.SECONDS)).isInstanceOf(TxOutcome.Committed.class);
    }
    long height = cluster.awaitConverged(Duration.ofSeconds(20));
    assertThat(new HashSet<>(cluster.stateRoots(height))).hasSize(1);
    for (int i = 0; i < 3; i++) {
      var e = cluster.engine(i);
      assertThat(e.chain().bank().account(e.reader().snapshot(), bob.address()).balance())
          .isEqualTo(Amount.ofOpen(1_000_060));
      assertThat(e.verifyChain().isOk()).as("replay of %s", e.selfId()).isTrue();
    }
    assertThat(cluster.engine(leader).metrics().blocksProduced()).isPositive();
  }
}
