package dev.openledger.ledger.attribution;

import dev.openledger.core.Result;
import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import dev.openledger.core.money.Amount;
import dev.openledger.core.receipt.UsageReceipt;
import dev.openledger.ledger.attribution.InferenceAttribution.Payout;
import dev.openledger.ledger.bank.BankModule;
import dev.openledger.ledger.bank.FeeSplit;
import dev.openledger.ledger.block.Event;
import dev.openledger.ledger.datanet.DatanetModule;
import dev.openledger.ledger.economy.Counter;
import dev.openledger.ledger.economy.EconomyMetrics;
import dev.openledger.ledger.economy.RewardKind;
import dev.openledger.ledger.exec.Done;
import dev.openledger.ledger.exec.LedgerModule;
import dev.openledger.ledger.exec.MessageHandler;
import dev.openledger.ledger.exec.TxContext;
import dev.openledger.ledger.genesis.Genesis;
import dev.openledger.ledger.genesis.ModuleGenesis;
import dev.openledger.ledger.model.ModelModule;
import dev.openledger.ledger.msg.AttributeInference;
import dev.openledger.ledger.msg.AttributionClaim;
import dev.openledger.ledger.msg.AttributionClaim.ContributorUnits;
import dev.openledger.ledger.msg.AttributionClaim.FlaggedRow;
import dev.openledger.ledger.msg.AttributionParams;
import dev.openledger.ledger.msg.DatanetVersionRef;
import dev.openledger.ledger.msg.Evidence;
import dev.openledger.ledger.msg.SweepUnattributed;
import dev.openledger.ledger.msg.UpdateAttributionParams;
import dev.openledger.ledger.payment.PaymentModule;
import dev.openledger.ledger.payment.ProvenReceipt;
import dev.openledger.ledger.payment.SettledBatch;
import dev.openledger.ledger.state.Namespace;
import dev.openledger.ledger.state.State;
import dev.openledger.ledger.state.StateReader;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Proof of Attribution on chain (see the package description). {@code attribution/attribute} checks
 * a receipt against a settled batch through the payment module ({@link
 * PaymentModule#proveReceipt}), pays the receipt's contributors' part out of the attribution pool
 * ({@link PaymentModule#payFromPool}) by the attribution's integer shares with the penalty cut,
 * records the attribution and its flags, and reports each reward to the economy figures.
 */
public final class AttributionModule implements LedgerModule {
  public static final String NAME = "attribution";

  private final BankModule bank;
  private final PaymentModule payments;
  private final ModelModule models;
  private final DatanetModule datanets;
  private final EconomyMetrics metrics = new EconomyMetrics();
  private final AttributionKeeper keeper = new AttributionKeeper();

  public AttributionModule(
      BankModule bank, PaymentModule payments, ModelModule models, DatanetModule datanets) {
    this.bank = bank;
    this.payments = payments;
    this.models = models;
    this.datanets = datanets;
  }

  @Override
  public Namespace namespace() {
    return AttributionKeeper.NAMESPACE;
  }

  @Override
  public List<MessageHandler<?>> handlers() {
    return List.of(
        new MessageHandler<>(AttributeInference.TYPE, this::attribute),
        new MessageHandler<>(SweepUnattributed.TYPE, this::sweep),
        new MessageHandler<>(UpdateAttributionParams.TYPE, this::updateParams));
  }

  /**
   * Parameters from {@code modules.attribution}; without that section, {@link
   * AttributionParams#defaults}.
   */
  public static AttributionParams genesisParams(Genesis genesis) {
    return ModuleGenesis.section(
        genesis,
        NAME,
        AttributionParams.class,
        AttributionParams.defaults(ModuleGenesis.GOVERNANCE));
  }

  @Override
  public void initGenesis(Genesis genesis, State state) {
    keeper.putParams(state, genesisParams(genesis));
  }

  public AttributionKeeper keeper() {
    return keeper;
  }

  // ---- messages ----

  private Result<Done> attribute(TxContext ctx, AttributeInference msg) {
    State s = ctx.state();
    UsageReceipt r = msg.receipt().receipt();
    if (!ctx.sender().equals(r.provider())) {
      return Result.err(
          "unauthorized",
          "only the receipt's provider " + r.provider() + " may attribute it, not " + ctx.sender());
    }
    Result<ProvenReceipt> proven = payments.proveReceipt(s, msg.root(), msg.receipt(), msg.proof());
    if (proven instanceof Result.Err<ProvenReceipt> e) {
      return Result.err(e.code(), e.message());
    }
    ProvenReceipt p = proven.orElseThrow();
    if (keeper.sweep(s, msg.root()).isPresent()) {
      return Result.err(
          "batch_swept",
          "the batch "
              + msg.root().shortHex()
              + " was swept: its unattributed part went to the treasury");
    }
    Optional<InferenceAttribution> before = keeper.attribution(s, r.channel(), r.nonce());
    if (before.isPresent()) {
      return Result.err(
          "already_attributed",
          "receipt "
              + r.nonce()
              + " of channel "
              + r.channel().shortHex()
              + " (request "
              + r.requestId()
              + ") was attributed at height "
              + before.get().height());
    }
    for (FlaggedRow f : msg.attribution().flagged()) {
      Optional<Address> submitter =
          datanets.keeper().contribution(s, f.contribution()).map(c -> c.submitter());
      if (submitter.isEmpty() || !submitter.get().equals(f.contributor())) {
        return Result.err(
            "bad_flag",
            "flagged row "
                + f.rowId().shortHex()
                + " names contribution "
                + f.contribution().shortHex()
                + ", which "
                + (submitter.isEmpty()
                    ? "is not on chain"
                    : "was submitted by " + submitter.get() + ", not " + f.contributor()));
      }
    }
    SettledBatch batch = p.batch();
    Amount pool = r.charge().mulDiv(batch.contributorsBps(), FeeSplit.TOTAL_BPS);
    AttributionParams params = keeper.params(s);
    AttributionClaim claim = msg.attribution();
    List<Hash> lineage = lineage(s, p.model().model(), p.model().version());

    List<Payout> payouts = new ArrayList<>();
    Amount paid = Amount.ZERO;
    for (ContributorUnits c : claim.contributors()) {
      PenaltyScore score = penalty(s, c.contributor(), lineage);
      Amount earned = pool.mulDiv(c.units(), claim.scale());
      Amount withheld =
          score.penalised()
              ? earned.mulDiv(params.penaltyCutBps(), FeeSplit.TOTAL_BPS)
              : Amount.ZERO;
      Payout out = new Payout(c.contributor(), c.units(), earned, withheld, score.points());
      payouts.add(out);
      paid = paid.plus(out.paid());
    }
    Amount treasury = pool.minus(paid);
    for (Payout out : payouts) {
      Result<Amount> moved =
          payments.payFromPool(
              s, msg.root(), p.model().model(), p.model().version(), out.contributor(), out.paid());
      if (moved instanceof Result.Err<Amount> e) {
        return Result.err(e.code(), e.message());
      }
      if (!out.paid().isZero()) {
        metrics.recordReward(s, ctx.block(), RewardKind.CONTRIBUTOR, out.contributor(), out.paid());
      }
    }
    Result<Amount> rest =
        payments.payFromPool(
            s, msg.root(), p.model().model(), p.model().version(), BankModule.TREASURY, treasury);
    if (rest instanceof Result.Err<Amount> e) {
      return Result.err(e.code(), e.message());
    }
    metrics.add(s, ctx.block(), Counter.TREASURY_SETTLEMENT_IN, treasury.nano());

    InferenceAttribution record =
        new InferenceAttribution(
            r.requestId(),
            r.channel(),
            r.nonce(),
            r.provider(),
            r.caller(),
            p.model().model(),
            p.model().version(),
            msg.root(),
            r.charge(),
            pool,
            claim,
            payouts,
            treasury,
            ctx.block().height(),
            ctx.block().timeMillis());
    keeper.putAttribution(s, record);
    int newlyFlagged = 0;
    for (FlaggedRow f : claim.flagged()) {
      if (!keeper.flagged(s, f.rowId())) {
        keeper.flag(s, f.rowId(), f.contributor(), f.contribution(), ctx.block().height());
        newlyFlagged++;
      }
    }
    ctx.emit(
        Event.of(
            "attribution.paid",
            "request",
            r.requestId(),
            "model",
            p.model().model() + "@" + p.model().version(),
            "root",
            msg.root().toHex(),
            "result",
            claim.resultHash().toHex(),
            "pool",
            pool.toPlainString(),
            "contributors",
            paid.toPlainString(),
            "paid_to",
            payouts.stream().filter(x -> !x.paid().isZero()).count(),
            "treasury",
            treasury.toPlainString(),
            "flagged",
            newlyFlagged));
    return Result.ok(Done.DONE);
  }

  private Result<Done> sweep(TxContext ctx, SweepUnattributed msg) {
    State s = ctx.state();
    Optional<SettledBatch> found = payments.batch(s, msg.root());
    if (found.isEmpty()) {
      return Result.err("unknown_batch", "no batch with root " + msg.root() + " is settled");
    }
    if (keeper.sweep(s, msg.root()).isPresent()) {
      return Result.err(
          "already_swept", "the batch " + msg.root().shortHex() + " was swept already");
    }
    SettledBatch b = found.get();
    long due = b.timeMillis() + keeper.params(s).sweepAfterSeconds() * 1000;
    if (ctx.block().timeMillis() < due) {
      return Result.err(
          "too_early",
          "the batch "
              + msg.root().shortHex()
              + " may be swept from block time "
              + due
              + " (settled at "
              + b.timeMillis()
              + "), not at "
              + ctx.block().timeMillis());
    }
    Amount total = Amount.ZERO;
    for (SettledBatch.ModelPart m : b.models()) {
      if (!m.unattributed().isZero()) {
        payments
            .payFromPool(
                s, msg.root(), m.model(), m.version(), BankModule.TREASURY, m.unattributed())
            .orElseThrow();
        total = total.plus(m.unattributed());
      }
    }
    keeper.putSweep(s, msg.root(), new AttributionKeeper.Sweep(ctx.block().height(), total));
    metrics.add(s, ctx.block(), Counter.TREASURY_SETTLEMENT_IN, total.nano());
    ctx.emit(
        Event.of(
            "attribution.swept",
            "root",
            msg.root().toHex(),
            "amount",
            total.toPlainString(),
            "by",
            ctx.sender()));
    return Result.ok(Done.DONE);
  }

  private Result<Done> updateParams(TxContext ctx, UpdateAttributionParams msg) {
    Address authority = keeper.params(ctx.state()).authority();
    if (!ctx.sender().equals(authority)) {
      return Result.err(
          "unauthorized",
          "only the authority " + authority + " may change the attribution parameters");
    }
    keeper.putParams(ctx.state(), msg.params());
    AttributionParams p = msg.params();
    ctx.emit(
        Event.of(
            "attribution.params",
            "authority",
            p.authority(),
            "sweep_after_seconds",
            p.sweepAfterSeconds(),
            "penalty_threshold",
            p.penaltyThreshold(),
            "penalty_cut_bps",
            p.penaltyCutBps()));
    return Result.ok(Done.DONE);
  }

  /**
   * The Datanets a model version trained on (their rejected contributions count towards penalties),
   * in registration order.
   */
  public List<Hash> lineage(StateReader s, String model, int version) {
    return models
        .model(s, model, version)
        .map(m -> m.registration().datanets().stream().map(DatanetVersionRef::datanetId).toList())
        .orElse(List.of());
  }

  // ---- queries ----

  public AttributionParams params(StateReader s) {
    return keeper.params(s);
  }

  /** The attributions of receipts with this request id (normally one). */
  public List<InferenceAttribution> byRequest(StateReader s, String requestId) {
    return keeper.byRequest(s, requestId);
  }

  /**
   * The attributions that paid {@code contributor} (listed it among their payouts, whatever the
   * amount), newest first, at most {@code limit}.
   */
  public List<InferenceAttribution> byContributor(StateReader s, Address contributor, int limit) {
    return keeper.byContributor(s, contributor, limit);
  }

  /**
   * What {@code contributor} earned from attributions, per model version (all of them, kept as
   * running totals).
   */
  public List<AttributionKeeper.Earnings> earnings(StateReader s, Address contributor) {
    return keeper.earnings(s, contributor);
  }

  /**
   * The contributor's penalty score against the given Datanets' reviews (and its flagged rows
   * anywhere).
   */
  public PenaltyScore penalty(StateReader s, Address contributor, Collection<Hash> datanetIds) {
    AttributionParams params = keeper.params(s);
    long rejected = 0;
    for (Hash d : datanetIds) {
      rejected += datanets.keeper().stats(s, d, contributor).rejected();
    }
    long flagged = keeper.flaggedRows(s, contributor);
    long points =
        rejected * params.rejectedContributionPoints() + flagged * params.flaggedRowPoints();
    return new PenaltyScore(
        contributor,
        rejected,
        flagged,
        points,
        params.penaltyThreshold(),
        params.penalised(points));
  }

  /** The penalty score against a model version's Datanets. */
  public PenaltyScore penalty(StateReader s, Address contributor, String model, int version) {
    return penalty(s, contributor, lineage(s, model, version));
  }

  /**
   * The slashing evidence against the curator who approved a contribution with flagged rows
   * (economy's {@code Evidence.InvalidData}: attested, so a reporter named in the staking
   * parameters or governance submits it with {@code staking/slash}; it slashes the curator's
   * CURATOR stake as of the approval). Empty when no row of the contribution was flagged, or it was
   * approved automatically (no curator to hold responsible).
   *
   * @param detail why the data is invalid, for people (at most 512 bytes)
   */
  public Optional<Evidence.InvalidData> invalidDataEvidence(
      StateReader s, Hash contribution, String detail) {
    boolean[] flagged = {false};
    keeper.forEachFlag(s, f -> flagged[0] |= f.contribution().equals(contribution));
    if (!flagged[0]) {
      return Optional.empty();
    }
    return datanets
        .keeper()
        .contribution(s, contribution)
        .flatMap(
            c ->
                c.review()
                    .flatMap(
                        rv ->
                            rv.reviewer()
                                .map(
                                    curator ->
                                        new Evidence.InvalidData(
                                            curator,
                                            c.datanetId().toHex(),
                                            c.submission().contentHash(),
                                            rv.height(),
                                            detail))));
  }

  /** A batch's sweep, if it was swept. */
  public Optional<AttributionKeeper.Sweep> sweepOf(StateReader s, Hash root) {
    return keeper.sweep(s, root);
  }

  // ---- invariants ----

  /**
   * Each contributor's flagged-row tally equals the flagged rows recorded for it; each
   * contributor's earnings per model version equal the sum of its payouts in the attributions its
   * index lists.
   */
  @Override
  public List<String> checkInvariants(StateReader s) {
    Map<Address, Long> counted = new TreeMap<>();
    keeper.forEachFlag(s, f -> counted.merge(f.owner(), 1L, Long::sum));
    Map<Address, Long> tallies = new TreeMap<>();
    keeper.forEachTally(s, tallies::put);
    List<String> out = new ArrayList<>();
    if (!counted.equals(tallies)) {
      out.add("flagged-row tallies " + tallies + " do not match the flagged rows " + counted);
    }
    keeper.forEachEarner(
        s,
        c -> {
          Map<String, AttributionKeeper.Earnings> summed = new TreeMap<>();
          for (InferenceAttribution a : keeper.byContributor(s, c, Integer.MAX_VALUE)) {
            for (Payout p : a.payouts()) {
              if (p.contributor().equals(c)) {
                summed.merge(
                    a.version() + "@" + a.model(),
                    new AttributionKeeper.Earnings(
                        a.model(), a.version(), 1, p.earned(), p.withheld()),
                    (x, y) ->
                        new AttributionKeeper.Earnings(
                            x.model(),
                            x.version(),
                            x.inferences() + 1,
                            x.earned().plus(y.earned()),
                            x.withheld().plus(y.withheld())));
              }
            }
          }
          Map<String, AttributionKeeper.Earnings> kept = new TreeMap<>();
          keeper.earnings(s, c).forEach(e -> kept.put(e.version() + "@" + e.model(), e));
          if (!summed.equals(kept)) {
            out.add(
                "the earnings of "
                    + c
                    + " "
                    + kept
                    + " do not match its indexed payouts "
                    + summed);
          }
        });
    return out;
  }
}
