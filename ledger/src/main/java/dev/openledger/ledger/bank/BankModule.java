package dev.openledger.ledger.bank;

import dev.openledger.core.Result;
import dev.openledger.core.codec.DecodeException;
import dev.openledger.core.crypto.Address;
import dev.openledger.core.money.Amount;
import dev.openledger.ledger.block.Event;
import dev.openledger.ledger.exec.AnteHandler;
import dev.openledger.ledger.exec.BlockContext;
import dev.openledger.ledger.exec.Done;
import dev.openledger.ledger.exec.LedgerModule;
import dev.openledger.ledger.exec.MessageHandler;
import dev.openledger.ledger.exec.TxContext;
import dev.openledger.ledger.genesis.Allocation;
import dev.openledger.ledger.genesis.Genesis;
import dev.openledger.ledger.msg.Burn;
import dev.openledger.ledger.msg.Transfer;
import dev.openledger.ledger.state.CloseableIterator;
import dev.openledger.ledger.state.Namespace;
import dev.openledger.ledger.state.State;
import dev.openledger.ledger.state.StateEntry;
import dev.openledger.ledger.state.StateKey;
import dev.openledger.ledger.state.StateReader;
import dev.openledger.ledger.tx.Rejection;
import dev.openledger.ledger.tx.Transaction;
import dev.openledger.ledger.tx.VerifiedTransaction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The bank: balances, nonces, supply, transfers, burns, and the fee charge.
 *
 * <pre>
 * bank/a&lt;address&gt;   → Account {balance, nonce}
 * bank/s             → Supply {initial, burned}
 * bank/m&lt;name&gt;      → address of the module account called name
 * </pre>
 */
public final class BankModule implements LedgerModule, AnteHandler {
  public static final Namespace NAMESPACE = new Namespace("bank");
  public static final String TREASURY_NAME = "treasury";
  /** Where fees go: a module account no key controls. */
  public static final Address TREASURY = Address.module(TREASURY_NAME);
  /** Its Bech32m text, computed once: every fee event names it. */
  private static final String TREASURY_TEXT = TREASURY.toString();

  private static final StateKey SUPPLY = NAMESPACE.key(new byte[] {'s'});
  private static final char MODULE_TABLE = 'm';

  private final Accounts accounts = new Accounts(NAMESPACE);

  @Override
  public Namespace namespace() {
    return NAMESPACE;
  }

  /** The keeper through which other modules read and move balances. */
  public Accounts accounts() {
    return accounts;
  }

  @Override
  public List<MessageHandler<?>> handlers() {
    return List.of(new MessageHandler<>(Transfer.TYPE, this::transfer), new MessageHandler<>(Burn.TYPE, this::burn));
  }

  @Override
  public void initGenesis(Genesis genesis, State state) {
    state.put(SUPPLY, new Supply(genesis.totalSupply(), Amount.ZERO).encode());
    registerModuleAccount(state, TREASURY_NAME);
    for (Allocation a : genesis.allocations()) {
      accounts.credit(state, a.address(), a.amount());
      if (a.moduleAccount()) {
        registerModuleAccount(state, a.name());
      }
    }
  }

  /** Records a module account by name, so that the supply report lists it. */
  public void registerModuleAccount(State state, String name) {
    state.put(NAMESPACE.key(MODULE_TABLE, name.getBytes(StandardCharsets.UTF_8)), Address.module(name).bytes());
  }

  // ---- ante: nonce and fee ----

  @Override
  public Result<List<Event>> checkAndCharge(BlockContext ctx, State state, VerifiedTransaction tx) {
    Transaction body = tx.body();
    Account sender = accounts.get(state, tx.sender());
    if (body.nonce() != sender.nonce()) {
      String why = body.nonce() < sender.nonce() ? "was already used" : "is ahead of the account";
      return Rejection.BAD_NONCE.err("nonce " + body.nonce() + " " + why + "; the next nonce of " + tx.sender() + " is " + sender.nonce());
    }
    if (sender.balance().isLessThan(body.fee())) {
      return Rejection.INSUFFICIENT_FUNDS.err("balance " + sender.balance() + " of " + tx.sender() + " cannot pay the fee " + body.fee());
    }
    accounts.put(state, tx.sender(), new Account(sender.balance().minus(body.fee()), sender.nonce() + 1));
    if (!body.fee().isZero()) {
      accounts.credit(state, TREASURY, body.fee());
    }
    return Result.ok(List.of(Event.of("bank.fee", "payer", tx.sender(), "amount", body.fee().toPlainString(), "to", TREASURY_TEXT)));
  }

  // ---- messages ----

  private Result<Done> transfer(TxContext ctx, Transfer msg) {
    Result<Amount> moved = accounts.transfer(ctx.state(), ctx.sender(), msg.to(), msg.amount());
    if (moved instanceof Result.Err<Amount> err) {
      return Result.err(err.code(), err.message());
    }
    ctx.emit(Event.of("bank.transfer", "from", ctx.sender(), "to", msg.to(), "amount", msg.amount().toPlainString()));
    return Result.ok(Done.DONE);
  }

  private Result<Done> burn(TxContext ctx, Burn msg) {
    Result<Amount> debited = accounts.debit(ctx.state(), ctx.sender(), msg.amount());
    if (debited instanceof Result.Err<Amount> err) {
      return Result.err(err.code(), err.message());
    }
    Supply s = supply(ctx.state());
    ctx.state().put(SUPPLY, new Supply(s.initial(), s.burned().plus(msg.amount())).encode());
    ctx.emit(Event.of("bank.burn", "from", ctx.sender(), "amount", msg.amount().toPlainString()));
    return Result.ok(Done.DONE);
  }

  // ---- queries ----

  public Account account(StateReader state, Address address) {
    return accounts.get(state, address);
  }

  public Supply supply(StateReader state) {
    byte[] b = state.get(SUPPLY).orElseThrow(() -> new IllegalStateException("the supply record is missing: state was not initialised from genesis"));
    try {
      return Supply.decode(b);
    } catch (DecodeException e) {
      throw new IllegalStateException("stored supply record is corrupt: " + e.getMessage(), e);
    }
  }

  /** Module accounts by name, in name order. */
  public Map<String, Address> moduleAccounts(StateReader state) {
    Map<String, Address> out = new TreeMap<>();
    StateKey prefix = NAMESPACE.key(new byte[] {(byte) MODULE_TABLE});
    int skip = prefix.length();
    try (CloseableIterator<StateEntry> it = state.scan(prefix)) {
      while (it.hasNext()) {
        StateEntry e = it.next();
        byte[] k = e.key().bytes();
        out.put(new String(k, skip, k.length - skip, StandardCharsets.UTF_8), Address.wrap(e.value()));
      }
    }
    return out;
  }

  public SupplyReport supplyReport(StateReader state) {
    Supply s = supply(state);
    Map<String, Amount> balances = new TreeMap<>();
    Amount held = Amount.ZERO;
    for (Map.Entry<String, Address> e : moduleAccounts(state).entrySet()) {
      Amount b = accounts.get(state, e.getValue()).balance();
      balances.put(e.getKey(), b);
      held = held.plus(b);
    }
    Amount treasury = accounts.get(state, TREASURY).balance();
    return new SupplyReport(s.initial(), s.burned(), s.total(), treasury, balances, s.total().minus(held));
  }

  // ---- invariants ----

  /** The sum of all balances equals the initial supply minus the burned amount, to the nano-OPEN. */
  @Override
  public List<String> checkInvariants(StateReader state) {
    List<String> violations = new ArrayList<>();
    Amount sum = Amount.ZERO;
    try (CloseableIterator<StateEntry> it = state.scan(NAMESPACE.key(new byte[] {(byte) Accounts.TABLE}))) {
      while (it.hasNext()) {
        StateEntry e = it.next();
        Account a = Accounts.decode(e.value(), null);
        if (a.isEmpty()) {
          violations.add("empty account stored at " + e.key());
        }
        sum = sum.plus(a.balance());
      }
    }
    Supply s = supply(state);
    if (!sum.equals(s.total())) {
      violations.add("balances sum to " + sum.nano() + " nano-OPEN but the supply is " + s.total().nano() + " (" + s.initial().nano() + " initial - " + s.burned().nano() + " burned)");
    }
    return violations;
  }
}
