package dev.openledger.ledger.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.openledger.core.crypto.KeyPair;
import dev.openledger.core.money.Amount;
import dev.openledger.ledger.TestChains;
import dev.openledger.ledger.bank.BankModule;
import dev.openledger.ledger.genesis.ChainParams;
import dev.openledger.ledger.genesis.DevnetGenesis;
import dev.openledger.ledger.genesis.Genesis;
import dev.openledger.ledger.msg.Burn;
import dev.openledger.ledger.msg.Message;
import dev.openledger.ledger.msg.Transfer;
import dev.openledger.ledger.store.InMemoryLedgerStore;
import dev.openledger.ledger.store.LedgerStore;
import dev.openledger.ledger.store.RocksLedgerStore;
import dev.openledger.ledger.tx.SignedTransaction;
import dev.openledger.ledger.tx.Transaction;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedEngineTest {
  static final Amount FEE = TestChains.FEE;
  final Genesis genesis = TestChains.devnet();
  final KeyPair alice = TestChains.key("alice");
  final KeyPair bob = TestChains.key("bob");
  final List<AutoCloseable> open = new ArrayList<>();
  @TempDir Path dir;

  EmbeddedEngine start(LedgerStore store) {
    EmbeddedEngine e =
        EmbeddedEngine.start(
            Chain.of(genesis), store, DevnetGenesis.sequencerKey(), EngineOptions.defaults());
    open.add(0, e);
    return e;
  }

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable c : open) {
      c.close();
    }
  }

  static Admission admit(LedgerEngine engine, SignedTransaction tx) throws Exception {
    return engine.submit(tx).get(10, TimeUnit.SECONDS);
  }

  static TxOutcome outcome(Admission a) throws Exception {
    assertThat(a).as("admission").isInstanceOf(Admission.Accepted.class);
    return ((Admission.Accepted) a).outcome().get(10, TimeUnit.SECONDS);
  }

  static String refusal(Admission a) {
    assertThat(a).as("admission").isInstanceOf(Admission.Refused.class);
    return ((Admission.Refused) a).code();
  }

  @Test
  void transferAndBurnCommitWithReceiptsAndTheChainReplays() throws Exception {
    InMemoryLedgerStore store = new InMemoryLedgerStore();
    EmbeddedEngine engine = start(store);
    TxOutcome t =
        outcome(
            admit(engine, TestChains.tx(alice, 0, new Transfer(bob.address(), Amount.ofOpen(5)))));
    assertThat(((TxOutcome.Committed) t).receipt().isOk()).isTrue();
    TxOutcome b = outcome(admit(engine, TestChains.tx(bob, 0, new Burn(Amount.ofOpen(2)))));
    assertThat(((TxOutcome.Committed) b).receipt().isOk()).isTrue();
    StateSnapshot snap = engine.reader().snapshot();
    BankModule bank = engine.chain().bank();
    assertThat(bank.account(snap, alice.address()).balance())
        .isEqualTo(Amount.ofOpen(1_000_000 - 5).minus(FEE));
    assertThat(bank.account(snap, bob.address()).balance())
        .isEqualTo(Amount.ofOpen(1_000_000 + 5 - 2).minus(FEE));
    assertThat(bank.supply(snap).burned()).isEqualTo(Amount.ofOpen(2));
    // the fee rule: the stakers' share to the staking rewards reserve, the rest to the treasury
    Amount stakers = bank.params(snap).txFeeStakersShare(FEE);
    assertThat(stakers.isZero()).isFalse();
    assertThat(bank.account(snap, BankModule.TREASURY).balance())
        .isEqualTo(FEE.minus(stakers).times(2));
    assertThat(ChainVerifier.verify(store, engine.chain()).isOk()).isTrue();
  }

  @Test
  void aTransactionAcceptedOnceIsRejectedTheSecondTimeAndAnotherChainIsRejected() throws Exception {
    EmbeddedEngine engine = start(new InMemoryLedgerStore());
    SignedTransaction tx = TestChains.tx(alice, 0, new Transfer(bob.address(), Amount.ofOpen(1)));
    assertThat(outcome(admit(engine, tx))).isInstanceOf(TxOutcome.Committed.class);
    assertThat(refusal(admit(engine, tx))).isEqualTo("bad_nonce");
    SignedTransaction otherChain =
        new Transaction(
                "openledger-mainnet",
                alice.publicKey(),
                1,
                FEE,
                new Transfer(bob.address(), Amount.ofOpen(1)))
            .sign(alice);
    assertThat(refusal(admit(engine, otherChain))).isEqualTo("wrong_chain");
    assertThat(engine.chain().bank().account(engine.reader().snapshot(), alice.address()).nonce())
        .isEqualTo(1);
    assertThat(engine.metrics().refusedByCode())
        .containsEntry("bad_nonce", 1L)
        .containsEntry("wrong_chain", 1L);
  }

  @Test
  void aFailingMessageIsIncludedChargedAndConsumesTheNonce() throws Exception {
    EmbeddedEngine engine = start(new InMemoryLedgerStore());
    TxOutcome o =
        outcome(
            admit(
                engine,
                TestChains.tx(alice, 0, new Transfer(bob.address(), Amount.ofOpen(2_000_000)))));
    var c = (TxOutcome.Committed) o;
    assertThat(c.receipt().code()).isEqualTo("insufficient_funds");
    assertThat(c.receipt().feeCharged()).isEqualTo(FEE);
    var acct = engine.chain().bank().account(engine.reader().snapshot(), alice.address());
    assertThat(acct.nonce()).isEqualTo(1);
    assertThat(acct.balance()).isEqualTo(Amount.ofOpen(1_000_000).minus(FEE));
  }

  @Test
  void aTransactionThatCanNoLongerPayItsFeeIsDroppedUncharged() throws Exception {
    // Both transfers below must be admitted before the block that holds the first one is built.
    // With the fixtures' 20 ms blocks a loaded machine could commit the first in between (then the
    // second is refused at admission instead of dropped), so this chain makes a block every 2 s.
    Genesis slow =
        DevnetGenesis.genesis(
            new ChainParams(
                2000, false, TestChains.FAST.maxTxBytes(), TestChains.FAST.maxBlockTxs(), FEE));
    EmbeddedEngine engine =
        EmbeddedEngine.start(
            Chain.of(slow),
            new InMemoryLedgerStore(),
            DevnetGenesis.sequencerKey(),
            EngineOptions.defaults());
    open.add(0, engine);
    KeyPair poor = KeyPair.insecureFromLabel("poor");
    Amount funding = FEE.times(2).plus(Amount.ofNano(5));
    outcome(admit(engine, TestChains.tx(alice, 0, new Transfer(poor.address(), funding))));
    // both are admitted against the committed balance; in the block the first leaves too little for
    // the second's fee
    Admission first =
        admit(
            engine,
            TestChains.tx(poor, 0, new Transfer(bob.address(), FEE.plus(Amount.ofNano(5)))));
    Admission second =
        admit(engine, TestChains.tx(poor, 1, new Transfer(bob.address(), Amount.ofNano(1))));
    assertThat(((TxOutcome.Committed) outcome(first)).receipt().isOk()).isTrue();
    TxOutcome dropped = outcome(second);
    assertThat(dropped)
        .isEqualTo(
            new TxOutcome.Rejected("insufficient_funds", ((TxOutcome.Rejected) dropped).message()));
    assertThat(engine.status(((Admission.Accepted) second).hash()))
        .hasValueSatisfying(s -> assertThat(s).isInstanceOf(TxStatus.Rejected.class));
    var acct = engine.chain().bank().account(engine.reader().snapshot(), poor.address());
    assertThat(acct.nonce()).isEqualTo(1);
    assertThat(acct.balance()).isEqualTo(Amount.ZERO);
  }

  @Test
  void laterNoncesWaitForTheGapAndDuplicatesAreIdempotent() throws Exception {
    EmbeddedEngine engine = start(new InMemoryLedgerStore());
    SignedTransaction n1 = TestChains.tx(alice, 1, new Transfer(bob.address(), Amount.ofOpen(1)));
    Admission a1 = admit(engine, n1);
    Thread.sleep(3 * genesis.params().blockTimeMs());
    assertThat(engine.status(n1.hash()))
        .hasValueSatisfying(s -> assertThat(s).isInstanceOf(TxStatus.Pending.class));
    Admission again = admit(engine, n1);
    assertThat(((Admission.Accepted) again).outcome())
        .isSameAs(((Admission.Accepted) a1).outcome());
    SignedTransaction otherN1 =
        TestChains.tx(alice, 1, new Transfer(bob.address(), Amount.ofOpen(2)));
    assertThat(refusal(admit(engine, otherN1))).isEqualTo("bad_nonce");
    Admission a0 =
        admit(engine, TestChains.tx(alice, 0, new Transfer(bob.address(), Amount.ofOpen(1))));
    assertThat(outcome(a0)).isInstanceOf(TxOutcome.Committed.class);
    assertThat(outcome(a1)).isInstanceOf(TxOutcome.Committed.class);
    assertThat(engine.status(n1.hash()))
        .hasValueSatisfying(s -> assertThat(s).isInstanceOf(TxStatus.Committed.class));
  }

  @Test
  void aPendingTransactionIsReplacedByItsNonceWithAHigherFee() throws Exception {
    EmbeddedEngine engine = start(new InMemoryLedgerStore());
    // nonce 1 waits behind the gap at nonce 0, so it can still be replaced
    Admission low =
        admit(engine, TestChains.tx(alice, 1, new Transfer(bob.address(), Amount.ofOpen(1))));
    Admission tooLittle =
        admit(
            engine,
            TestChains.tx(
                alice,
                1,
                FEE.plus(FEE.mulDiv(Mempool.REPLACE_BUMP_BPS, 10_000)).minus(Amount.ofNano(1)),
                new Transfer(bob.address(), Amount.ofOpen(7))));
    assertThat(refusal(tooLittle)).isEqualTo("bad_nonce");
    assertThat(((Admission.Refused) tooLittle).message()).contains("to replace it, pay a fee");
    Admission high =
        admit(
            engine,
            TestChains.tx(alice, 1, FEE.times(2), new Transfer(bob.address(), Amount.ofOpen(7))));
    BankModule bank = engine.chain().bank();
    Amount aliceBefore = bank.account(engine.reader().snapshot(), alice.address()).balance();
    Amount bobBefore = bank.account(engine.reader().snapshot(), bob.address()).balance();
    Admission zero =
        admit(engine, TestChains.tx(alice, 0, new Transfer(bob.address(), Amount.ofOpen(1))));
    assertThat(outcome(zero)).isInstanceOf(TxOutcome.Committed.class);
    assertThat(outcome(high)).isInstanceOf(TxOutcome.Committed.class);
    TxOutcome replaced = outcome(low);
    assertThat(replaced).isInstanceOf(TxOutcome.Rejected.class);
    assertThat(((TxOutcome.Rejected) replaced).code()).isEqualTo("bad_nonce");
    StateSnapshot snap = engine.reader().snapshot();
    assertThat(bank.account(snap, bob.address()).balance())
        .isEqualTo(bobBefore.plus(Amount.ofOpen(8)));
    assertThat(bank.account(snap, alice.address()).balance())
        .isEqualTo(aliceBefore.minus(Amount.ofOpen(8)).minus(FEE).minus(FEE.times(2)));
    assertThat(bank.account(snap, alice.address()).nonce()).isEqualTo(2);
  }

  @Test
  @SuppressWarnings("try") // the subscription is held open for the try block, not referenced in it
  void subscribersSeeEveryCommittedBlockInOrder() throws Exception {
    EmbeddedEngine engine = start(new InMemoryLedgerStore());
    List<Long> heights = new CopyOnWriteArrayList<>();
    try (LedgerEngine.Subscription s = engine.subscribe(b -> heights.add(b.block().height()))) {
      for (int i = 0; i < 3; i++) {
        outcome(
            admit(engine, TestChains.tx(alice, i, new Transfer(bob.address(), Amount.ofOpen(1)))));
      }
      long deadline = System.currentTimeMillis() + 5000;
      while (heights.size() < 3 && System.currentTimeMillis() < deadline) {
        Thread.sleep(10);
      }
    }
    assertThat(heights).hasSizeGreaterThanOrEqualTo(1).isSorted().doesNotHaveDuplicates();
    assertThat(heights.get(heights.size() - 1)).isEqualTo(engine.reader().height());
  }

  @Test
  void restartsWhereItStoppedAndRefusesAnotherGenesisOrKey() throws Exception {
    RocksLedgerStore store = RocksLedgerStore.open(dir, true);
    EmbeddedEngine engine =
        EmbeddedEngine.start(
            Chain.of(genesis), store, DevnetGenesis.sequencerKey(), EngineOptions.defaults());
    outcome(admit(engine, TestChains.tx(alice, 0, new Transfer(bob.address(), Amount.ofOpen(1)))));
    long height = engine.reader().height();
    engine.close();
    store.close();

    RocksLedgerStore reopened = RocksLedgerStore.open(dir, true);
    open.add(reopened);
    EmbeddedEngine again = start(reopened);
    assertThat(again.reader().height()).isEqualTo(height);
    assertThat(
            outcome(
                admit(
                    again, TestChains.tx(alice, 1, new Transfer(bob.address(), Amount.ofOpen(1))))))
        .isInstanceOf(TxOutcome.Committed.class);
    assertThat(again.reader().height()).isEqualTo(height + 1);

    Genesis other = DevnetGenesis.genesis(new ChainParams(25, false, 16 * 1024, 1000, FEE));
    assertThatThrownBy(
            () ->
                EmbeddedEngine.start(
                    Chain.of(other),
                    reopened,
                    DevnetGenesis.sequencerKey(),
                    EngineOptions.defaults()))
        .hasMessageContaining("not from this genesis");
    assertThatThrownBy(
            () ->
                EmbeddedEngine.start(
                    Chain.of(genesis),
                    new InMemoryLedgerStore(),
                    KeyPair.insecureFromLabel("mallory"),
                    EngineOptions.defaults()))
        .hasMessageContaining("not the genesis sequencer");
  }

  @Test
  void closingRejectsPendingAndRefusesNewSubmissions() throws Exception {
    EmbeddedEngine engine =
        EmbeddedEngine.start(
            Chain.of(genesis),
            new InMemoryLedgerStore(),
            DevnetGenesis.sequencerKey(),
            EngineOptions.defaults());
    Admission waiting =
        admit(engine, TestChains.tx(alice, 5, new Transfer(bob.address(), Amount.ofOpen(1))));
    engine.close();
    assertThat(outcome(waiting)).isInstanceOf(TxOutcome.Rejected.class);
    assertThat(
            refusal(admit(engine, TestChains.tx(alice, 0, (Message) new Burn(Amount.ofOpen(1))))))
        .isEqualTo("unavailable");
    assertThat(engine.isRunning()).isFalse();
  }
}
