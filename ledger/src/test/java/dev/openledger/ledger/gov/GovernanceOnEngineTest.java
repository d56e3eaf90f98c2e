package dev.openledger.ledger.gov;

import static dev.openledger.ledger.EconomyHarness.ALICE;
import static dev.openledger.ledger.EconomyHarness.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import dev.openledger.core.crypto.KeyPair;
import dev.openledger.core.money.Amount;
import dev.openledger.ledger.EconomyHarness;
import dev.openledger.ledger.TestChains;
import dev.openledger.ledger.bank.BankParams;
import dev.openledger.ledger.bank.FeeSplit;
import dev.openledger.ledger.block.Receipt;
import dev.openledger.ledger.engine.Admission;
import dev.openledger.ledger.engine.Chain;
import dev.openledger.ledger.engine.ChainVerifier;
import dev.openledger.ledger.engine.EmbeddedEngine;
import dev.openledger.ledger.engine.EngineOptions;
import dev.openledger.ledger.engine.TxOutcome;
import dev.openledger.ledger.genesis.DevnetGenesis;
import dev.openledger.ledger.genesis.Genesis;
import dev.openledger.ledger.msg.Execute;
import dev.openledger.ledger.msg.Message;
import dev.openledger.ledger.msg.Propose;
import dev.openledger.ledger.msg.Queue;
import dev.openledger.ledger.msg.Stake;
import dev.openledger.ledger.msg.UpdateBankParams;
import dev.openledger.ledger.msg.Vote;
import dev.openledger.ledger.staking.Purpose;
import dev.openledger.ledger.store.RocksLedgerStore;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The governance lifecycle on the real engine (wall-clock block times) and a durable RocksDB store:
 * stake, propose a fee split change, vote, queue, execute after the timelock; the change is in the
 * state, and the stored chain replays from genesis to the same roots with every invariant holding.
 */
class GovernanceOnEngineTest {
  @TempDir Path dir;
  final Map<KeyPair, Long> nonces = new HashMap<>();

  @Test
  void aParameterChangePassesAndTakesEffectOnADurableChain() throws Exception {
    Genesis genesis =
        EconomyHarness.genesis(
            g ->
                EconomyHarness.params(g, "gov")
                    .put("votingDelaySeconds", 1)
                    .put("votingPeriodSeconds", 2)
                    .put("timelockSeconds", 1));
    FeeSplit split = new FeeSplit(5_000, 2_000, 1_500, 1_000, 500);
    try (RocksLedgerStore store = RocksLedgerStore.open(dir, true)) {
      Chain chain = Chain.of(genesis);
      try (EmbeddedEngine engine =
          EmbeddedEngine.start(
              chain, store, DevnetGenesis.sequencerKey(), EngineOptions.defaults())) {
        ok(engine, ALICE, new Stake(1, Purpose.GENERAL, Amount.ofOpen(1000)));
        ok(engine, BOB, new Stake(1, Purpose.GENERAL, Amount.ofOpen(200)));
        Thread.sleep(5);
        List<Message> change = List.of(new UpdateBankParams(new BankParams(split, 5_000)));
        ok(engine, ALICE, new Propose(change, "route half of the transaction fees to stakers"));
        GovModule gov = chain.module(GovModule.class);
        Proposal p = gov.proposal(engine.reader().snapshot(), 1).orElseThrow();
        sleepUntil(p.snapshotMillis() + 50);
        ok(engine, ALICE, new Vote(1, VoteSupport.FOR, "more for stakers"));
        ok(engine, BOB, new Vote(1, VoteSupport.AGAINST, ""));
        sleepUntil(p.deadlineMillis() + 50);
        ok(engine, BOB, new Queue(1));
        Proposal queued = gov.proposal(engine.reader().snapshot(), 1).orElseThrow();
        assertThat(outcome(engine, ALICE, new Execute(1)).code()).isEqualTo("timelock");
        sleepUntil(queued.etaMillis() + 50);
        ok(engine, BOB, new Execute(1));
        assertThat(chain.bank().params(engine.reader().snapshot()))
            .isEqualTo(new BankParams(split, 5_000));
        assertThat(
                gov.state(
                    engine.reader().snapshot(),
                    gov.proposal(engine.reader().snapshot(), 1).orElseThrow(),
                    System.currentTimeMillis()))
            .isEqualTo(ProposalState.EXECUTED);
      }
      ChainVerifier.Report report = ChainVerifier.verify(store, Chain.of(genesis)).orElseThrow();
      assertThat(report.height()).isEqualTo(store.height());
    }
  }

  private void ok(EmbeddedEngine engine, KeyPair from, Message m) throws Exception {
    Receipt r = outcome(engine, from, m);
    assertThat(r.code()).as("%s: %s", m.type().name(), r.message()).isEqualTo(Receipt.OK);
  }

  private Receipt outcome(EmbeddedEngine engine, KeyPair from, Message m) throws Exception {
    long nonce = nonces.getOrDefault(from, 0L);
    nonces.put(from, nonce + 1);
    Admission a = engine.submit(TestChains.tx(from, nonce, m)).get(10, TimeUnit.SECONDS);
    assertThat(a).isInstanceOf(Admission.Accepted.class);
    TxOutcome o = ((Admission.Accepted) a).outcome().get(10, TimeUnit.SECONDS);
    assertThat(o).isInstanceOf(TxOutcome.Committed.class);
    return ((TxOutcome.Committed) o).receipt();
  }

  private static void sleepUntil(long epochMillis) throws InterruptedException {
    long wait = epochMillis - System.currentTimeMillis();
    if (wait > 0) {
      Thread.sleep(wait);
    }
  }
}
