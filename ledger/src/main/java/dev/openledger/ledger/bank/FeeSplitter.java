package dev.openledger.ledger.bank;

import dev.openledger.core.Result;
import dev.openledger.core.crypto.Address;
import dev.openledger.core.money.Amount;
import dev.openledger.ledger.bank.FeeSplit.FeeShares;
import dev.openledger.ledger.bank.Settlement.Direct;
import dev.openledger.ledger.bank.Settlement.Escrow;
import dev.openledger.ledger.bank.Settlement.Share;
import dev.openledger.ledger.block.Event;
import dev.openledger.ledger.economy.Counter;
import dev.openledger.ledger.economy.EconomyMetrics;
import dev.openledger.ledger.economy.RewardKind;
import dev.openledger.ledger.exec.BlockContext;
import dev.openledger.ledger.exec.TxContext;
import dev.openledger.ledger.state.State;
import java.util.function.Consumer;

/**
 * Divides an inference fee by the governance parameter {@link BankParams#inferenceFeeSplit()}: the
 * payment module calls {@link #settle} once per paid inference. Exact integer arithmetic; every
 * rounding remainder goes to the treasury, so the parts always sum to the fee.
 */
public final class FeeSplitter {
  private final BankModule bank;
  private final EconomyMetrics metrics;

  FeeSplitter(BankModule bank, EconomyMetrics metrics) {
    this.bank = bank;
    this.metrics = metrics;
  }

  /** {@link #settle(State, BlockContext, Consumer, Settlement)} inside a message handler. */
  public Result<FeeShares> settle(TxContext ctx, Settlement s) {
    return settle(ctx.state(), ctx.block(), ctx::emit, s);
  }

  /**
   * Takes {@code s.fee()} from {@code s.payer()} and pays it out: contributors (directly by weight,
   * or into an escrow), developer, provider, the staking rewards reserve and the treasury (its
   * share plus all dust). Counts the inference, the rewards and the treasury income for the economy
   * figures. Fails with {@code insufficient_funds} and changes nothing when the payer cannot pay.
   *
   * @return the five parts actually paid (the treasury's including the contributors' rounding dust)
   */
  public Result<FeeShares> settle(
      State state, BlockContext block, Consumer<Event> events, Settlement s) {
    Result<Amount> debited = bank.accounts().debit(state, s.payer(), s.fee());
    if (debited instanceof Result.Err<Amount> err) {
      return Result.err(err.code(), err.message());
    }
    FeeShares shares = bank.params(state).inferenceFeeSplit().split(s.fee());
    Amount dust = payContributors(state, block, s, shares.contributors());
    Amount treasury = shares.treasury().plus(dust);
    pay(state, s.developer(), shares.developer());
    pay(state, s.provider(), shares.provider());
    pay(state, BankModule.STAKERS_RESERVE, shares.stakers());
    pay(state, BankModule.TREASURY, treasury);

    metrics.recordReward(state, block, RewardKind.DEVELOPER, s.developer(), shares.developer());
    metrics.recordReward(state, block, RewardKind.PROVIDER, s.provider(), shares.provider());
    metrics.add(state, block, Counter.TREASURY_SETTLEMENT_IN, treasury.nano());
    s.model().ifPresent(m -> metrics.recordInference(state, block, m, s.fee()));
    FeeShares paid =
        new FeeShares(
            shares.contributors().minus(dust),
            shares.developer(),
            shares.provider(),
            shares.stakers(),
            treasury);
    events.accept(
        Event.of(
            "bank.fee_split",
            "payer",
            s.payer(),
            "fee",
            s.fee().toPlainString(),
            "model",
            s.model().orElse(""),
            "contributors",
            paid.contributors().toPlainString(),
            "developer",
            paid.developer().toPlainString(),
            "provider",
            paid.provider().toPlainString(),
            "stakers",
            paid.stakers().toPlainString(),
            "treasury",
            paid.treasury().toPlainString()));
    return Result.ok(paid);
  }

  /** Pays the contributors' share; returns the rounding dust left for the treasury. */
  private Amount payContributors(State state, BlockContext block, Settlement s, Amount share) {
    if (s.contributors() instanceof Escrow e) {
      pay(state, e.pool(), share);
      return Amount.ZERO;
    }
    Direct d = (Direct) s.contributors();
    long total = d.totalWeight();
    Amount paid = Amount.ZERO;
    for (Share c : d.shares()) {
      Amount a = share.mulDiv(c.weight(), total);
      pay(state, c.contributor(), a);
      metrics.recordReward(state, block, RewardKind.CONTRIBUTOR, c.contributor(), a);
      paid = paid.plus(a);
    }
    return share.minus(paid);
  }

  private void pay(State state, Address to, Amount amount) {
    if (!amount.isZero()) {
      bank.accounts().credit(state, to, amount);
    }
  }
}
