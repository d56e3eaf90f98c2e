package dev.openledger.ledger.datanet;

import dev.openledger.core.Result;
import dev.openledger.core.crypto.Address;
import dev.openledger.core.money.Amount;
import dev.openledger.ledger.bank.Accounts;
import dev.openledger.ledger.bank.BankModule;
import dev.openledger.ledger.block.Event;
import dev.openledger.ledger.exec.TxContext;

/** Every OPEN movement of the datanet module, through the bank keeper, each with its event. */
final class Payments {
  private static final String TREASURY = BankModule.TREASURY.toString();
  private final Accounts accounts;

  Payments(Accounts accounts) {
    this.accounts = accounts;
  }

  /**
   * Takes a fee from {@code payer} for the treasury; {@code insufficient_funds} changes nothing.
   */
  Result<Amount> fee(TxContext ctx, Address payer, Amount amount, String purpose) {
    if (amount.isZero()) {
      return Result.ok(amount);
    }
    Result<Amount> moved = accounts.transfer(ctx.state(), payer, BankModule.TREASURY, amount);
    if (moved.isOk()) {
      ctx.emit(
          Event.of(
              "datanet.fee",
              "payer",
              payer,
              "amount",
              amount.toPlainString(),
              "for",
              purpose,
              "to",
              TREASURY));
    }
    return moved.map(left -> amount);
  }

  /** Moves a stake from {@code from} into the escrow account. */
  Result<Amount> escrow(TxContext ctx, Address from, Amount amount) {
    Result<Amount> moved = accounts.transfer(ctx.state(), from, DatanetModule.STAKE_ESCROW, amount);
    if (moved.isOk()) {
      ctx.emit(Event.of("datanet.stake", "from", from, "amount", amount.toPlainString()));
    }
    return moved.map(left -> amount);
  }

  /** Returns an escrowed stake to {@code to}. */
  void refund(TxContext ctx, Address to, Amount amount) {
    accounts.transfer(ctx.state(), DatanetModule.STAKE_ESCROW, to, amount).orElseThrow();
    ctx.emit(Event.of("datanet.stake_returned", "to", to, "amount", amount.toPlainString()));
  }

  /** Sends an escrowed stake to the treasury. */
  void forfeit(TxContext ctx, Address of, Amount amount) {
    accounts
        .transfer(ctx.state(), DatanetModule.STAKE_ESCROW, BankModule.TREASURY, amount)
        .orElseThrow();
    ctx.emit(
        Event.of(
            "datanet.stake_forfeited", "of", of, "amount", amount.toPlainString(), "to", TREASURY));
  }

  /** Splits a payment from {@code payer} between the treasury and {@code owner}. */
  Result<Amount> split(
      TxContext ctx, Address payer, Amount total, Amount treasuryShare, Address owner) {
    Result<Amount> debited = accounts.debit(ctx.state(), payer, total);
    if (debited.isOk()) {
      accounts.credit(ctx.state(), BankModule.TREASURY, treasuryShare);
      accounts.credit(ctx.state(), owner, total.minus(treasuryShare));
    }
    return debited.map(left -> total);
  }
}
