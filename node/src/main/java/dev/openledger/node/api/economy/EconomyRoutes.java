package dev.openledger.node.api.economy;

import dev.openledger.core.crypto.Address;
import dev.openledger.core.money.Amount;
import dev.openledger.ledger.bank.BankModule;
import dev.openledger.ledger.bank.VestingSchedule;
import dev.openledger.ledger.economy.Concentration;
import dev.openledger.ledger.economy.Counter;
import dev.openledger.ledger.economy.Counters;
import dev.openledger.ledger.economy.Distribution;
import dev.openledger.ledger.economy.EconomyMetrics;
import dev.openledger.ledger.economy.EconomyModule;
import dev.openledger.ledger.economy.EpochSummary;
import dev.openledger.ledger.economy.RewardKind;
import dev.openledger.ledger.engine.LedgerEngine;
import dev.openledger.ledger.engine.StateSnapshot;
import dev.openledger.ledger.gov.GovModule;
import dev.openledger.ledger.gov.Proposal;
import dev.openledger.ledger.model.ModelModule;
import dev.openledger.ledger.model.RegisteredModel;
import dev.openledger.ledger.staking.StakingModule;
import dev.openledger.node.api.ApiException;
import dev.openledger.node.api.MetricsWriter;
import dev.openledger.node.api.Params;
import dev.openledger.node.api.RouteModule;
import dev.openledger.node.api.economy.EconomyView.Adoption;
import dev.openledger.node.api.economy.EconomyView.EpochClock;
import dev.openledger.node.api.economy.EconomyView.Governance;
import dev.openledger.node.api.economy.EconomyView.Holder;
import dev.openledger.node.api.economy.EconomyView.Holdings;
import dev.openledger.node.api.economy.EconomyView.Participation;
import dev.openledger.node.api.economy.EconomyView.Rewards;
import dev.openledger.node.api.economy.EconomyView.Treasury;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRouting;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The economy figures and the bank's economic settings.
 *
 * <pre>
 * GET /api/economy[?epochs=N]      health now and the last N closed epochs (default 30, at most 1000)
 * GET /api/bank/params             the inference fee split and the transaction fee rule
 * GET /api/bank/vesting            every vesting schedule, with what is locked now
 * GET /api/bank/vesting/{addr}     one account's schedule
 * </pre>
 */
public final class EconomyRoutes implements RouteModule {
  static final int TOP = 10;

  private final LedgerEngine engine;
  private final BankModule bank;
  private final StakingModule staking;
  private final GovModule gov;
  private final EconomyModule economy;
  private final ModelModule models;

  public EconomyRoutes(LedgerEngine engine) {
    this.engine = engine;
    this.bank = engine.chain().bank();
    this.staking = engine.chain().module(StakingModule.class);
    this.gov = engine.chain().module(GovModule.class);
    this.economy = engine.chain().module(EconomyModule.class);
    this.models = engine.chain().module(ModelModule.class);
  }

  @Override
  public void routes(JavalinDefaultRouting r) {
    r.get("/api/economy", this::economy);
    r.get("/api/bank/params", ctx -> ctx.json(bank.params(engine.reader().snapshot())));
    r.get("/api/bank/vesting", this::vesting);
    r.get("/api/bank/vesting/{address}", this::vestingOf);
    r.get("/api/economy/rewards/{address}", this::rewardsOf);
  }

  /**
   * A vesting schedule.
   *
   * @param schedule the stored schedule
   * @param lockedNow what is still locked at the evaluation time
   */
  public record VestingView(VestingSchedule schedule, Amount lockedNow) {}

  /**
   * {@code GET /api/bank/vesting}.
   *
   * @param height the block read
   * @param evaluatedAtMillis the time {@code lockedNow} is computed at
   * @param schedules in owner address order
   */
  public record VestingListView(long height, long evaluatedAtMillis, List<VestingView> schedules) {}

  private void vesting(Context ctx) {
    StateSnapshot snap = engine.reader().snapshot();
    long now = StakingRoutes.now(snap);
    List<VestingView> out = new ArrayList<>();
    for (VestingSchedule s : bank.vestingSchedules(snap)) {
      out.add(new VestingView(s, s.locked(now)));
    }
    ctx.json(new VestingListView(snap.header().header().height(), now, out));
  }

  private void vestingOf(Context ctx) {
    Address a = Params.address(ctx.pathParam("address"));
    StateSnapshot snap = engine.reader().snapshot();
    long now = StakingRoutes.now(snap);
    VestingSchedule s =
        bank.vesting(snap, a)
            .orElseThrow(() -> ApiException.notFound(a + " has no vesting schedule"));
    ctx.json(new VestingView(s, s.locked(now)));
  }

  private void rewardsOf(Context ctx) {
    Address a = Params.address(ctx.pathParam("address"));
    StateSnapshot snap = engine.reader().snapshot();
    EconomyMetrics m = economy.metrics();
    Map<String, Amount> byKind = new LinkedHashMap<>();
    Amount total = Amount.ZERO;
    for (RewardKind k : RewardKind.values()) {
      Amount v = m.lifetimeReward(snap, k, a);
      byKind.put(name(k), v);
      total = total.plus(v);
    }
    Map<String, EconomyMetrics.ModelUsage> usage = m.modelUsage(snap);
    Map<String, RegisteredModel> latest = new TreeMap<>();
    for (RegisteredModel rm : models.list(snap, Optional.empty())) {
      if (rm.developer().equals(a)) {
        latest.merge(rm.name(), rm, (x, y) -> x.version() >= y.version() ? x : y);
      }
    }
    List<AccountRewardsView.DevelopedModel> developed = new ArrayList<>();
    for (RegisteredModel rm : latest.values()) {
      EconomyMetrics.ModelUsage u =
          usage.getOrDefault(rm.name(), new EconomyMetrics.ModelUsage(0, Amount.ZERO));
      developed.add(
          new AccountRewardsView.DevelopedModel(
              rm.name(), rm.version(), name(rm.state()), u.inferences(), u.fees()));
    }
    ctx.json(new AccountRewardsView(a, snap.header().header().height(), total, byKind, developed));
  }

  private void economy(Context ctx) {
    String epochsParam = ctx.queryParam("epochs");
    long epochs = epochsParam == null ? 30 : Params.nonNegativeLong(epochsParam, "epochs");
    if (epochs > 1000) {
      throw ApiException.badRequest("bad_epochs", "epochs must be at most 1000, got " + epochs);
    }
    ctx.json(view(engine.reader().snapshot(), epochs));
  }

  EconomyView view(StateSnapshot snap, long epochs) {
    long now = StakingRoutes.now(snap);
    EconomyMetrics m = economy.metrics();
    EconomyMetrics.Setup setup = m.setup(snap);
    long current = economy.openEpoch(snap).epoch();
    Counters totals = m.totals(snap);

    Map<Address, Amount> allRewards = new TreeMap<>();
    Map<String, Amount> byKind = new LinkedHashMap<>();
    for (RewardKind k : RewardKind.values()) {
      Map<Address, Amount> lifetime = m.lifetimeRewards(snap, k);
      lifetime.forEach((a, v) -> allRewards.merge(a, v, Amount::plus));
      byKind.put(name(k), Amount.ofNano(totals.get(k.counter())));
    }
    Rewards rewards =
        new Rewards(
            Concentration.of(allRewards.values()),
            Distribution.of(m.lifetimeRewards(snap, RewardKind.CONTRIBUTOR).values()),
            byKind);
    Treasury treasury =
        new Treasury(
            bank.account(snap, BankModule.TREASURY).balance(),
            Amount.ofNano(totals.get(Counter.TREASURY_SPENT)),
            Amount.ofNano(totals.get(Counter.TREASURY_SETTLEMENT_IN)),
            Amount.ofNano(totals.get(Counter.TREASURY_SLASH_IN)));
    Adoption adoption =
        new Adoption(
            totals.get(Counter.MODELS_REGISTERED),
            totals.get(Counter.MODELS_APPROVED),
            totals.get(Counter.MODELS_REJECTED),
            totals.get(Counter.INFERENCES),
            Amount.ofNano(totals.get(Counter.INFERENCE_FEES)),
            m.modelUsage(snap));
    List<Participation> participation = new ArrayList<>();
    for (Proposal p : gov.proposals(snap).values()) {
      GovViews.ProposalView v = GovRoutes.view(snap, gov, p, now);
      participation.add(new Participation(p.id(), v.state(), p.voters(), v.turnoutPpm()));
    }
    Governance governance =
        new Governance(participation, m.distinctVoters(snap), totals.get(Counter.VOTES_CAST));

    List<EconomyView.Epoch> series = new ArrayList<>();
    for (EpochSummary s : economy.summaries(snap, Math.max(0, current - epochs))) {
      series.add(epoch(snap, m, s));
    }
    return new EconomyView(
        snap.header().header().height(),
        now,
        new EpochClock(current, setup.params().epochSeconds(), setup.genesisMillis()),
        holdings(staking.stakeByOwner(snap)),
        holdings(staking.votingPower().allVotes(snap)),
        rewards,
        treasury,
        adoption,
        governance,
        counters(totals),
        series);
  }

  private static EconomyView.Epoch epoch(StateSnapshot snap, EconomyMetrics m, EpochSummary s) {
    return new EconomyView.Epoch(
        s.epoch(),
        s.startMillis(),
        s.endMillis(),
        s.closedAtHeight(),
        s.stake(),
        s.votingPower(),
        s.rewards(),
        s.rewardsCumulative(),
        s.contributorRewards(),
        s.contributorRewardsCumulative(),
        counters(s.flows()),
        m.modelUsage(snap, s.epoch()),
        s.treasuryStart(),
        s.treasuryEnd(),
        Amount.ofNano(s.treasuryOtherIncomeNano()),
        s.voters());
  }

  static Holdings holdings(Map<Address, Amount> amounts) {
    Concentration c = Concentration.of(amounts.values());
    List<Map.Entry<Address, Amount>> sorted = new ArrayList<>(amounts.entrySet());
    sorted.sort(
        Map.Entry.<Address, Amount>comparingByValue(Comparator.reverseOrder())
            .thenComparing(Map.Entry.comparingByKey()));
    List<Holder> top = new ArrayList<>();
    for (Map.Entry<Address, Amount> e : sorted.subList(0, Math.min(TOP, sorted.size()))) {
      long share =
          c.total().isZero() ? 0 : e.getValue().mulDiv(Concentration.PPM, c.total().nano()).nano();
      top.add(new Holder(e.getKey(), e.getValue(), share));
    }
    return new Holdings(c, top);
  }

  static Map<String, Long> counters(Counters c) {
    Map<String, Long> out = new LinkedHashMap<>();
    c.asMap().forEach((k, v) -> out.put(name(k), v));
    return out;
  }

  static String name(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }

  @Override
  public void metrics(MetricsWriter out) {
    StateSnapshot snap = engine.reader().snapshot();
    Concentration stake = Concentration.of(staking.stakeByOwner(snap).values());
    Concentration votes = Concentration.of(staking.votingPower().allVotes(snap).values());
    Counters totals = economy.metrics().totals(snap);
    out.metric(
            "openledger_stake_gini",
            "gauge",
            "Gini coefficient of staked OPEN by owner (0 equal, 1 concentrated).",
            stake.giniPpm() / 1e6)
        .metric(
            "openledger_stake_nakamoto_coefficient",
            "gauge",
            "Fewest owners holding more than a third of the stake.",
            stake.nakamoto33())
        .metric(
            "openledger_voting_power_gini",
            "gauge",
            "Gini coefficient of voting power by delegate.",
            votes.giniPpm() / 1e6)
        .metric(
            "openledger_voting_power_nakamoto_coefficient",
            "gauge",
            "Fewest delegates holding more than half of the voting power.",
            votes.nakamoto50())
        .metric(
            "openledger_treasury_open",
            "gauge",
            "The treasury's balance in OPEN.",
            bank.account(snap, BankModule.TREASURY).balance().nano() / 1e9)
        .metric(
            "openledger_inferences_total",
            "counter",
            "Paid inferences settled through the fee split.",
            totals.get(Counter.INFERENCES))
        .metric(
            "openledger_votes_cast_total",
            "counter",
            "Governance votes cast.",
            totals.get(Counter.VOTES_CAST));
  }
}
