package dev.openledger.ledger.bank;

import dev.openledger.core.Result;
import dev.openledger.core.codec.DecodeException;
import dev.openledger.core.crypto.Address;
import dev.openledger.core.money.Amount;
import dev.openledger.ledger.state.Namespace;
import dev.openledger.ledger.state.State;
import dev.openledger.ledger.state.StateKey;
import dev.openledger.ledger.state.StateReader;

/**
 * The bank's keeper for balances and nonces; other modules move OPEN only through it. Accounts live
 * at {@code bank/a<20 address bytes>}.
 */
public final class Accounts {
  static final char TABLE = 'a';
  private final Namespace ns;

  Accounts(Namespace ns) {
    this.ns = ns;
  }

  /** The state key of an account (what a proof is about). */
  public StateKey key(Address address) {
    return ns.key(TABLE, address.bytes());
  }

  /** The account, or {@link Account#EMPTY} when it has never been written. */
  public Account get(StateReader state, Address address) {
    return state.get(key(address)).map(b -> decode(b, address)).orElse(Account.EMPTY);
  }

  public void put(State state, Address address, Account account) {
    if (account.isEmpty()) {
      state.delete(key(address));
    } else {
      state.put(key(address), account.encode());
    }
  }

  /** Adds to a balance. */
  public void credit(State state, Address address, Amount amount) {
    Account a = get(state, address);
    put(state, address, a.withBalance(a.balance().plus(amount)));
  }

  /** Takes from a balance, or fails with {@code insufficient_funds} and changes nothing. */
  public Result<Amount> debit(State state, Address address, Amount amount) {
    Account a = get(state, address);
    if (a.balance().isLessThan(amount)) {
      return Result.err(
          "insufficient_funds",
          "balance of "
              + address
              + " is "
              + a.balance()
              + ", less than the "
              + amount
              + " required");
    }
    Amount left = a.balance().minus(amount);
    put(state, address, a.withBalance(left));
    return Result.ok(left);
  }

  /** Moves OPEN between accounts, or fails with {@code insufficient_funds} and changes nothing. */
  public Result<Amount> transfer(State state, Address from, Address to, Amount amount) {
    Result<Amount> debited = debit(state, from, amount);
    if (debited.isOk()) {
      credit(state, to, amount);
    }
    return debited;
  }

  static Account decode(byte[] bytes, Address address) {
    try {
      return Account.decode(bytes);
    } catch (DecodeException e) {
      throw new IllegalStateException(
          "stored account " + address + " is corrupt: " + e.getMessage(), e);
    }
  }
}
