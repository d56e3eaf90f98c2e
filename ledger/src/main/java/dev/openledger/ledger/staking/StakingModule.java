package dev.openledger.ledger.staking;

import dev.openledger.core.Result;
import dev.openledger.core.crypto.Address;
import dev.openledger.core.money.Amount;
import dev.openledger.ledger.bank.BankModule;
import dev.openledger.ledger.block.Event;
import dev.openledger.ledger.economy.Counter;
import dev.openledger.ledger.economy.EconomyMetrics;
import dev.openledger.ledger.economy.RewardKind;
import dev.openledger.ledger.exec.Authority;
import dev.openledger.ledger.exec.BlockContext;
import dev.openledger.ledger.exec.Done;
import dev.openledger.ledger.exec.LedgerModule;
import dev.openledger.ledger.exec.MessageHandler;
import dev.openledger.ledger.exec.TxContext;
import dev.openledger.ledger.genesis.Genesis;
import dev.openledger.ledger.msg.CreatePool;
import dev.openledger.ledger.msg.Delegate;
import dev.openledger.ledger.msg.Slash;
import dev.openledger.ledger.msg.Stake;
import dev.openledger.ledger.msg.TopUp;
import dev.openledger.ledger.msg.Unjail;
import dev.openledger.ledger.msg.Unstake;
import dev.openledger.ledger.msg.UpdatePool;
import dev.openledger.ledger.msg.UpdateStakingParams;
import dev.openledger.ledger.msg.Withdraw;
import dev.openledger.ledger.state.Namespace;
import dev.openledger.ledger.state.State;
import dev.openledger.ledger.state.StateReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Staking after OpenLedger's staking contract: pools with a lock (0 = flexible), a cooldown, per-owner
 * minimum and maximum, and an annual rate compounded continuously; stake, top up (interest into principal,
 * start and lock restart), request unstake (locked stakes only after their lock), withdraw after the
 * cooldown. Interest comes out of the staking rewards reserve. Stakes back roles ({@link Purpose}), carry
 * voting power ({@link VotingPower}) and can be slashed ({@link Slasher}).
 */
public final class StakingModule implements LedgerModule {
  public static final Namespace NAMESPACE = StakingStore.NS;
  /** The module account holding staked principal and unbonding amounts. */
  public static final String ESCROW_NAME = "staking";
  public static final Address ESCROW = Address.module(ESCROW_NAME);

  private final BankModule bank;
  private final EconomyMetrics metrics = new EconomyMetrics();
  private final StakingStore store = new StakingStore();
  private final VotingPower votingPower = new VotingPower();
  private final ActiveValidators active;
  private final Slasher slasher;

  /** Staking on a chain where every owner of validator stake is a validator. */
  public StakingModule(BankModule bank) {
    this(bank, ActiveValidators.ANY_STAKER);
  }

  /**
   * Staking on a chain whose validators another module names (a replicated chain's validator set): only
   * their validator stake counts as the validator set's.
   */
  public StakingModule(BankModule bank, ActiveValidators active) {
    this.bank = Objects.requireNonNull(bank, "bank");
    this.active = Objects.requireNonNull(active, "active");
    this.slasher = new Slasher(store, votingPower, bank, metrics, active);
  }

  @Override
  public Namespace namespace() {
    return NAMESPACE;
  }

  /** Voting power and its history, for the governance module. */
  public VotingPower votingPower() {
    return votingPower;
  }

  /** The slashing keeper, for modules that establish misbehaviour themselves. */
  public Slasher slasher() {
    return slasher;
  }

  @Override
  public List<MessageHandler<?>> handlers() {
    return List.of(
        new MessageHandler<>(Stake.TYPE, this::stake),
        new MessageHandler<>(TopUp.TYPE, this::topUp),
        new MessageHandler<>(Unstake.TYPE, this::unstake),
        new MessageHandler<>(Withdraw.TYPE, this::withdraw),
        new MessageHandler<>(Delegate.TYPE, this::delegate),
        new MessageHandler<>(Slash.TYPE, this::slash),
        new MessageHandler<>(Unjail.TYPE, this::unjail),
        new MessageHandler<>(CreatePool.TYPE, this::createPool),
        new MessageHandler<>(UpdatePool.TYPE, this::updatePool),
        new MessageHandler<>(UpdateStakingParams.TYPE, this::updateParams));
  }

  /**
   * The genesis section {@code "staking"}: {@code {"params": {...}, "pools": [...], "stakes": [...]}}; absent
   * means the default parameters, no pools (governance creates them) and no stakes.
   *
   * @param params slashing parameters
   * @param pools pools, numbered from 1 in this order
   * @param stakes positions opened at genesis (a replicated chain's validators stake this way), in this order
   */
  public record GenesisSection(StakingParams params, List<PoolConfig> pools, List<GenesisStake> stakes) {
    public GenesisSection {
      Objects.requireNonNull(params, "params");
      pools = pools == null ? List.of() : List.copyOf(pools);
      stakes = stakes == null ? List.of() : List.copyOf(stakes);
    }
  }

  /**
   * A position opened at genesis from the owner's genesis allocation, under the same rules as
   * {@code staking/stake} at the genesis time (pool active, bounds, enough liquid OPEN).
   *
   * @param owner whose allocation pays it
   * @param pool the pool id
   * @param purpose the role it backs
   * @param amount the principal
   */
  public record GenesisStake(Address owner, long pool, Purpose purpose, Amount amount) {
    public GenesisStake {
      Objects.requireNonNull(owner, "owner");
      Objects.requireNonNull(purpose, "purpose");
      Objects.requireNonNull(amount, "amount");
    }
  }

  @Override
  public void initGenesis(Genesis genesis, State state) {
    GenesisSection g = genesis.moduleSection(NAMESPACE.name(), GenesisSection.class).orElse(new GenesisSection(StakingParams.defaults(), List.of(), List.of()));
    store.putParams(state, g.params());
    store.initCounters(state);
    for (PoolConfig p : g.pools()) {
      store.putPool(state, store.nextPoolId(state), p);
    }
    bank.registerModuleAccount(state, ESCROW_NAME);
    for (GenesisStake s : g.stakes()) {
      Result<Position> opened = open(state, s.owner(), s.pool(), s.purpose(), s.amount(), genesis.genesisTimeMillis(), 0);
      if (opened instanceof Result.Err<Position> err) {
        throw new IllegalArgumentException("genesis section 'staking': the stake of " + s.amount() + " by " + s.owner() + " fails: " + err.code() + ": " + err.message());
      }
    }
  }

  // ---- positions ----

  private Result<Done> stake(TxContext ctx, Stake msg) {
    Result<Position> opened = open(ctx.state(), ctx.sender(), msg.pool(), msg.purpose(), msg.amount(), ctx.block().timeMillis(), ctx.block().height());
    if (opened instanceof Result.Err<Position> err) {
      return Result.err(err.code(), err.message());
    }
    Position p = opened.orElseThrow();
    ctx.emit(Event.of("staking.stake", "position", p.id(), "owner", p.owner(), "pool", p.pool(), "purpose", label(p.purpose()), "amount", p.principal().toPlainString()));
    return Result.ok(Done.DONE);
  }

  /** Opens a position from the owner's liquid OPEN: {@code staking/stake}, and genesis stakes. */
  private Result<Position> open(State state, Address owner, long poolId, Purpose purpose, Amount amount, long now, long height) {
    Optional<PoolConfig> pool = store.pool(state, poolId);
    if (pool.isEmpty()) {
      return Result.err("unknown_pool", "no staking pool " + poolId);
    }
    PoolConfig cfg = pool.get();
    if (!cfg.active()) {
      return Result.err("pool_inactive", "pool " + poolId + " (" + cfg.name() + ") accepts no new stakes");
    }
    Optional<Jail> jail = store.jail(state, owner, purpose);
    if (jail.isPresent() && jail.get().activeAt(now)) {
      return Result.err("jailed", owner + " is jailed as " + label(purpose));
    }
    Amount before = store.poolTotal(state, poolId, owner);
    Result<Done> bounds = checkBounds(cfg, poolId, before.plus(amount));
    if (bounds instanceof Result.Err<Done> err) {
      return Result.err(err.code(), err.message());
    }
    Result<Amount> paid = bank.accounts().transfer(state, owner, ESCROW, amount);
    if (paid instanceof Result.Err<Amount> err) {
      return Result.err(err.code(), err.message());
    }
    long id = store.nextPositionId(state);
    Position p = new Position(id, owner, poolId, purpose, amount, now, cfg.annualRateBps(), cfg.lockSeconds() * 1000, height);
    store.putPosition(state, p);
    store.putPoolTotal(state, poolId, owner, before.plus(amount));
    votingPower.addUnits(state, owner, amount, now);
    return Result.ok(p);
  }

  private Result<Done> topUp(TxContext ctx, TopUp msg) {
    Result<Position> owned = owned(ctx, msg.position());
    if (owned instanceof Result.Err<Position> err) {
      return Result.err(err.code(), err.message());
    }
    Position p = owned.orElseThrow();
    PoolConfig cfg = store.pool(ctx.state(), p.pool()).orElseThrow();
    long now = ctx.block().timeMillis();
    if (!cfg.topUpEnabled()) {
      return Result.err("topup_disabled", "pool " + p.pool() + " (" + cfg.name() + ") does not allow top-ups");
    }
    if (p.lockMillis() > 0 && now >= p.lockEndMillis()) {
      return Result.err("stake_ended", "position " + p.id() + "'s lock ended at " + Instant.ofEpochMilli(p.lockEndMillis()) + "; unstake it instead");
    }
    Amount before = store.poolTotal(ctx.state(), p.pool(), p.owner());
    Amount interest = interestDue(p, now);
    Amount added = msg.amount().plus(interest);
    Result<Done> bounds = checkBounds(cfg, p.pool(), before.plus(added));
    if (!bounds.isOk()) {
      return bounds;
    }
    Result<Amount> moved = bank.accounts().transfer(ctx.state(), ctx.sender(), ESCROW, msg.amount());
    if (moved instanceof Result.Err<Amount> err) {
      return Result.err(err.code(), err.message());
    }
    Amount paid = payInterest(ctx.state(), ctx.block(), p.owner(), interest);
    Amount principal = p.principal().plus(msg.amount()).plus(paid);
    store.putPosition(ctx.state(), p.with(principal, now, cfg.annualRateBps(), cfg.lockSeconds() * 1000));
    store.putPoolTotal(ctx.state(), p.pool(), p.owner(), before.plus(msg.amount()).plus(paid));
    votingPower.addUnits(ctx.state(), p.owner(), msg.amount().plus(paid), now);
    ctx.emit(Event.of("staking.topup", "position", p.id(), "amount", msg.amount().toPlainString(), "interest", paid.toPlainString(), "principal", principal.toPlainString()));
    return Result.ok(Done.DONE);
  }

  private Result<Done> unstake(TxContext ctx, Unstake msg) {
    Result<Position> owned = owned(ctx, msg.position());
    if (owned instanceof Result.Err<Position> err) {
      return Result.err(err.code(), err.message());
    }
    Position p = owned.orElseThrow();
    long now = ctx.block().timeMillis();
    if (p.lockedAt(now)) {
      return Result.err("locked", "position " + p.id() + " is locked until " + Instant.ofEpochMilli(p.lockEndMillis()));
    }
    PoolConfig cfg = store.pool(ctx.state(), p.pool()).orElseThrow();
    Amount paid = payInterest(ctx.state(), ctx.block(), p.owner(), interestDue(p, now));
    Amount amount = p.principal().plus(paid);
    store.deletePosition(ctx.state(), p);
    store.putPoolTotal(ctx.state(), p.pool(), p.owner(), store.poolTotal(ctx.state(), p.pool(), p.owner()).minus(p.principal()));
    votingPower.removeUnits(ctx.state(), p.owner(), p.principal(), now);
    if (cfg.cooldownSeconds() == 0) {
      bank.accounts().transfer(ctx.state(), ESCROW, p.owner(), amount).orElseThrow();
      ctx.emit(Event.of("staking.unstake", "position", p.id(), "amount", amount.toPlainString(), "interest", paid.toPlainString(), "unlock", now));
      ctx.emit(Event.of("staking.withdraw", "position", p.id(), "owner", p.owner(), "amount", amount.toPlainString()));
      return Result.ok(Done.DONE);
    }
    long unlock = now + cfg.cooldownSeconds() * 1000;
    store.putUnbonding(ctx.state(), new Unbonding(p.id(), p.owner(), p.pool(), p.purpose(), amount, now, unlock, ctx.block().height(), p.createdHeight()));
    ctx.emit(Event.of("staking.unstake", "position", p.id(), "amount", amount.toPlainString(), "interest", paid.toPlainString(), "unlock", unlock));
    return Result.ok(Done.DONE);
  }

  private Result<Done> withdraw(TxContext ctx, Withdraw msg) {
    Optional<Unbonding> found = store.unbonding(ctx.state(), msg.position());
    if (found.isEmpty()) {
      return Result.err("unknown_unbonding", "position " + msg.position() + " has no unstake request in its cooldown");
    }
    Unbonding u = found.get();
    if (!u.owner().equals(ctx.sender())) {
      return Result.err("not_owner", "position " + u.id() + " belongs to " + u.owner());
    }
    if (ctx.block().timeMillis() < u.unlockMillis()) {
      return Result.err("cooldown", "position " + u.id() + " can be withdrawn from " + Instant.ofEpochMilli(u.unlockMillis()) + " (cooldown not over)");
    }
    store.deleteUnbonding(ctx.state(), u);
    if (!u.amount().isZero()) {
      bank.accounts().transfer(ctx.state(), ESCROW, u.owner(), u.amount()).orElseThrow();
    }
    ctx.emit(Event.of("staking.withdraw", "position", u.id(), "owner", u.owner(), "amount", u.amount().toPlainString()));
    return Result.ok(Done.DONE);
  }

  private Result<Done> delegate(TxContext ctx, Delegate msg) {
    votingPower.delegate(ctx.state(), ctx.sender(), msg.to(), ctx.block().timeMillis());
    ctx.emit(Event.of("staking.delegate", "owner", ctx.sender(), "to", msg.to(), "units", votingPower.units(ctx.state(), ctx.sender()).toPlainString()));
    return Result.ok(Done.DONE);
  }

  // ---- slashing ----

  private Result<Done> slash(TxContext ctx, Slash msg) {
    return slasher.submit(ctx.state(), ctx.block(), ctx::emit, ctx.sender(), msg.evidence()).map(o -> Done.DONE);
  }

  private Result<Done> unjail(TxContext ctx, Unjail msg) {
    Optional<Jail> jail = store.jail(ctx.state(), ctx.sender(), msg.purpose());
    if (jail.isEmpty()) {
      return Result.err("not_jailed", ctx.sender() + " is not jailed as " + label(msg.purpose()));
    }
    if (jail.get().tombstoned()) {
      return Result.err("tombstoned", ctx.sender() + " double-signed and is jailed for good as " + label(msg.purpose()));
    }
    if (jail.get().activeAt(ctx.block().timeMillis())) {
      return Result.err("still_jailed", ctx.sender() + " is jailed as " + label(msg.purpose()) + " until " + Instant.ofEpochMilli(jail.get().untilMillis()));
    }
    store.deleteJail(ctx.state(), ctx.sender(), msg.purpose());
    ctx.emit(Event.of("staking.unjail", "owner", ctx.sender(), "purpose", label(msg.purpose())));
    return Result.ok(Done.DONE);
  }

  // ---- governance ----

  private Result<Done> createPool(TxContext ctx, CreatePool msg) {
    Result<Done> auth = Authority.requireGovernance(ctx, "staking/create_pool");
    if (!auth.isOk()) {
      return auth;
    }
    long id = store.nextPoolId(ctx.state());
    store.putPool(ctx.state(), id, msg.config());
    ctx.emit(Event.of("staking.pool", "pool", id, "name", msg.config().name(), "created", true));
    return Result.ok(Done.DONE);
  }

  private Result<Done> updatePool(TxContext ctx, UpdatePool msg) {
    Result<Done> auth = Authority.requireGovernance(ctx, "staking/update_pool");
    if (!auth.isOk()) {
      return auth;
    }
    if (store.pool(ctx.state(), msg.pool()).isEmpty()) {
      return Result.err("unknown_pool", "no staking pool " + msg.pool());
    }
    store.putPool(ctx.state(), msg.pool(), msg.config());
    ctx.emit(Event.of("staking.pool", "pool", msg.pool(), "name", msg.config().name(), "created", false));
    return Result.ok(Done.DONE);
  }

  private Result<Done> updateParams(TxContext ctx, UpdateStakingParams msg) {
    Result<Done> auth = Authority.requireGovernance(ctx, "staking/update_params");
    if (!auth.isOk()) {
      return auth;
    }
    store.putParams(ctx.state(), msg.params());
    ctx.emit(Event.of("staking.params", "slashDestination", msg.params().slashDestination().name().toLowerCase(Locale.ROOT), "jailSeconds", msg.params().jailSeconds()));
    return Result.ok(Done.DONE);
  }

  // ---- helpers ----

  private Result<Position> owned(TxContext ctx, long id) {
    Optional<Position> p = store.position(ctx.state(), id);
    if (p.isEmpty()) {
      return Result.err("unknown_position", "no active position " + id);
    }
    if (!p.get().owner().equals(ctx.sender())) {
      return Result.err("not_owner", "position " + id + " belongs to " + p.get().owner());
    }
    return Result.ok(p.get());
  }

  private static Result<Done> checkBounds(PoolConfig cfg, long pool, Amount total) {
    if (total.isLessThan(cfg.minStake())) {
      return Result.err("below_min_stake", "pool " + pool + " needs at least " + cfg.minStake() + " staked per owner; this would make " + total);
    }
    if (cfg.maxStake().isLessThan(total)) {
      return Result.err("above_max_stake", "pool " + pool + " allows at most " + cfg.maxStake() + " staked per owner; this would make " + total);
    }
    return Result.ok(Done.DONE);
  }

  private static Amount interestDue(Position p, long now) {
    return p.value(now).minus(p.principal());
  }

  /**
   * Pays {@code interest} from the rewards reserve into the escrow, as far as the reserve covers it; the
   * uncovered rest is forfeited and counted as a shortfall. Returns what was paid.
   */
  private Amount payInterest(State state, BlockContext block, Address owner, Amount interest) {
    if (interest.isZero()) {
      return interest;
    }
    Amount reserve = bank.accounts().get(state, BankModule.STAKERS_RESERVE).balance();
    Amount paid = Amount.min(interest, reserve);
    if (!paid.isZero()) {
      bank.accounts().transfer(state, BankModule.STAKERS_RESERVE, ESCROW, paid).orElseThrow();
      metrics.recordReward(state, block, RewardKind.STAKING_INTEREST, owner, paid);
    }
    metrics.add(state, block, Counter.INTEREST_SHORTFALL, interest.minus(paid).nano());
    return paid;
  }

  static String label(Purpose p) {
    return p.name().toLowerCase(Locale.ROOT);
  }

  // ---- queries ----

  public StakingParams params(StateReader state) {
    return store.params(state);
  }

  /** Every pool by id. */
  public TreeMap<Long, PoolConfig> pools(StateReader state) {
    return store.pools(state);
  }

  public Optional<PoolConfig> pool(StateReader state, long id) {
    return store.pool(state, id);
  }

  public Optional<Position> position(StateReader state, long id) {
    return store.position(state, id);
  }

  public Optional<Unbonding> unbonding(StateReader state, long id) {
    return store.unbonding(state, id);
  }

  /** The owner's active positions, in id order. */
  public List<Position> positions(StateReader state, Address owner) {
    return store.positionsOf(state, owner);
  }

  /** The owner's positions in their cooldown, in id order. */
  public List<Unbonding> unbondings(StateReader state, Address owner) {
    return store.unbondingsOf(state, owner);
  }

  /** Every active position, in id order. */
  public List<Position> allPositions(StateReader state) {
    return store.allPositions(state);
  }

  /** The owner's jail for a role, if any (expired jails stay until the owner unjails). */
  public Optional<Jail> jail(StateReader state, Address owner, Purpose purpose) {
    return store.jail(state, owner, purpose);
  }

  /**
   * The stake backing {@code owner}'s role: the principal of its active positions for {@code purpose}, or
   * zero while the role is jailed. Other modules check role requirements with it (e.g. a curator's minimum).
   */
  public Amount roleStake(StateReader state, Address owner, Purpose purpose, long nowMillis) {
    Optional<Jail> jail = store.jail(state, owner, purpose);
    if (jail.isPresent() && jail.get().activeAt(nowMillis)) {
      return Amount.ZERO;
    }
    Amount sum = Amount.ZERO;
    for (Position p : store.positionsOf(state, owner)) {
      if (p.purpose() == purpose) {
        sum = sum.plus(p.principal());
      }
    }
    return sum;
  }

  /**
   * The validator set: owners with validator stake that are not jailed (and, on a replicated chain, are in its
   * validator set), with that stake, in address order.
   */
  public TreeMap<Address, Amount> validators(StateReader state, long nowMillis) {
    return validatorStakes(store, active, state, nowMillis);
  }

  static TreeMap<Address, Amount> validatorStakes(StakingStore store, ActiveValidators active, StateReader state, long nowMillis) {
    Optional<java.util.Set<Address>> members = active.members(state);
    Map<Address, Amount> sums = new HashMap<>();
    for (Position p : store.allPositions(state)) {
      if (p.purpose() == Purpose.VALIDATOR && (members.isEmpty() || members.get().contains(p.owner()))) {
        sums.merge(p.owner(), p.principal(), Amount::plus);
      }
    }
    TreeMap<Address, Amount> out = new TreeMap<>();
    for (Map.Entry<Address, Amount> e : sums.entrySet()) {
      Optional<Jail> jail = store.jail(state, e.getKey(), Purpose.VALIDATOR);
      if (jail.isEmpty() || !jail.get().activeAt(nowMillis)) {
        out.put(e.getKey(), e.getValue());
      }
    }
    return out;
  }

  /** Staked principal by owner (active positions of every purpose), in address order. */
  public TreeMap<Address, Amount> stakeByOwner(StateReader state) {
    TreeMap<Address, Amount> out = new TreeMap<>();
    for (Position p : store.allPositions(state)) {
      out.merge(p.owner(), p.principal(), Amount::plus);
    }
    return out;
  }

  // ---- invariants ----

  /**
   * The escrow holds exactly the principal of every active position plus every unbonding amount; voting
   * units equal staked principal, and the total voting power equals the sum of all delegates' votes.
   */
  @Override
  public List<String> checkInvariants(StateReader state) {
    List<String> out = new ArrayList<>();
    Amount positions = Amount.ZERO;
    Map<Address, Amount> byOwner = new HashMap<>();
    for (Position p : store.allPositions(state)) {
      positions = positions.plus(p.principal());
      byOwner.merge(p.owner(), p.principal(), Amount::plus);
    }
    Amount unbonding = Amount.ZERO;
    for (Unbonding u : store.allUnbondings(state)) {
      unbonding = unbonding.plus(u.amount());
    }
    Amount escrow = bank.accounts().get(state, ESCROW).balance();
    if (!escrow.equals(positions.plus(unbonding))) {
      out.add("the escrow holds " + escrow + " but positions hold " + positions + " and unbondings " + unbonding);
    }
    for (Map.Entry<Address, Amount> e : new TreeMap<>(byOwner).entrySet()) {
      Amount units = votingPower.units(state, e.getKey());
      if (!units.equals(e.getValue())) {
        out.add(e.getKey() + " has " + units + " voting units but " + e.getValue() + " staked");
      }
    }
    Amount votes = Amount.ZERO;
    for (Amount v : votingPower.allVotes(state).values()) {
      votes = votes.plus(v);
    }
    if (!votes.equals(positions) || !votingPower.total(state).equals(positions)) {
      out.add("delegates hold " + votes + " votes and the total is " + votingPower.total(state) + ", but " + positions + " is staked");
    }
    return out;
  }
}
