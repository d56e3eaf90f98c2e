package dev.openledger.ledger.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openledger.core.crypto.KeyPair;
import dev.openledger.core.money.Amount;
import dev.openledger.ledger.bank.BankModule;
import dev.openledger.ledger.genesis.ChainParams;
import dev.openledger.ledger.genesis.DevnetGenesis;
import dev.openledger.ledger.genesis.Genesis;
import dev.openledger.ledger.msg.Burn;
import dev.openledger.ledger.msg.Transfer;
import dev.openledger.ledger.store.InMemoryLedgerStore;
import dev.openledger.ledger.tx.SignedTransaction;
import dev.openledger.ledger.tx.Transaction;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EmbeddedEngineTest {
  static final Amount FEE = Amount.ofNano(10_000);
  final Genesis genesis = DevnetGenesis.genesis(new ChainParams(50, false, 16 * 1024, 1000, FEE));
  final Chain chain = Chain.of(genesis);
  final InMemoryLedgerStore store = new InMemoryLedgerStore();
  EmbeddedEngine engine;
  final KeyPair alice = DevnetGenesis.key("alice");
  final KeyPair bob = DevnetGenesis.key("bob");

  @BeforeEach
  void start() {
    engine = EmbeddedEngine.start(chain, store, DevnetGenesis.sequencerKey(), EngineOptions.defaults());
  }

  @AfterEach
  void stop() {
    engine.close();
  }

  SignedTransaction tx(KeyPair from, long nonce, dev.openledger.ledger.msg.Message m) {
    return new Transaction(genesis.chainId(), from.publicKey(), nonce, FEE, m).sign(from);
  }

  TxOutcome submitAndWait(SignedTransaction tx) throws Exception {
    Admission a = engine.submit(tx).get(10, TimeUnit.SECONDS);
    assertThat(a).isInstanceOf(Admission.Accepted.class);
    return ((Admission.Accepted) a).outcome().get(10, TimeUnit.SECONDS);
  }

  @Test
  void transferAndBurnCommitWithReceipts() throws Exception {
    TxOutcome t = submitAndWait(tx(alice, 0, new Transfer(bob.address(), Amount.ofOpen(5))));
    assertThat(t).isInstanceOf(TxOutcome.Committed.class);
    assertThat(((TxOutcome.Committed) t).receipt().isOk()).isTrue();
    TxOutcome b = submitAndWait(tx(bob, 0, new Burn(Amount.ofOpen(2))));
    assertThat(((TxOutcome.Committed) b).receipt().isOk()).isTrue();
    StateSnapshot snap = engine.reader().snapshot();
    BankModule bank = chain.bank();
    assertThat(bank.account(snap, alice.address()).balance()).isEqualTo(Amount.ofOpen(1_000_000 - 5).minus(FEE));
    assertThat(bank.account(snap, bob.address()).balance()).isEqualTo(Amount.ofOpen(1_000_000 + 5 - 2).minus(FEE));
    assertThat(bank.supply(snap).burned()).isEqualTo(Amount.ofOpen(2));
    assertThat(bank.account(snap, BankModule.TREASURY).balance()).isEqualTo(FEE.times(2));
    assertThat(chain.machine().checkInvariants(store.state())).isEmpty();
    assertThat(ChainVerifier.verify(store, chain).isOk()).isTrue();
  }
}
