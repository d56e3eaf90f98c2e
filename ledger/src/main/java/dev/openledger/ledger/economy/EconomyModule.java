package dev.openledger.ledger.economy;

import static dev.openledger.ledger.economy.EconomyMetrics.NAMESPACE;

import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;
import dev.openledger.core.crypto.Address;
import dev.openledger.core.money.Amount;
import dev.openledger.ledger.bank.BankModule;
import dev.openledger.ledger.block.Event;
import dev.openledger.ledger.exec.HookContext;
import dev.openledger.ledger.exec.LedgerModule;
import dev.openledger.ledger.exec.MessageHandler;
import dev.openledger.ledger.genesis.Genesis;
import dev.openledger.ledger.staking.StakingModule;
import dev.openledger.ledger.state.CloseableIterator;
import dev.openledger.ledger.state.Namespace;
import dev.openledger.ledger.state.State;
import dev.openledger.ledger.state.StateEntry;
import dev.openledger.ledger.state.StateKey;
import dev.openledger.ledger.state.StateReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The economy figures on chain: counters fed by the other modules through {@link EconomyMetrics},
 * and at the first block of each epoch a summary of the epoch that ended (stake and voting-power
 * concentration, rewards concentration and contributor reward distribution, flows, treasury,
 * voters). It has no messages.
 */
public final class EconomyModule implements LedgerModule {
  private final BankModule bank;
  private final StakingModule staking;
  private final EconomyMetrics metrics = new EconomyMetrics();

  public EconomyModule(BankModule bank, StakingModule staking) {
    this.bank = Objects.requireNonNull(bank, "bank");
    this.staking = Objects.requireNonNull(staking, "staking");
  }

  @Override
  public Namespace namespace() {
    return NAMESPACE;
  }

  /** The hooks and counter reads. */
  public EconomyMetrics metrics() {
    return metrics;
  }

  @Override
  public List<MessageHandler<?>> handlers() {
    return List.of();
  }

  /**
   * The genesis section {@code "economy"}: {@code {"params": {"epochSeconds": N}}}; absent means
   * one-day epochs.
   *
   * @param params the parameters
   */
  public record GenesisSection(EconomyParams params) {
    public GenesisSection {
      Objects.requireNonNull(params, "params");
    }
  }

  @Override
  public void initGenesis(Genesis genesis, State state) {
    EconomyParams p =
        genesis
            .moduleSection(NAMESPACE.name(), GenesisSection.class)
            .map(GenesisSection::params)
            .orElse(EconomyParams.defaults());
    state.put(
        EconomyMetrics.PARAMS,
        new CanonicalWriter(16)
            .varint(p.epochSeconds())
            .varint(genesis.genesisTimeMillis())
            .toByteArray());
    putOpenEpoch(state, new OpenEpoch(0, treasury(state)));
  }

  /** Closes the open epoch when the block is past its end. */
  @Override
  public void beginBlock(HookContext ctx) {
    long current = metrics.epochOf(ctx.state(), ctx.block().timeMillis());
    OpenEpoch open = openEpoch(ctx.state());
    if (current <= open.epoch()) {
      return;
    }
    EpochSummary s = summarise(ctx.state(), open, ctx.block().height());
    ctx.state()
        .put(NAMESPACE.key(EconomyMetrics.SUMMARIES, EconomyMetrics.u64(open.epoch())), s.encode());
    forget(ctx.state(), open.epoch());
    putOpenEpoch(ctx.state(), new OpenEpoch(current, treasury(ctx.state())));
    ctx.emit(
        Event.of(
            "economy.epoch",
            "epoch",
            open.epoch(),
            "stakeGiniPpm",
            s.stake().giniPpm(),
            "stakeNakamoto33",
            s.stake().nakamoto33(),
            "votingGiniPpm",
            s.votingPower().giniPpm(),
            "rewardRecipients",
            s.rewards().holders()));
  }

  private EpochSummary summarise(StateReader state, OpenEpoch open, long height) {
    long epoch = open.epoch();
    EconomyMetrics.Setup setup = metrics.setup(state);
    long len = setup.params().epochSeconds() * 1000;
    Map<Address, Amount> epochAll = new TreeMap<>();
    Map<Address, Amount> lifetimeAll = new TreeMap<>();
    for (RewardKind k : RewardKind.values()) {
      metrics
          .openEpochRewards(state, k, epoch)
          .forEach((a, v) -> epochAll.merge(a, v, Amount::plus));
      metrics.lifetimeRewards(state, k).forEach((a, v) -> lifetimeAll.merge(a, v, Amount::plus));
    }
    return new EpochSummary(
        epoch,
        setup.genesisMillis() + epoch * len,
        setup.genesisMillis() + (epoch + 1) * len,
        height,
        Concentration.of(staking.stakeByOwner(state).values()),
        Concentration.of(staking.votingPower().allVotes(state).values()),
        Concentration.of(epochAll.values()),
        Concentration.of(lifetimeAll.values()),
        Distribution.of(metrics.openEpochRewards(state, RewardKind.CONTRIBUTOR, epoch).values()),
        Distribution.of(metrics.lifetimeRewards(state, RewardKind.CONTRIBUTOR).values()),
        metrics.epochCounters(state, epoch),
        open.treasuryAtStart(),
        treasury(state),
        metrics.openEpochVoters(state, epoch));
  }

  /**
   * Deletes the per-recipient and per-voter records of a summarised epoch (the summary keeps the
   * figures).
   */
  private static void forget(State state, long epoch) {
    List<StateKey> keys = new ArrayList<>();
    for (RewardKind k : RewardKind.values()) {
      collect(
          state,
          NAMESPACE.key(
              EconomyMetrics.EPOCH_REWARDS,
              EconomyMetrics.concat(new byte[] {(byte) k.ordinal()}, EconomyMetrics.u64(epoch))),
          keys);
    }
    collect(state, NAMESPACE.key(EconomyMetrics.EPOCH_VOTERS, EconomyMetrics.u64(epoch)), keys);
    keys.forEach(state::delete);
  }

  private static void collect(StateReader state, StateKey prefix, List<StateKey> into) {
    try (CloseableIterator<StateEntry> it = state.scan(prefix)) {
      while (it.hasNext()) {
        into.add(it.next().key());
      }
    }
  }

  private Amount treasury(StateReader state) {
    return bank.accounts().get(state, BankModule.TREASURY).balance();
  }

  // ---- queries ----

  /** The epoch still collecting figures. */
  public OpenEpoch openEpoch(StateReader state) {
    byte[] b =
        state
            .get(EconomyMetrics.OPEN_EPOCH)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "the open epoch is missing: state was not initialised from genesis"));
    try {
      CanonicalReader r = new CanonicalReader(b);
      OpenEpoch o = new OpenEpoch(r.varint("epoch"), r.amount("treasuryAtStart"));
      r.finish();
      return o;
    } catch (DecodeException e) {
      throw new IllegalStateException("stored open epoch is corrupt: " + e.getMessage(), e);
    }
  }

  /**
   * The summaries of closed epochs from {@code fromEpoch} on, in epoch order (epochs without blocks
   * have none).
   */
  public List<EpochSummary> summaries(StateReader state, long fromEpoch) {
    List<EpochSummary> out = new ArrayList<>();
    try (CloseableIterator<StateEntry> it =
        state.scan(NAMESPACE.key(new byte[] {(byte) EconomyMetrics.SUMMARIES}))) {
      while (it.hasNext()) {
        StateEntry e = it.next();
        try {
          EpochSummary s = EpochSummary.decode(e.value());
          if (s.epoch() >= fromEpoch) {
            out.add(s);
          }
        } catch (DecodeException ex) {
          throw new IllegalStateException(
              "stored epoch summary at " + e.key() + " is corrupt: " + ex.getMessage(), ex);
        }
      }
    }
    return out;
  }

  private static void putOpenEpoch(State state, OpenEpoch o) {
    state.put(
        EconomyMetrics.OPEN_EPOCH,
        new CanonicalWriter(16).varint(o.epoch()).amount(o.treasuryAtStart()).toByteArray());
  }

  /**
   * The epoch collecting figures.
   *
   * @param epoch its index
   * @param treasuryAtStart the treasury balance when it opened
   */
  public record OpenEpoch(long epoch, Amount treasuryAtStart) {}
}
