package dev.openledger.ledger.model;

import dev.openledger.core.Result;
import dev.openledger.core.crypto.Address;
import dev.openledger.core.money.Amount;
import dev.openledger.ledger.bank.BankModule;
import dev.openledger.ledger.block.Event;
import dev.openledger.ledger.datanet.AccessCheck;
import dev.openledger.ledger.datanet.Datanet;
import dev.openledger.ledger.datanet.DatanetModule;
import dev.openledger.ledger.datanet.PublishedVersion;
import dev.openledger.ledger.exec.Done;
import dev.openledger.ledger.exec.LedgerModule;
import dev.openledger.ledger.exec.MessageHandler;
import dev.openledger.ledger.exec.TxContext;
import dev.openledger.ledger.genesis.Genesis;
import dev.openledger.ledger.genesis.ModuleGenesis;
import dev.openledger.ledger.msg.ApproveModel;
import dev.openledger.ledger.msg.DatanetVersionRef;
import dev.openledger.ledger.msg.ModelParams;
import dev.openledger.ledger.msg.ProposeModel;
import dev.openledger.ledger.msg.RegisterModel;
import dev.openledger.ledger.msg.RejectModel;
import dev.openledger.ledger.msg.RetireModel;
import dev.openledger.ledger.msg.SetInferencePrice;
import dev.openledger.ledger.msg.UpdateModelParams;
import dev.openledger.ledger.state.Namespace;
import dev.openledger.ledger.state.State;
import dev.openledger.ledger.state.StateReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The model registry: registration with lineage checks against the datanet module, the approval
 * state machine, inference prices, and the queries the node serves.
 */
public final class ModelModule implements LedgerModule {
  public static final String NAME = "model";
  private static final String TREASURY = BankModule.TREASURY.toString();

  private final BankModule bank;
  private final DatanetModule datanets;
  private final ModelKeeper keeper = new ModelKeeper();

  public ModelModule(BankModule bank, DatanetModule datanets) {
    this.bank = bank;
    this.datanets = datanets;
  }

  @Override
  public Namespace namespace() {
    return ModelKeeper.NAMESPACE;
  }

  @Override
  public List<MessageHandler<?>> handlers() {
    return List.of(
        new MessageHandler<>(RegisterModel.TYPE, this::register),
        new MessageHandler<>(ProposeModel.TYPE, this::propose),
        new MessageHandler<>(
            ApproveModel.TYPE,
            (ctx, m) ->
                decide(ctx, m.name(), m.version(), ModelState.APPROVED, "approved by governance")),
        new MessageHandler<>(
            RejectModel.TYPE,
            (ctx, m) -> decide(ctx, m.name(), m.version(), ModelState.REJECTED, m.reason())),
        new MessageHandler<>(RetireModel.TYPE, this::retire),
        new MessageHandler<>(SetInferencePrice.TYPE, this::setPrice),
        new MessageHandler<>(UpdateModelParams.TYPE, this::updateParams));
  }

  /**
   * Parameters from {@code modules.model}; without that section, the governance module account as
   * authority and no automatic approval (devnet genesis files set {@code autoApprove}).
   */
  public static ModelParams genesisParams(Genesis genesis) {
    ModelParams devnet = ModelParams.devnet(ModuleGenesis.GOVERNANCE);
    ModelParams absent =
        new ModelParams(
            devnet.authority(),
            false,
            devnet.registerFee(),
            devnet.minInferencePrice(),
            devnet.defaultInferencePrice(),
            devnet.maxInferencePrice());
    return ModuleGenesis.section(genesis, NAME, ModelParams.class, absent);
  }

  @Override
  public void initGenesis(Genesis genesis, State state) {
    keeper.putParams(state, genesisParams(genesis));
  }

  public ModelKeeper keeper() {
    return keeper;
  }

  // ---- messages ----

  private Result<Done> register(TxContext ctx, RegisterModel msg) {
    State s = ctx.state();
    Address sender = ctx.sender();
    if (!msg.developer().equals(sender)) {
      return Result.err(
          "unauthorized",
          "the registration names developer "
              + msg.developer()
              + "; only that account may send it, not "
              + sender);
    }
    Optional<ModelName> name = keeper.name(s, msg.name());
    if (name.isPresent() && !name.get().developer().equals(sender)) {
      return Result.err(
          "name_taken", "model name '" + msg.name() + "' belongs to " + name.get().developer());
    }
    int next = name.map(n -> n.latestVersion() + 1).orElse(1);
    if (msg.version() != next) {
      return Result.err(
          "bad_version",
          "the next version of model '" + msg.name() + "' is " + next + ", not " + msg.version());
    }
    for (DatanetVersionRef ref : msg.datanets()) {
      AccessCheck access =
          datanets.checkAccess(s, sender, ref.datanetId(), ref.version(), ref.root());
      if (access instanceof AccessCheck.Refused refused) {
        return Result.err(
            refused.code(), "datanet version " + ref.label() + ": " + refused.message());
      }
    }
    ModelParams params = keeper.params(s);
    if (!params.registerFee().isZero()) {
      Result<Amount> paid =
          bank.accounts().transfer(s, sender, BankModule.TREASURY, params.registerFee());
      if (paid instanceof Result.Err<Amount> err) {
        return Result.err(err.code(), "the registration fee cannot be paid: " + err.message());
      }
      ctx.emit(
          Event.of(
              "model.fee",
              "payer",
              sender,
              "amount",
              params.registerFee().toPlainString(),
              "for",
              "registration",
              "to",
              TREASURY));
    }
    Transition registered =
        new Transition(ModelState.REGISTERED, ctx.block().height(), sender, "registered");
    RegisteredModel m =
        new RegisteredModel(
            msg, ModelState.REGISTERED, params.defaultInferencePrice(), List.of(registered));
    keeper.putModel(s, m, Optional.empty());
    keeper.putName(s, msg.name(), new ModelName(sender, msg.version()));
    ctx.emit(
        Event.of(
            "model.registered",
            "name",
            msg.name(),
            "version",
            msg.version(),
            "developer",
            sender,
            "registration",
            msg.registrationHash().toHex(),
            "artifacts",
            msg.artifacts().toHex(),
            "datanets",
            msg.datanets().size()));
    return Result.ok(Done.DONE);
  }

  private Result<Done> propose(TxContext ctx, ProposeModel msg) {
    return existing(ctx.state(), msg.name(), msg.version())
        .flatMap(
            m -> {
              if (!ctx.sender().equals(m.developer())) {
                return Result.err(
                    "unauthorized",
                    "only the developer " + m.developer() + " may propose " + m.label());
              }
              Result<RegisteredModel> proposed =
                  move(ctx, m, ModelState.PROPOSED, ctx.sender(), "proposed for approval");
              if (proposed instanceof Result.Ok<RegisteredModel> ok
                  && keeper.params(ctx.state()).autoApprove()) {
                return move(
                        ctx,
                        ok.value(),
                        ModelState.APPROVED,
                        ctx.sender(),
                        "auto-approved (parameter autoApprove)")
                    .map(x -> Done.DONE);
              }
              return proposed.map(x -> Done.DONE);
            });
  }

  private Result<Done> decide(
      TxContext ctx, String name, int version, ModelState outcome, String note) {
    return existing(ctx.state(), name, version)
        .flatMap(
            m -> {
              Address authority = keeper.params(ctx.state()).authority();
              if (!ctx.sender().equals(authority)) {
                return Result.err(
                    "unauthorized",
                    "only the governance authority "
                        + authority
                        + " may approve or reject a model");
              }
              return move(ctx, m, outcome, ctx.sender(), note).map(x -> Done.DONE);
            });
  }

  private Result<Done> retire(TxContext ctx, RetireModel msg) {
    return existing(ctx.state(), msg.name(), msg.version())
        .flatMap(
            m -> {
              Address authority = keeper.params(ctx.state()).authority();
              if (!ctx.sender().equals(m.developer()) && !ctx.sender().equals(authority)) {
                return Result.err(
                    "unauthorized",
                    "only the developer "
                        + m.developer()
                        + " or the governance authority may retire "
                        + m.label());
              }
              return move(ctx, m, ModelState.RETIRED, ctx.sender(), msg.reason())
                  .map(x -> Done.DONE);
            });
  }

  private Result<Done> setPrice(TxContext ctx, SetInferencePrice msg) {
    return existing(ctx.state(), msg.name(), msg.version())
        .flatMap(
            m -> {
              if (!ctx.sender().equals(m.developer())) {
                return Result.err(
                    "unauthorized",
                    "only the developer " + m.developer() + " may price " + m.label());
              }
              if (m.state() == ModelState.REJECTED || m.state() == ModelState.RETIRED) {
                return Result.err(
                    "bad_state",
                    m.label() + " is " + m.state().label() + " and serves no requests");
              }
              ModelParams p = keeper.params(ctx.state());
              if (msg.pricePer1kTokens().isLessThan(p.minInferencePrice())
                  || p.maxInferencePrice().isLessThan(msg.pricePer1kTokens())) {
                return Result.err(
                    "price_out_of_bounds",
                    "the price per 1,000 tokens must be within ["
                        + p.minInferencePrice()
                        + ", "
                        + p.maxInferencePrice()
                        + "], got "
                        + msg.pricePer1kTokens());
              }
              keeper.putModel(
                  ctx.state(), m.withPrice(msg.pricePer1kTokens()), Optional.of(m.state()));
              ctx.emit(
                  Event.of(
                      "model.price",
                      "name",
                      m.name(),
                      "version",
                      m.version(),
                      "price_per_1k_tokens",
                      msg.pricePer1kTokens().toPlainString()));
              return Result.ok(Done.DONE);
            });
  }

  private Result<Done> updateParams(TxContext ctx, UpdateModelParams msg) {
    Address authority = keeper.params(ctx.state()).authority();
    if (!ctx.sender().equals(authority)) {
      return Result.err(
          "unauthorized",
          "only the governance authority "
              + authority
              + " may change the model registry parameters");
    }
    keeper.putParams(ctx.state(), msg.params());
    ctx.emit(
        Event.of(
            "model.params",
            "authority",
            msg.params().authority(),
            "auto_approve",
            msg.params().autoApprove()));
    return Result.ok(Done.DONE);
  }

  private Result<RegisteredModel> existing(StateReader s, String name, int version) {
    return keeper
        .model(s, name, version)
        .<Result<RegisteredModel>>map(Result::ok)
        .orElseGet(
            () ->
                Result.err("unknown_model", "no model " + name + "@" + version + " is registered"));
  }

  private Result<RegisteredModel> move(
      TxContext ctx, RegisteredModel m, ModelState to, Address by, String note) {
    if (!m.state().canMoveTo(to)) {
      return Result.err(
          "bad_state", m.label() + " is " + m.state().label() + "; it cannot become " + to.label());
    }
    RegisteredModel moved = m.moved(new Transition(to, ctx.block().height(), by, note));
    keeper.putModel(ctx.state(), moved, Optional.of(m.state()));
    ctx.emit(
        Event.of(
            "model." + to.label(),
            "name",
            m.name(),
            "version",
            m.version(),
            "by",
            by,
            "note",
            note));
    return Result.ok(moved);
  }

  // ---- queries ----

  public ModelParams params(StateReader s) {
    return keeper.params(s);
  }

  public Optional<RegisteredModel> model(StateReader s, String name, int version) {
    return keeper.model(s, name, version);
  }

  /** The latest version of a name. */
  public Optional<RegisteredModel> latest(StateReader s, String name) {
    return keeper.name(s, name).flatMap(n -> keeper.model(s, name, n.latestVersion()));
  }

  public List<RegisteredModel> versions(StateReader s, String name) {
    return keeper.versions(s, name);
  }

  /** Every model version, or those in {@code state}. */
  public List<RegisteredModel> list(StateReader s, Optional<ModelState> state) {
    return state.map(st -> keeper.inState(s, st)).orElseGet(() -> keeper.all(s));
  }

  /** The price a serving node charges: the developer's, limited to the current bounds. */
  public Amount effectivePrice(StateReader s, RegisteredModel m) {
    return keeper.params(s).clamp(m.pricePer1kTokens());
  }

  /** A model with its datanet versions resolved against the chain. */
  public Optional<Lineage> lineage(StateReader s, String name, int version) {
    return keeper
        .model(s, name, version)
        .map(
            m -> {
              List<Lineage.Source> sources = new ArrayList<>();
              for (int i = 0; i < m.registration().datanets().size(); i++) {
                DatanetVersionRef ref = m.registration().datanets().get(i);
                Datanet d =
                    datanets
                        .keeper()
                        .datanet(s, ref.datanetId())
                        .orElseThrow(
                            () ->
                                new IllegalStateException(m.label() + " names a missing datanet"));
                PublishedVersion v =
                    datanets
                        .keeper()
                        .version(s, ref.datanetId(), ref.version())
                        .orElseThrow(
                            () ->
                                new IllegalStateException(m.label() + " names a missing version"));
                sources.add(
                    new Lineage.Source(
                        ref,
                        d.name(),
                        d.owner(),
                        v.rows(),
                        v.contributionIds().size(),
                        v.height(),
                        m.registration().metrics().get(i)));
              }
              return new Lineage(m, sources);
            });
  }

  // ---- invariants ----

  /**
   * Each name's latest version is its highest stored version, versions have no gaps, and the state
   * index is exact.
   */
  @Override
  public List<String> checkInvariants(StateReader s) {
    List<String> out = new ArrayList<>();
    String lastName = null;
    int expected = 0;
    for (RegisteredModel m : keeper.all(s)) {
      expected = m.name().equals(lastName) ? expected + 1 : 1;
      lastName = m.name();
      if (m.version() != expected) {
        out.add("model " + m.label() + " follows a gap: expected version " + expected);
      }
      Optional<ModelName> n = keeper.name(s, m.name());
      if (n.isEmpty()
          || !n.get().developer().equals(m.developer())
          || n.get().latestVersion() < m.version()) {
        out.add("name record of " + m.label() + " is missing or inconsistent: " + n);
      }
      for (ModelState st : ModelState.values()) {
        if (keeper.indexed(s, m, st) != (st == m.state())) {
          out.add("state index of " + m.label() + " is wrong for " + st.label());
        }
      }
    }
    return out;
  }
}
