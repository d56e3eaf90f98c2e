package dev.openledger.ledger.bank;

import dev.openledger.core.Result;
import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;
import dev.openledger.core.crypto.Address;
import dev.openledger.core.money.Amount;
import dev.openledger.ledger.block.Event;
import dev.openledger.ledger.economy.Counter;
import dev.openledger.ledger.economy.EconomyMetrics;
import dev.openledger.ledger.exec.AnteHandler;
import dev.openledger.ledger.exec.Authority;
import dev.openledger.ledger.exec.BlockContext;
import dev.openledger.ledger.exec.Done;
import dev.openledger.ledger.exec.HookContext;
import dev.openledger.ledger.exec.LedgerModule;
import dev.openledger.ledger.exec.MessageHandler;
import dev.openledger.ledger.exec.TxContext;
import dev.openledger.ledger.genesis.Allocation;
import dev.openledger.ledger.genesis.Genesis;
import dev.openledger.ledger.msg.Burn;
import dev.openledger.ledger.msg.Spend;
import dev.openledger.ledger.msg.Transfer;
import dev.openledger.ledger.msg.UpdateBankParams;
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
import java.util.Optional;
import java.util.TreeMap;

/**
 * The bank: balances, nonces, supply, transfers, burns, the fee charge and its split, vesting of
 * genesis allocations, governed spending from module accounts, and the inference fee split ({@link
 * FeeSplitter}).
 *
 * <pre>
 * bank/a&lt;address&gt;   → Account {balance, nonce}
 * bank/s             → Supply {initial, burned}
 * bank/m&lt;name&gt;      → address of the module account called name
 * bank/g&lt;name&gt;      → present when governance may spend from that module account
 * bank/v&lt;address&gt;   → VestingSchedule of a genesis allocation
 * bank/x             → BankParams
 * </pre>
 */
public final class BankModule implements LedgerModule, AnteHandler {
  public static final Namespace NAMESPACE = new Namespace("bank");
  public static final String TREASURY_NAME = "treasury";

  /** Where fees go: a module account no key controls. */
  public static final Address TREASURY = Address.module(TREASURY_NAME);

  /** Holds genesis allocations that have not vested yet. */
  public static final String VESTING_NAME = "vesting";

  public static final Address VESTING = Address.module(VESTING_NAME);

  /**
   * The staking rewards reserve: the stakers' share of fees goes here, and staking interest is paid
   * from it.
   */
  public static final String STAKERS_RESERVE_NAME = "staking-rewards";

  public static final Address STAKERS_RESERVE = Address.module(STAKERS_RESERVE_NAME);

  /** Its Bech32m text, computed once: every fee event names it. */
  private static final String TREASURY_TEXT = TREASURY.toString();

  private static final StateKey SUPPLY = NAMESPACE.key(new byte[] {'s'});
  private static final StateKey PARAMS = NAMESPACE.key(new byte[] {'x'});
  private static final char MODULE_TABLE = 'm';
  private static final char GOVERNED_TABLE = 'g';
  private static final char VESTING_TABLE = 'v';
  private static final byte[] PRESENT = {1};

  private final Accounts accounts = new Accounts(NAMESPACE);
  private final EconomyMetrics metrics = new EconomyMetrics();
  private final FeeSplitter feeSplitter = new FeeSplitter(this, metrics);

  @Override
  public Namespace namespace() {
    return NAMESPACE;
  }

  /** The keeper through which other modules read and move balances. */
  public Accounts accounts() {
    return accounts;
  }

  /** The inference fee split, for the payment module's settlement. */
  public FeeSplitter feeSplitter() {
    return feeSplitter;
  }

  @Override
  public List<MessageHandler<?>> handlers() {
    return List.of(
        new MessageHandler<>(Transfer.TYPE, this::transfer),
        new MessageHandler<>(Burn.TYPE, this::burnMessage),
        new MessageHandler<>(UpdateBankParams.TYPE, this::updateParams),
        new MessageHandler<>(Spend.TYPE, this::spend));
  }

  /** The genesis section {@code "bank"}: {@code {"params": {...}}}; absent means the defaults. */
  record GenesisSection(BankParams params) {}

  @Override
  public void initGenesis(Genesis genesis, State state) {
    state.put(SUPPLY, new Supply(genesis.totalSupply(), Amount.ZERO).encode());
    BankParams params =
        genesis
            .moduleSection(NAMESPACE.name(), GenesisSection.class)
            .map(GenesisSection::params)
            .orElse(BankParams.defaults());
    putParams(state, params);
    registerModuleAccount(state, TREASURY_NAME);
    registerModuleAccount(state, VESTING_NAME);
    registerModuleAccount(state, STAKERS_RESERVE_NAME);
    state.put(governedKey(TREASURY_NAME), PRESENT);
    for (Allocation a : genesis.allocations()) {
      if (a.vesting().isPresent()
          && a.vesting().get().endMillis(genesis.genesisTimeMillis())
              > genesis.genesisTimeMillis()) {
        long start = genesis.genesisTimeMillis();
        accounts.credit(state, VESTING, a.amount());
        putSchedule(
            state,
            new VestingSchedule(
                a.address(),
                a.amount(),
                Amount.ZERO,
                start,
                a.vesting().get().cliffEndMillis(start),
                a.vesting().get().endMillis(start)));
      } else {
        accounts.credit(state, a.address(), a.amount());
      }
      if (a.moduleAccount()) {
        registerModuleAccount(state, a.name());
        state.put(governedKey(a.name()), PRESENT);
      }
    }
  }

  /** Releases what vested since the last block, from the vesting account to the owners. */
  @Override
  public void beginBlock(HookContext ctx) {
    long now = ctx.block().timeMillis();
    List<VestingSchedule> due = new ArrayList<>();
    try (CloseableIterator<StateEntry> it =
        ctx.state().scan(NAMESPACE.key(new byte[] {(byte) VESTING_TABLE}))) {
      while (it.hasNext()) {
        VestingSchedule s = decodeSchedule(it.next().value());
        if (!s.due(now).isZero()) {
          due.add(s);
        }
      }
    }
    for (VestingSchedule s : due) {
      Amount amount = s.due(now);
      accounts.transfer(ctx.state(), VESTING, s.owner(), amount).orElseThrow();
      putSchedule(ctx.state(), s.withReleased(s.released().plus(amount)));
    }
  }

  private static void putSchedule(State state, VestingSchedule s) {
    state.put(NAMESPACE.key(VESTING_TABLE, s.owner().bytes()), s.encode());
  }

  private static StateKey governedKey(String name) {
    return NAMESPACE.key(GOVERNED_TABLE, name.getBytes(StandardCharsets.UTF_8));
  }

  /** Records a module account by name, so that the supply report lists it. */
  public void registerModuleAccount(State state, String name) {
    state.put(
        NAMESPACE.key(MODULE_TABLE, name.getBytes(StandardCharsets.UTF_8)),
        Address.module(name).bytes());
  }

  // ---- ante: nonce and fee ----

  @Override
  public Result<List<Event>> checkAndCharge(BlockContext ctx, State state, VerifiedTransaction tx) {
    Transaction body = tx.body();
    Account sender = accounts.get(state, tx.sender());
    if (body.nonce() != sender.nonce()) {
      String why = body.nonce() < sender.nonce() ? "was already used" : "is ahead of the account";
      return Rejection.BAD_NONCE.err(
          "nonce "
              + body.nonce()
              + " "
              + why
              + "; the next nonce of "
              + tx.sender()
              + " is "
              + sender.nonce());
    }
    if (sender.balance().isLessThan(body.fee())) {
      return Rejection.INSUFFICIENT_FUNDS.err(
          "balance "
              + sender.balance()
              + " of "
              + tx.sender()
              + " cannot pay the fee "
              + body.fee());
    }
    accounts.put(
        state, tx.sender(), new Account(sender.balance().minus(body.fee()), sender.nonce() + 1));
    // The fee rule: the stakers' share to the staking rewards reserve, the rest (and the dust) to
    // the treasury.
    Amount stakers = params(state).txFeeStakersShare(body.fee());
    Amount treasury = body.fee().minus(stakers);
    if (!treasury.isZero()) {
      accounts.credit(state, TREASURY, treasury);
    }
    if (!stakers.isZero()) {
      accounts.credit(state, STAKERS_RESERVE, stakers);
    }
    return Result.ok(
        List.of(
            Event.of(
                "bank.fee",
                "payer",
                tx.sender(),
                "amount",
                body.fee().toPlainString(),
                "to",
                TREASURY_TEXT,
                "treasury",
                treasury.toPlainString(),
                "stakers",
                stakers.toPlainString())));
  }

  // ---- messages ----

  private Result<Done> transfer(TxContext ctx, Transfer msg) {
    Result<Amount> moved = accounts.transfer(ctx.state(), ctx.sender(), msg.to(), msg.amount());
    if (moved instanceof Result.Err<Amount> err) {
      return Result.err(err.code(), err.message());
    }
    ctx.emit(
        Event.of(
            "bank.transfer",
            "from",
            ctx.sender(),
            "to",
            msg.to(),
            "amount",
            msg.amount().toPlainString()));
    return Result.ok(Done.DONE);
  }

  private Result<Done> burnMessage(TxContext ctx, Burn msg) {
    Result<Amount> burned = burn(ctx.state(), ctx.sender(), msg.amount());
    if (burned instanceof Result.Err<Amount> err) {
      return Result.err(err.code(), err.message());
    }
    ctx.emit(Event.of("bank.burn", "from", ctx.sender(), "amount", msg.amount().toPlainString()));
    return Result.ok(Done.DONE);
  }

  /**
   * Destroys {@code amount} of {@code from}'s OPEN, lowering the total supply (a keeper for other
   * modules, e.g. burning slashed stake), or fails with {@code insufficient_funds} and changes
   * nothing.
   */
  public Result<Amount> burn(State state, Address from, Amount amount) {
    Result<Amount> debited = accounts.debit(state, from, amount);
    if (debited.isOk()) {
      Supply s = supply(state);
      state.put(SUPPLY, new Supply(s.initial(), s.burned().plus(amount)).encode());
    }
    return debited;
  }

  private Result<Done> updateParams(TxContext ctx, UpdateBankParams msg) {
    Result<Done> auth = Authority.requireGovernance(ctx, "bank/update_params");
    if (!auth.isOk()) {
      return auth;
    }
    putParams(ctx.state(), msg.params());
    FeeSplit f = msg.params().inferenceFeeSplit();
    ctx.emit(
        Event.of(
            "bank.params",
            "contributorsBps",
            f.contributorsBps(),
            "developerBps",
            f.developerBps(),
            "providerBps",
            f.providerBps(),
            "stakersBps",
            f.stakersBps(),
            "treasuryBps",
            f.treasuryBps(),
            "txFeeStakersBps",
            msg.params().txFeeStakersBps()));
    return Result.ok(Done.DONE);
  }

  private Result<Done> spend(TxContext ctx, Spend msg) {
    Result<Done> auth = Authority.requireGovernance(ctx, "bank/spend");
    if (!auth.isOk()) {
      return auth;
    }
    if (ctx.state().get(governedKey(msg.account())).isEmpty()) {
      return Result.err(
          "not_governed",
          "'"
              + msg.account()
              + "' is not a module account governance may spend from (the treasury and the genesis allocation pools are)");
    }
    Result<Amount> moved =
        accounts.transfer(ctx.state(), Address.module(msg.account()), msg.to(), msg.amount());
    if (moved instanceof Result.Err<Amount> err) {
      return Result.err(err.code(), err.message());
    }
    if (msg.account().equals(TREASURY_NAME)) {
      metrics.add(ctx.state(), ctx.block(), Counter.TREASURY_SPENT, msg.amount().nano());
    }
    ctx.emit(
        Event.of(
            "bank.spend",
            "account",
            msg.account(),
            "to",
            msg.to(),
            "amount",
            msg.amount().toPlainString()));
    return Result.ok(Done.DONE);
  }

  // ---- queries ----

  public Account account(StateReader state, Address address) {
    return accounts.get(state, address);
  }

  /** The bank's parameters (the fee split and the transaction fee rule). */
  public BankParams params(StateReader state) {
    byte[] b =
        state
            .get(PARAMS)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "the bank parameters are missing: state was not initialised from genesis"));
    try {
      CanonicalReader r = new CanonicalReader(b);
      BankParams p = BankParams.decode(r);
      r.finish();
      return p;
    } catch (DecodeException e) {
      throw new IllegalStateException("stored bank parameters are corrupt: " + e.getMessage(), e);
    }
  }

  private static void putParams(State state, BankParams params) {
    CanonicalWriter w = new CanonicalWriter(32);
    params.encode(w);
    state.put(PARAMS, w.toByteArray());
  }

  /** The vesting schedule of an account's genesis allocation, if it has one. */
  public Optional<VestingSchedule> vesting(StateReader state, Address owner) {
    return state.get(NAMESPACE.key(VESTING_TABLE, owner.bytes())).map(BankModule::decodeSchedule);
  }

  /** Every vesting schedule, in owner address order. */
  public List<VestingSchedule> vestingSchedules(StateReader state) {
    List<VestingSchedule> out = new ArrayList<>();
    try (CloseableIterator<StateEntry> it =
        state.scan(NAMESPACE.key(new byte[] {(byte) VESTING_TABLE}))) {
      while (it.hasNext()) {
        out.add(decodeSchedule(it.next().value()));
      }
    }
    return out;
  }

  /**
   * Names of the module accounts governance may spend from with {@code bank/spend}, in name order.
   */
  public List<String> governedAccounts(StateReader state) {
    List<String> out = new ArrayList<>();
    StateKey prefix = NAMESPACE.key(new byte[] {(byte) GOVERNED_TABLE});
    int skip = prefix.length();
    try (CloseableIterator<StateEntry> it = state.scan(prefix)) {
      while (it.hasNext()) {
        byte[] k = it.next().key().bytes();
        out.add(new String(k, skip, k.length - skip, StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  private static VestingSchedule decodeSchedule(byte[] b) {
    try {
      return VestingSchedule.decode(b);
    } catch (DecodeException e) {
      throw new IllegalStateException("stored vesting schedule is corrupt: " + e.getMessage(), e);
    }
  }

  public Supply supply(StateReader state) {
    byte[] b =
        state
            .get(SUPPLY)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "the supply record is missing: state was not initialised from genesis"));
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
        out.put(
            new String(k, skip, k.length - skip, StandardCharsets.UTF_8), Address.wrap(e.value()));
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
    return new SupplyReport(
        s.initial(), s.burned(), s.total(), treasury, balances, s.total().minus(held));
  }

  // ---- invariants ----

  /**
   * The sum of all balances equals the initial supply minus the burned amount, to the nano-OPEN.
   */
  @Override
  public List<String> checkInvariants(StateReader state) {
    List<String> violations = new ArrayList<>();
    Amount sum = Amount.ZERO;
    try (CloseableIterator<StateEntry> it =
        state.scan(NAMESPACE.key(new byte[] {(byte) Accounts.TABLE}))) {
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
      violations.add(
          "balances sum to "
              + sum.nano()
              + " nano-OPEN but the supply is "
              + s.total().nano()
              + " ("
              + s.initial().nano()
              + " initial - "
              + s.burned().nano()
              + " burned)");
    }
    Amount held = Amount.ZERO;
    for (VestingSchedule v : vestingSchedules(state)) {
      held = held.plus(v.held());
    }
    Amount vestingBalance = accounts.get(state, VESTING).balance();
    if (!held.equals(vestingBalance)) {
      violations.add(
          "the vesting account holds " + vestingBalance + " but the schedules still hold " + held);
    }
    return violations;
  }
}
