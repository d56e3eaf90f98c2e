package dev.openledger.ledger.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import dev.openledger.core.money.Amount;
import dev.openledger.ledger.bank.BankModule;
import dev.openledger.ledger.block.Block;
import dev.openledger.ledger.block.BlockResults;
import dev.openledger.ledger.engine.ChainReader;
import dev.openledger.ledger.engine.StateSnapshot;
import dev.openledger.ledger.genesis.Genesis;
import dev.openledger.ledger.msg.Transfer;
import dev.openledger.ledger.store.TxLocation;
import dev.openledger.ledger.tx.SignedTransaction;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a history against the replicas' chains (Jepsen-style): the replicas hold one chain; every
 * ok transfer is in it exactly once, where its client saw it; no failed transfer is in it; unknown
 * ones are in it at most once; nothing is in it that no client sent; an ok transfer that completed
 * before another was invoked comes first; and replaying the committed order on a plain model of
 * balances and fees gives every receipt and every balance the replicas hold.
 */
final class HistoryChecker {
  private HistoryChecker() {}

  /** Checks the history against the chains of {@code nodes} (all at the same height). */
  static void check(History history, List<ChainReader> nodes, BankModule bank, Genesis genesis) {
    ChainReader first = nodes.get(0);
    long height = first.height();
    for (ChainReader r : nodes) {
      assertThat(r.height()).as("every replica at one height").isEqualTo(height);
      for (long h = 0; h <= height; h++) {
        assertThat(r.header(h).orElseThrow().header())
            .as("block %d on every replica", h)
            .isEqualTo(first.header(h).orElseThrow().header());
      }
    }
    Map<Hash, TxLocation> inChain = new HashMap<>();
    List<SignedTransaction> order = new ArrayList<>();
    List<String> codes = new ArrayList<>();
    for (long h = 1; h <= height; h++) {
      Block b = first.block(h).orElseThrow();
      BlockResults res = first.results(h).orElseThrow();
      for (int i = 0; i < b.txs().size(); i++) {
        SignedTransaction tx = b.txs().get(i);
        assertThat(inChain.put(tx.hash(), new TxLocation(h, i)))
            .as("transaction %s appears twice", tx.hash())
            .isNull();
        order.add(tx);
        codes.add(res.receipts().get(i).code());
      }
    }
    Map<Hash, History.Op> byHash = new HashMap<>();
    for (History.Op op : history.ops()) {
      byHash.put(op.hash(), op);
      switch (op.type()) {
        case OK ->
            assertThat(inChain.get(op.hash()))
                .as("acknowledged %s (nonce %d of %s)", op.hash(), op.nonce(), op.from())
                .isEqualTo(op.location().orElseThrow());
        case FAIL ->
            assertThat(inChain)
                .as("failed op %s (%s) must not be in the chain", op.hash(), op.detail())
                .doesNotContainKey(op.hash());
        case INFO -> {} // at most once: checked above for every transaction in the chain
      }
    }
    for (SignedTransaction tx : order) {
      assertThat(byHash)
          .as("chain transaction %s was sent by a client", tx.hash())
          .containsKey(tx.hash());
    }
    checkRealTimeOrder(history, inChain);
    checkSerialReplay(
        order, codes, first.snapshot(0).orElseThrow(), first.snapshot(), bank, genesis);
  }

  /** If A was acknowledged before B was invoked, A precedes B in the chain. */
  private static void checkRealTimeOrder(History history, Map<Hash, TxLocation> inChain) {
    List<History.Op> ok =
        new ArrayList<>(history.ops().stream().filter(o -> o.type() == History.Type.OK).toList());
    ok.sort(Comparator.comparingLong(History.Op::completedNanos));
    Comparator<TxLocation> pos =
        Comparator.comparingLong(TxLocation::height).thenComparingInt(TxLocation::index);
    List<History.Op> byInvoke = new ArrayList<>(ok);
    byInvoke.sort(Comparator.comparingLong(History.Op::invokedNanos));
    // For each op B, the latest-positioned op acknowledged before B's invocation must precede B.
    int j = 0;
    TxLocation maxBefore = null;
    for (History.Op b : byInvoke) {
      while (j < ok.size() && ok.get(j).completedNanos() < b.invokedNanos()) {
        TxLocation l = inChain.get(ok.get(j).hash());
        if (maxBefore == null || pos.compare(l, maxBefore) > 0) {
          maxBefore = l;
        }
        j++;
      }
      if (maxBefore != null) {
        assertThat(pos.compare(maxBefore, inChain.get(b.hash())))
            .as("real-time order of %s", b.hash())
            .isLessThan(0);
      }
    }
  }

  /**
   * Replays the committed order on a model of the accounts the transfers touch, starting from their
   * balances at genesis: the fee splits between the staking rewards reserve ({@code
   * txFeeStakersBps}) and the treasury, then the transfer happens if the balance covers it. Other
   * accounts (vesting releases, say) are not the model's business.
   */
  private static void checkSerialReplay(
      List<SignedTransaction> order,
      List<String> codes,
      StateSnapshot start,
      StateSnapshot state,
      BankModule bank,
      Genesis genesis) {
    Map<Address, Amount> balance = new HashMap<>();
    java.util.function.Function<Address, Amount> initial = a -> bank.account(start, a).balance();
    balance.put(BankModule.TREASURY, initial.apply(BankModule.TREASURY));
    balance.put(BankModule.STAKERS_RESERVE, initial.apply(BankModule.STAKERS_RESERVE));
    var params = bank.params(start);
    Map<Address, Long> nonces = new HashMap<>();
    for (int i = 0; i < order.size(); i++) {
      SignedTransaction tx = order.get(i);
      Address from = tx.sender();
      Transfer t = (Transfer) tx.body().message();
      balance.computeIfAbsent(from, initial);
      balance.computeIfAbsent(t.to(), initial);
      assertThat(tx.body().nonce())
          .as("nonces of %s in chain order", from)
          .isEqualTo(nonces.getOrDefault(from, 0L));
      nonces.put(from, tx.body().nonce() + 1);
      Amount fee = tx.body().fee();
      Amount stakers = params.txFeeStakersShare(fee);
      balance.put(from, balance.get(from).minus(fee));
      balance.merge(BankModule.STAKERS_RESERVE, stakers, Amount::plus);
      balance.merge(BankModule.TREASURY, fee.minus(stakers), Amount::plus);
      boolean covered = !balance.get(from).isLessThan(t.amount());
      assertThat(codes.get(i))
          .as("receipt of %s", tx.hash())
          .isEqualTo(covered ? "ok" : "insufficient_funds");
      if (covered) {
        balance.put(from, balance.get(from).minus(t.amount()));
        balance.merge(t.to(), t.amount(), Amount::plus);
      }
    }
    for (Map.Entry<Address, Amount> e : balance.entrySet()) {
      assertThat(bank.account(state, e.getKey()).balance())
          .as("balance of %s", e.getKey())
          .isEqualTo(e.getValue());
    }
    for (Map.Entry<Address, Long> e : nonces.entrySet()) {
      assertThat(bank.account(state, e.getKey()).nonce())
          .as("nonce of %s", e.getKey())
          .isEqualTo(e.getValue());
    }
    assertThat(bank.checkInvariants(state)).as("supply invariants").isEmpty();
    assertThat(bank.supply(state).total()).isEqualTo(genesis.totalSupply());
  }
}
