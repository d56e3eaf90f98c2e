package dev.openledger.ledger.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openledger.core.crypto.KeyPair;
import dev.openledger.core.crypto.Signature;
import dev.openledger.core.money.Amount;
import dev.openledger.ledger.TestChains;
import dev.openledger.ledger.bank.BankModule;
import dev.openledger.ledger.block.Block;
import dev.openledger.ledger.block.BlockHeader;
import dev.openledger.ledger.engine.Admission;
import dev.openledger.ledger.engine.Chain;
import dev.openledger.ledger.engine.TxOutcome;
import dev.openledger.ledger.exec.HookContext;
import dev.openledger.ledger.exec.LedgerModule;
import dev.openledger.ledger.exec.MessageHandler;
import dev.openledger.ledger.genesis.Genesis;
import dev.openledger.ledger.msg.Transfer;
import dev.openledger.ledger.state.Namespace;
import dev.openledger.ledger.state.State;
import dev.openledger.ledger.tx.SignedTransaction;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Byzantine detection on top of Raft: a validator that computes another state, or signs an invalid block,
 * is caught by the signed attestations every validator exchanges through the log, and the evidence verifies
 * on its own.
 */
class DivergenceTest {
  @TempDir Path dir;
  TestCluster cluster;

  @AfterEach
  void close() {
    if (cluster != null) {
      cluster.close();
    }
  }

  /** A module that, once switched on, writes a key no honest replica writes: a replica with a bug. */
  static final class Rogue implements LedgerModule {
    final AtomicBoolean corrupt = new AtomicBoolean();

    @Override
    public Namespace namespace() {
      return new Namespace("rogue");
    }

    @Override
    public List<MessageHandler<?>> handlers() {
      return List.of();
    }

    @Override
    public void initGenesis(Genesis genesis, State state) {}

    @Override
    public void endBlock(HookContext ctx) {
      if (corrupt.get()) {
        ctx.state().put(namespace().key(new byte[] {1}), new byte[] {(byte) ctx.block().height()});
      }
    }
  }

  @Test
  void aFollowerThatComputesAnotherStateHaltsAndEveryReplicaHoldsVerifiableEvidence() throws Exception {
    Rogue[] rogues = {new Rogue(), new Rogue(), new Rogue()};
    Genesis g = TestCluster.genesis(3, TestCluster.PARAMS);
    cluster = TestCluster.create(dir, 3, TestCluster.testOptions(), i -> {
      BankModule bank = new BankModule();
      List<LedgerModule> modules = new java.util.ArrayList<>(Chain.standardModules(bank));
      modules.add(rogues[i]);
      return Chain.of(g, bank, modules);
    });
    cluster.startAll();
    cluster.awaitLeader(Duration.ofSeconds(20));
    KeyPair alice = TestChains.key("alice");
    commit(0, TestChains.tx(alice, 0, new Transfer(TestChains.key("bob").address(), Amount.ofOpen(1))));
    cluster.awaitConverged(Duration.ofSeconds(20));
    int leader = cluster.awaitLeader(Duration.ofSeconds(20)); // the leader now, so that the faulty one follows
    int bad = (leader + 1) % 3;
    int honest = (leader + 2) % 3;

    rogues[bad].corrupt.set(true);
    commit(leader, TestChains.tx(alice, 1, new Transfer(TestChains.key("bob").address(), Amount.ofOpen(1))));
    RatisEngine badNode = cluster.engine(bad);
    TestCluster.await(Duration.ofSeconds(20), "the diverging replica to halt", () -> badNode.clusterStatus().halted().isPresent());
    assertThat(badNode.isRunning()).isFalse();

    KeyPair badKey = TestCluster.key(bad);
    for (int i : List.of(leader, honest, bad)) {
      RatisEngine e = cluster.engine(i);
      TestCluster.await(Duration.ofSeconds(20), "evidence on node " + i, () -> !e.evidence().isEmpty());
      SignedEvidence ev = e.evidence().get(0);
      assertThat(ev.evidence()).isInstanceOf(Evidence.StateDivergence.class);
      assertThat(ev.evidence().offender()).isEqualTo(badKey.publicKey());
      assertThat(ev.verify(g.chainId(), e.validators(), e.chain().verifier()).isOk()).isTrue();
      assertThat(ev.reporter()).isEqualTo(TestCluster.key(i).publicKey());
    }
    // The two honest validators are a quorum: blocks continue and a quorum attests them.
    long before = cluster.engine(leader).reader().height();
    commit(honest, TestChains.tx(alice, 2, new Transfer(TestChains.key("bob").address(), Amount.ofOpen(1))));
    TestCluster.await(Duration.ofSeconds(20), "the leader to store the next block", () -> cluster.engine(leader).reader().height() > before);
    TestCluster.await(Duration.ofSeconds(20), "a quorum to attest the new head", () -> cluster.engine(leader).clusterStatus().attestedHeight() > before);
    assertThat(badNode.reader().height()).isLessThan(cluster.engine(leader).reader().height());

    // Tampering with the evidence breaks it.
    Evidence.StateDivergence d = (Evidence.StateDivergence) cluster.engine(honest).evidence().get(0).evidence();
    Attestation forged = new Attestation(d.offending().validator(), d.offending().height(), d.majority().get(0).blockHash(), d.offending().stateRoot(), d.offending().signature());
    assertThat(new Evidence.StateDivergence(forged, d.majority()).verify(g.chainId(), cluster.engine(honest).validators(), cluster.engine(honest).chain().verifier()).isOk()).isFalse();
    assertThat(new Evidence.StateDivergence(d.offending(), d.majority().subList(0, 1)).verify(g.chainId(), cluster.engine(honest).validators(), cluster.engine(honest).chain().verifier()).isOk())
        .as("one contradicting validator is not a quorum of three")
        .isFalse();
  }

  @Test
  void aSignedBlockWithAnInvalidTransactionIsRefusedEverywhereAndBecomesEvidence() throws Exception {
    cluster = TestCluster.create(dir, 3);
    cluster.startAll();
    int leader = cluster.awaitLeader(Duration.ofSeconds(20));
    RatisEngine any = cluster.engine((leader + 1) % 3);
    BlockHeader head = any.reader().latestHeader().header();
    KeyPair alice = TestChains.key("alice");
    SignedTransaction good = TestChains.tx(alice, 0, new Transfer(TestChains.key("bob").address(), Amount.ofOpen(1)));
    byte[] wire = good.encoded();
    wire[wire.length - 1] ^= 1; // break the signature
    SignedTransaction forged = dev.openledger.ledger.tx.TxCodec.decode(wire).orElseThrow();
    KeyPair byzantine = TestCluster.key(2);
    BlockHeader h =
        new BlockHeader(head.chainId(), head.height() + 1, head.timeMillis() + 1, head.hash(), Block.txRoot(List.of(forged)), head.receiptRoot(), head.stateRoot(), byzantine.publicKey(), 1);
    Signature sig = byzantine.sign(h.signingBytes());
    ApplyOutcome outcome = any.submitEntry(new Proposal(new Block(h, sig, List.of(forged)), List.of()));
    assertThat(outcome.code()).isEqualTo("invalid");
    for (int i = 0; i < 3; i++) {
      RatisEngine e = cluster.engine(i);
      TestCluster.await(Duration.ofSeconds(20), "evidence on node " + i, () -> !e.evidence().isEmpty());
      Evidence ev = e.evidence().get(0).evidence();
      assertThat(ev).isInstanceOf(Evidence.InvalidProposal.class);
      assertThat(ev.offender()).isEqualTo(byzantine.publicKey());
      assertThat(ev.verify(e.chain().genesis().chainId(), e.validators(), e.chain().verifier()).isOk()).isTrue();
      assertThat(e.reader().height()).as("the invalid block is not stored").isEqualTo(head.height());
      assertThat(e.clusterStatus().halted()).isEmpty();
    }
    // The chain goes on.
    commit(leader, good);
  }

  private void commit(int node, SignedTransaction tx) throws Exception {
    Admission a = cluster.engine(node).submit(tx).get(10, TimeUnit.SECONDS);
    assertThat(a).isInstanceOf(Admission.Accepted.class);
    assertThat(((Admission.Accepted) a).outcome().get(30, TimeUnit.SECONDS)).isInstanceOf(TxOutcome.Committed.class);
  }
}
