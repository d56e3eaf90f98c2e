package dev.openledger.ledger.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openledger.core.crypto.Hash;
import dev.openledger.core.crypto.KeyPair;
import dev.openledger.ledger.ChainDriver;
import dev.openledger.ledger.block.BlockHeader;
import dev.openledger.ledger.engine.Admission;
import dev.openledger.ledger.engine.Chain;
import dev.openledger.ledger.engine.ChainReader;
import dev.openledger.ledger.engine.TxOutcome;
import dev.openledger.ledger.exec.ExecutedBlock;
import dev.openledger.ledger.genesis.Genesis;
import dev.openledger.ledger.membership.MembershipModule;
import dev.openledger.ledger.membership.ValidatorSet;
import dev.openledger.ledger.staking.Purpose;
import dev.openledger.ledger.staking.StakingModule;
import dev.openledger.ledger.store.InMemoryLedgerStore;
import dev.openledger.ledger.store.TxLocation;
import dev.openledger.ledger.tx.SignedTransaction;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The reporter submits what the chain's rule accepts and only that: with three validators of equal stake
 * the two contradicting a divergent one hold exactly 2/3, not more, so the cluster's evidence stays
 * unprovable on chain; with less stake behind the offender the same shape of evidence is submitted and
 * slashes. Turns follow the validator set without the offender.
 */
class SlashReporterTest {
  final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  final List<SignedTransaction> sent = new CopyOnWriteArrayList<>();
  final List<CompletableFuture<TxOutcome>> outcomes = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() {
    scheduler.shutdownNow();
  }

  /** A chain whose validators n1, n2, n3 staked {@code stakes} OPEN at genesis, one block in. */
  static ChainDriver chain(long... stakes) {
    Genesis g = TestCluster.genesis(3, TestCluster.PARAMS, json -> {
      for (int i = 0; i < 3; i++) {
        TestCluster.stake(json, TestCluster.key(i).address(), Purpose.VALIDATOR, stakes[i]);
      }
    });
    ChainDriver d = new ChainDriver(Chain.of(g), new InMemoryLedgerStore());
    d.commit(List.of());
    return d;
  }

  SlashReporter reporter(ChainDriver d, KeyPair me) {
    Chain chain = d.chain();
    ChainReader reader = new ChainReader(d.store());
    SlashReporter.Deps deps = new SlashReporter.Deps(
        chain, reader, me, () -> chain.module(MembershipModule.class).validators(reader.snapshot()).orElseThrow(),
        tx -> {
          sent.add(tx);
          CompletableFuture<TxOutcome> outcome = new CompletableFuture<>();
          outcomes.add(outcome);
          return CompletableFuture.completedFuture(new Admission.Accepted(tx.hash(), outcome));
        },
        scheduler, d::time, Duration.ZERO);
    return new SlashReporter(deps, chain.module(StakingModule.class));
  }

  /** n3 attests another state root for the head; n1 and n2 the real one. */
  static SignedEvidence divergenceOfN3(ChainDriver d, KeyPair reporter) {
    BlockHeader head = d.head();
    BlockHeader other = ClusterEntryTest.withRoot(head, Hash.sha256(new byte[] {42}));
    Evidence e = new Evidence.StateDivergence(Attestation.sign(TestCluster.key(2), other), List.of(Attestation.sign(TestCluster.key(0), head), Attestation.sign(TestCluster.key(1), head)));
    return SignedEvidence.sign(e, reporter, head.chainId());
  }

  static void awaitStatus(SlashReporter r, Hash evidence, String status) {
    TestCluster.await(Duration.ofSeconds(10), "report status " + status, () -> r.report(evidence).map(x -> x.status().equals(status)).orElse(false));
  }

  @Test
  void evidenceTheChainCannotProveIsKeptAndNotSubmitted() {
    ChainDriver d = chain(1000, 1000, 1000);
    SlashReporter r = reporter(d, TestCluster.key(0));
    SignedEvidence e = divergenceOfN3(d, TestCluster.key(0));
    r.accept(e);
    awaitStatus(r, e.hash(), "unprovable");
    assertThat(r.report(e.hash()).orElseThrow().detail()).startsWith("insufficient_majority");
    assertThat(sent).isEmpty();

    SlashReporter offender = reporter(d, TestCluster.key(2));
    offender.accept(e);
    assertThat(offender.report(e.hash()).orElseThrow().status()).isEqualTo("own");
  }

  @Test
  void provableEvidenceIsSubmittedOnceAndSlashes() throws Exception {
    ChainDriver d = chain(1000, 1000, 400);
    SlashReporter r = reporter(d, TestCluster.key(1));
    SignedEvidence e = divergenceOfN3(d, TestCluster.key(1));
    r.accept(e);
    awaitStatus(r, e.hash(), "submitted");
    assertThat(sent).singleElement().satisfies(tx -> assertThat(tx.sender()).isEqualTo(TestCluster.key(1).address()));

    ExecutedBlock b = d.commit(sent);
    assertThat(b.results().receipts().get(0).code()).isEqualTo("ok");
    outcomes.get(0).complete(new TxOutcome.Committed(new TxLocation(b.header().height(), 0), b.results().receipts().get(0), b.header()));
    awaitStatus(r, e.hash(), "slashed");
    StakingModule staking = d.chain().module(StakingModule.class);
    assertThat(staking.jail(d.store().state(), TestCluster.key(2).address(), Purpose.VALIDATOR)).isPresent();

    // Another validator's turn comes later and finds the fault slashed: no second fee.
    SlashReporter late = reporter(d, TestCluster.key(0));
    late.accept(SignedEvidence.sign(e.evidence(), TestCluster.key(0), d.head().chainId()));
    awaitStatus(late, e.hash(), "slashed");
    assertThat(late.report(e.hash()).orElseThrow().detail()).startsWith("already_slashed");
    assertThat(sent).hasSize(1);
  }

  @Test
  void turnsFollowTheSetWithoutTheOffender() {
    ChainDriver d = chain(1, 1, 1);
    ValidatorSet set = d.chain().module(MembershipModule.class).validators(d.store().state()).orElseThrow();
    var n1 = TestCluster.key(0).address();
    var n2 = TestCluster.key(1).address();
    var n3 = TestCluster.key(2).address();
    assertThat(SlashReporter.turn(set, n1, n2)).isZero();
    assertThat(SlashReporter.turn(set, n1, n3)).isEqualTo(1);
    assertThat(SlashReporter.turn(set, n2, n1)).isZero();
    assertThat(SlashReporter.turn(set, n2, n3)).isEqualTo(1);
    assertThat(SlashReporter.turn(set, n1, TestCluster.key(5).address())).as("not a validator: last").isEqualTo(2);
  }
}
