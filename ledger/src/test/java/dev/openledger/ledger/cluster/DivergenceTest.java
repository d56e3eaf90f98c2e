package dev.openledger.ledger.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.KeyPair;
import dev.openledger.core.crypto.Signature;
import dev.openledger.core.money.Amount;
import dev.openledger.ledger.TestChains;
import dev.openledger.ledger.bank.BankModule;
import dev.openledger.ledger.bank.Supply;
import dev.openledger.ledger.block.Block;
import dev.openledger.ledger.block.BlockHeader;
import dev.openledger.ledger.engine.Chain;
import dev.openledger.ledger.engine.StateSnapshot;
import dev.openledger.ledger.exec.HookContext;
import dev.openledger.ledger.exec.LedgerModule;
import dev.openledger.ledger.exec.MessageHandler;
import dev.openledger.ledger.genesis.Genesis;
import dev.openledger.ledger.msg.Slash;
import dev.openledger.ledger.msg.Stake;
import dev.openledger.ledger.msg.Transfer;
import dev.openledger.ledger.msg.ValidatorVote;
import dev.openledger.ledger.staking.Jail;
import dev.openledger.ledger.staking.Purpose;
import dev.openledger.ledger.staking.StakingModule;
import dev.openledger.ledger.state.Namespace;
import dev.openledger.ledger.state.State;
import dev.openledger.ledger.tx.SignedTransaction;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Byzantine detection on top of Raft, and its consequence on chain: a validator that computes
 * another state, or signs a block with a forged transaction, is caught by the signed votes every
 * validator exchanges through the log; the evidence verifies on its own; the other validators
 * submit it as a slash transaction, and the chain cuts the offender's validator stake by the
 * parameter's fraction and jails it, burning the cut (supply conserved: balances sum to the initial
 * supply minus what was burned). Forged evidence is refused on chain.
 */
class DivergenceTest {
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

  /**
   * A module that, once switched on, writes a key no honest replica writes: a replica with a bug.
   */
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
  void aDivergingFollowerHaltsAndIsSlashedAndJailedOnChain() throws Exception {
    Rogue[] rogues = {new Rogue(), new Rogue(), new Rogue()};
    Genesis g = TestCluster.genesis(3, TestCluster.PARAMS);
    cluster =
        TestCluster.create(
            dir,
            3,
            g,
            i -> {
              BankModule bank = new BankModule();
              List<LedgerModule> modules = new java.util.ArrayList<>(Chain.standardModules(bank));
              modules.add(rogues[i]);
              return Chain.of(g, bank, modules);
            });
    txs = new ClusterTxs(cluster);
    cluster.startAll();
    cluster.awaitLeader(Duration.ofSeconds(20));
    txs.ok(0, ALICE, new Transfer(BOB.address(), Amount.ofOpen(1)));
    cluster.awaitConverged(Duration.ofSeconds(20));
    int leader =
        cluster.awaitLeader(
            Duration.ofSeconds(20)); // the leader now, so that the faulty one follows
    int bad = (leader + 1) % 3;
    int honest = (leader + 2) % 3;
    // The chain's rule: the validators contradicting the offender must hold more than 2/3 of the
    // validator stake. With 1000, 1000 and 400 OPEN the two honest validators hold 2000 of 2400.
    txs.ok(leader, TestCluster.key(leader), new Stake(1, Purpose.VALIDATOR, Amount.ofOpen(1000)));
    txs.ok(leader, TestCluster.key(honest), new Stake(1, Purpose.VALIDATOR, Amount.ofOpen(1000)));
    txs.ok(leader, TestCluster.key(bad), new Stake(1, Purpose.VALIDATOR, Amount.ofOpen(400)));
    Address badAccount = TestCluster.key(bad).address();
    Supply before =
        cluster.engine(leader).chain().bank().supply(cluster.engine(leader).reader().snapshot());

    rogues[bad].corrupt.set(true);
    txs.ok(leader, ALICE, new Transfer(BOB.address(), Amount.ofOpen(1)));
    RatisEngine badNode = cluster.engine(bad);
    TestCluster.await(
        Duration.ofSeconds(20),
        "the diverging replica to halt",
        () -> badNode.clusterStatus().halted().isPresent());
    assertThat(badNode.isRunning()).isFalse();

    KeyPair badKey = TestCluster.key(bad);
    for (int i : List.of(leader, honest, bad)) {
      RatisEngine e = cluster.engine(i);
      TestCluster.await(
          Duration.ofSeconds(20), "evidence on node " + i, () -> !e.evidence().isEmpty());
      SignedEvidence ev = e.evidence().get(0);
      assertThat(ev.evidence()).isInstanceOf(Evidence.StateDivergence.class);
      assertThat(ev.evidence().offender()).isEqualTo(badKey.publicKey());
      assertThat(ev.verify(g.chainId(), e.validators(), e.chain().verifier()).isOk()).isTrue();
      assertThat(ev.reporter()).isEqualTo(TestCluster.key(i).publicKey());
    }
    assertThat(badNode.slashReport(badNode.evidence().get(0).hash()))
        .hasValueSatisfying(r -> assertThat(r.status()).isEqualTo("own"));

    // On chain: 1% of the offender's 400 OPEN is burned and its validator role jailed, once.
    RatisEngine chainView = cluster.engine(leader);
    StakingModule staking = chainView.chain().module(StakingModule.class);
    TestCluster.await(
        Duration.ofSeconds(30),
        "the offender to be jailed on chain",
        () ->
            staking.jail(chainView.reader().snapshot(), badAccount, Purpose.VALIDATOR).isPresent());
    StateSnapshot state = chainView.reader().snapshot();
    Jail jail = staking.jail(state, badAccount, Purpose.VALIDATOR).orElseThrow();
    assertThat(jail.tombstoned()).isFalse();
    assertThat(staking.positions(state, badAccount))
        .singleElement()
        .satisfies(p -> assertThat(p.principal()).isEqualTo(Amount.ofOpen(396)));
    assertThat(staking.validators(state, state.header().header().timeMillis()))
        .containsOnlyKeys(TestCluster.key(leader).address(), TestCluster.key(honest).address());
    Supply after = chainView.chain().bank().supply(state);
    assertThat(after.burned()).isEqualTo(before.burned().plus(Amount.ofOpen(4)));
    assertThat(after.total()).isEqualTo(after.initial().minus(after.burned()));
    assertThat(chainView.chain().machine().checkInvariants(state))
        .as("balances sum to the supply; escrow = positions")
        .isEmpty();
    SignedEvidence recorded = chainView.evidence().get(0);
    TestCluster.await(
        Duration.ofSeconds(20),
        "both honest validators to see the fault slashed (one by its own transaction)",
        () ->
            List.of(leader, honest).stream()
                .allMatch(
                    i ->
                        cluster
                            .engine(i)
                            .slashReport(recorded.hash())
                            .map(r -> r.status().equals("slashed"))
                            .orElse(false)));

    // Forged evidence is refused on chain and changes nothing: a vote whose signature is not the
    // offender's, and a majority too small for the chain's rule.
    var divergence =
        (dev.openledger.ledger.msg.Evidence.Divergence) recorded.evidence().toSlashing(g.chainId());
    ValidatorVote o = divergence.offending();
    ValidatorVote forgedVote =
        new ValidatorVote(
            o.validator(), o.chainId(), o.height() + 1, o.kind(), o.value(), o.signature());
    var forged =
        new dev.openledger.ledger.msg.Evidence.Divergence(
            forgedVote,
            divergence.majority().stream()
                .map(
                    v ->
                        ValidatorVote.sign(
                            keyOf(v), v.chainId(), v.height() + 1, v.kind(), v.value()))
                .toList());
    assertThat(txs.run(leader, BOB, new Slash(forged)).code()).isEqualTo("invalid_evidence");
    var tooFew =
        new dev.openledger.ledger.msg.Evidence.Divergence(o, divergence.majority().subList(0, 1));
    assertThat(txs.run(leader, BOB, new Slash(tooFew)).code()).isEqualTo("insufficient_majority");
    assertThat(staking.positions(chainView.reader().snapshot(), badAccount).get(0).principal())
        .isEqualTo(Amount.ofOpen(396));

    // The two honest validators are a quorum: blocks continue and a quorum attests them.
    long height = chainView.reader().height();
    txs.ok(honest, ALICE, new Transfer(BOB.address(), Amount.ofOpen(1)));
    TestCluster.await(
        Duration.ofSeconds(20),
        "a quorum to attest the new head",
        () -> chainView.clusterStatus().attestedHeight() > height);
    assertThat(badNode.reader().height()).isLessThan(chainView.reader().height());

    // Tampering with the cluster's evidence breaks it too.
    Evidence.StateDivergence d = (Evidence.StateDivergence) recorded.evidence();
    Attestation a = d.offending();
    Attestation tampered =
        new Attestation(
            a.validator(),
            a.height(),
            d.majority().get(0).blockHash(),
            a.stateRoot(),
            a.blockSignature(),
            a.stateRootSignature());
    assertThat(
            new Evidence.StateDivergence(tampered, d.majority())
                .verify(g.chainId(), chainView.validators(), chainView.chain().verifier())
                .isOk())
        .isFalse();
    assertThat(
            new Evidence.StateDivergence(a, d.majority().subList(0, 1))
                .verify(g.chainId(), chainView.validators(), chainView.chain().verifier())
                .isOk())
        .as("one contradicting validator is not a quorum of three")
        .isFalse();
  }

  /** The test key of the validator that signed {@code v}. */
  private static KeyPair keyOf(ValidatorVote v) {
    for (int i = 0; i < TestCluster.FUNDED_VALIDATORS; i++) {
      if (TestCluster.key(i).publicKey().equals(v.validator())) {
        return TestCluster.key(i);
      }
    }
    throw new AssertionError("not a test validator: " + v.validator());
  }

  @Test
  void aSignedBlockWithAForgedTransactionIsRefusedEverywhereAndItsSignerSlashed() throws Exception {
    KeyPair byzantine = TestCluster.key(2);
    Genesis g =
        TestCluster.genesis(
            3,
            TestCluster.PARAMS,
            json -> TestCluster.stake(json, byzantine.address(), Purpose.VALIDATOR, 1000));
    cluster = TestCluster.create(dir, 3, g);
    txs = new ClusterTxs(cluster);
    cluster.startAll();
    int leader = cluster.awaitLeader(Duration.ofSeconds(20));
    RatisEngine any = cluster.engine((leader + 1) % 3);
    BlockHeader head = any.reader().latestHeader().header();
    SignedTransaction good = TestChains.tx(ALICE, 0, new Transfer(BOB.address(), Amount.ofOpen(1)));
    byte[] wire = good.encoded();
    wire[wire.length - 1] ^= 1; // break the signature
    SignedTransaction forged = dev.openledger.ledger.tx.TxCodec.decode(wire).orElseThrow();
    BlockHeader h =
        new BlockHeader(
            head.chainId(),
            head.height() + 1,
            head.timeMillis() + 1,
            head.hash(),
            Block.txRoot(List.of(forged)),
            head.receiptRoot(),
            head.stateRoot(),
            byzantine.publicKey(),
            1);
    Signature sig = byzantine.sign(h.signingBytes());
    ApplyOutcome outcome =
        any.submitEntry(new Proposal(new Block(h, sig, List.of(forged)), List.of()));
    assertThat(outcome.code()).isEqualTo("invalid");
    for (int i = 0; i < 3; i++) {
      RatisEngine e = cluster.engine(i);
      TestCluster.await(
          Duration.ofSeconds(20), "evidence on node " + i, () -> !e.evidence().isEmpty());
      Evidence ev = e.evidence().get(0).evidence();
      assertThat(ev).isInstanceOf(Evidence.InvalidProposal.class);
      assertThat(ev.offender()).isEqualTo(byzantine.publicKey());
      assertThat(
              ev.verify(e.chain().genesis().chainId(), e.validators(), e.chain().verifier()).isOk())
          .isTrue();
      // Honest blocks may follow (the slash report itself is a transaction); the forged one never
      // is stored, at its height or any other.
      for (long height = head.height() + 1; height <= e.reader().height(); height++) {
        assertThat(e.reader().header(height).orElseThrow().header().hash())
            .as("the invalid block is not stored (height %d)", height)
            .isNotEqualTo(h.hash());
        assertThat(e.reader().block(height).orElseThrow().txs())
            .as("the forged transaction is not stored (height %d)", height)
            .doesNotContain(forged);
      }
      assertThat(e.clusterStatus().halted()).isEmpty();
    }

    // On chain: the signer loses 5% of its validator stake and is jailed.
    RatisEngine chainView = cluster.engine(leader);
    StakingModule staking = chainView.chain().module(StakingModule.class);
    TestCluster.await(
        Duration.ofSeconds(30),
        "the signer to be jailed on chain",
        () ->
            staking
                .jail(chainView.reader().snapshot(), byzantine.address(), Purpose.VALIDATOR)
                .isPresent());
    StateSnapshot state = chainView.reader().snapshot();
    assertThat(staking.positions(state, byzantine.address()))
        .singleElement()
        .satisfies(p -> assertThat(p.principal()).isEqualTo(Amount.ofOpen(950)));
    assertThat(chainView.chain().bank().supply(state).burned()).isEqualTo(Amount.ofOpen(50));
    assertThat(chainView.chain().machine().checkInvariants(state)).isEmpty();

    // The same block again is one infraction: refused as already slashed.
    var evidence =
        dev.openledger.ledger.msg.Evidence.InvalidBlock.of(new Block(h, sig, List.of(forged)), 0);
    assertThat(txs.run(leader, BOB, new Slash(evidence)).code()).isEqualTo("already_slashed");
    // A block whose transaction is genuine proves nothing.
    BlockHeader honestHeader =
        new BlockHeader(
            h.chainId(),
            h.height() + 1,
            h.timeMillis(),
            h.prevHash(),
            Block.txRoot(List.of(good)),
            h.receiptRoot(),
            h.stateRoot(),
            byzantine.publicKey(),
            1);
    var notEvidence =
        dev.openledger.ledger.msg.Evidence.InvalidBlock.of(
            new Block(honestHeader, byzantine.sign(honestHeader.signingBytes()), List.of(good)), 0);
    assertThat(txs.run(leader, BOB, new Slash(notEvidence)).code()).isEqualTo("invalid_evidence");
    // The chain goes on.
    txs.ok(leader, ALICE, new Transfer(BOB.address(), Amount.ofOpen(1)));
    assertThat(Optional.of(chainView.reader().height()))
        .hasValueSatisfying(hh -> assertThat(hh).isGreaterThan(head.height()));
  }
}
