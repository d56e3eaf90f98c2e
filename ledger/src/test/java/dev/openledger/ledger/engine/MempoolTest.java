package dev.openledger.ledger.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openledger.core.Result;
import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.KeyPair;
import dev.openledger.core.money.Amount;
import dev.openledger.ledger.TestChains;
import dev.openledger.ledger.bank.Account;
import dev.openledger.ledger.msg.Transfer;
import dev.openledger.ledger.tx.VerifiedTransaction;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Replacement by fee: a pending transaction gives way to one with its sender and nonce that pays at
 * least 10% more, and whichever of the two a block takes, each entry leaves the mempool exactly
 * once — as committed or as stale.
 */
class MempoolTest {
  static final Amount FEE = TestChains.FEE;
  final Chain chain = Chain.of(TestChains.devnet());
  final KeyPair alice = TestChains.key("alice");
  final Address bob = TestChains.key("bob").address();
  final Account funded = new Account(Amount.ofOpen(100), 0);

  VerifiedTransaction tx(long nonce, Amount fee, long amount) {
    return chain
        .verifier()
        .verify(TestChains.tx(alice, nonce, fee, new Transfer(bob, Amount.ofNano(amount))))
        .orElseThrow();
  }

  @Test
  void aHigherFeeReplacesAPendingTransactionAndTooSmallABumpIsRefused() {
    Mempool pool = new Mempool(MempoolLimits.defaults());
    Mempool.Entry first = pool.add(tx(0, FEE, 1), funded).orElseThrow();
    Amount almost = FEE.plus(FEE.mulDiv(Mempool.REPLACE_BUMP_BPS, 10_000)).minus(Amount.ofNano(1));
    Result<Mempool.Entry> refused = pool.add(tx(0, almost, 2), funded);
    assertThat(refused.isOk()).isFalse();
    assertThat(((Result.Err<Mempool.Entry>) refused).message())
        .contains("pay a fee of at least " + almost.plus(Amount.ofNano(1)).toPlainString());

    VerifiedTransaction better = tx(0, FEE.times(2), 3);
    Mempool.Entry second = pool.add(better, funded).orElseThrow();
    assertThat(pool.size()).isEqualTo(1);
    assertThat(pool.contains(first.tx().hash())).isFalse();
    List<Mempool.Entry> stale = new ArrayList<>();
    assertThat(pool.ready(10, a -> 0L, stale)).containsExactly(better);
    assertThat(stale).isEmpty();

    // the replacement commits: the replaced entry comes back once, as stale
    assertThat(pool.remove(List.of(better.hash()))).containsExactly(second);
    Function<Address, Long> next = a -> 1L;
    assertThat(pool.ready(10, next, stale)).isEmpty();
    assertThat(stale).containsExactly(first);
    stale.clear();
    assertThat(pool.ready(10, next, stale)).isEmpty();
    assertThat(stale).isEmpty();
    assertThat(pool.clear()).isEmpty();
  }

  @Test
  void aReplacedTransactionThatABlockAlreadyHeldIsReturnedAsCommittedAndItsReplacementGoesStale() {
    Mempool pool = new Mempool(MempoolLimits.defaults());
    VerifiedTransaction old = tx(0, FEE, 1);
    Mempool.Entry first = pool.add(old, funded).orElseThrow();
    List<Mempool.Entry> stale = new ArrayList<>();
    assertThat(pool.ready(10, a -> 0L, stale)).containsExactly(old); // a block is being built
    Mempool.Entry second = pool.add(tx(0, FEE.times(3), 2), funded).orElseThrow();
    // ... and commits the old one
    assertThat(pool.remove(List.of(old.hash()))).containsExactly(first);
    assertThat(pool.pruneStale(List.of(alice.address()), a -> 1L)).containsExactly(second);
    assertThat(pool.size()).isZero();
    assertThat(pool.clear()).isEmpty();
  }
}
