package dev.openledger.ledger.payment;

import dev.openledger.core.Result;
import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import dev.openledger.core.money.Amount;
import dev.openledger.core.receipt.InclusionProof;
import dev.openledger.core.receipt.ReceiptTree;
import dev.openledger.core.receipt.SignedReceipt;
import dev.openledger.core.receipt.UsageReceipt;
import dev.openledger.ledger.bank.BankModule;
import dev.openledger.ledger.bank.FeeSplit.FeeShares;
import dev.openledger.ledger.bank.Settlement;
import dev.openledger.ledger.block.Event;
import dev.openledger.ledger.economy.EconomyMetrics;
import dev.openledger.ledger.exec.Done;
import dev.openledger.ledger.exec.LedgerModule;
import dev.openledger.ledger.exec.MessageHandler;
import dev.openledger.ledger.exec.TxContext;
import dev.openledger.ledger.genesis.Genesis;
import dev.openledger.ledger.genesis.ModuleGenesis;
import dev.openledger.ledger.model.ModelModule;
import dev.openledger.ledger.model.ModelState;
import dev.openledger.ledger.model.RegisteredModel;
import dev.openledger.ledger.msg.BindApiKey;
import dev.openledger.ledger.msg.CloseChannel;
import dev.openledger.ledger.msg.OpenPaymentChannel;
import dev.openledger.ledger.msg.PaymentParams;
import dev.openledger.ledger.msg.SettleUsage;
import dev.openledger.ledger.msg.SettleUsage.ChannelClaim;
import dev.openledger.ledger.msg.SettleUsage.ModelCharge;
import dev.openledger.ledger.msg.TopUpChannel;
import dev.openledger.ledger.msg.UnbindApiKey;
import dev.openledger.ledger.msg.UpdatePaymentParams;
import dev.openledger.ledger.msg.WithdrawChannel;
import dev.openledger.ledger.payment.SettledBatch.ChannelPart;
import dev.openledger.ledger.payment.SettledBatch.ModelPart;
import dev.openledger.ledger.state.Namespace;
import dev.openledger.ledger.state.State;
import dev.openledger.ledger.state.StateReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Paid inference on chain: payment channels (a payer's OPEN escrowed for one serving provider), API
 * keys bound to accounts, and {@link SettleUsage}, by which a provider claims what its signed usage
 * receipts charged. Settlement checks each claim against its channel (it continues right after the
 * last settled receipt, and stays within the deposit), takes the total out of escrow and splits
 * each model's total with the bank's {@link dev.openledger.ledger.bank.FeeSplitter}: developer,
 * provider (the sender), stakers and treasury are paid at once, the contributors' part goes into
 * the {@link #ATTRIBUTION_POOL} to be paid by attribution. Every settled batch is recorded by its
 * receipt-tree root, so any single receipt can be proven against it ({@link #proveReceipt}).
 */
public final class PaymentModule implements LedgerModule {
  public static final String NAME = "payment";

  /** The module account holding every channel's deposit until it is settled or withdrawn. */
  public static final String ESCROW_NAME = "payments";

  public static final Address ESCROW = Address.module(ESCROW_NAME);

  /**
   * The module account holding the contributors' part of settled fees until attribution pays it
   * out.
   */
  public static final String ATTRIBUTION_POOL_NAME = "attribution-pool";

  public static final Address ATTRIBUTION_POOL = Address.module(ATTRIBUTION_POOL_NAME);

  private final BankModule bank;
  private final ModelModule models;
  private final EconomyMetrics metrics = new EconomyMetrics();
  private final PaymentKeeper keeper = new PaymentKeeper();

  public PaymentModule(BankModule bank, ModelModule models) {
    this.bank = bank;
    this.models = models;
  }

  @Override
  public Namespace namespace() {
    return PaymentKeeper.NAMESPACE;
  }

  @Override
  public List<MessageHandler<?>> handlers() {
    return List.of(
        new MessageHandler<>(OpenPaymentChannel.TYPE, this::open),
        new MessageHandler<>(TopUpChannel.TYPE, this::topUp),
        new MessageHandler<>(CloseChannel.TYPE, this::close),
        new MessageHandler<>(WithdrawChannel.TYPE, this::withdraw),
        new MessageHandler<>(BindApiKey.TYPE, this::bind),
        new MessageHandler<>(UnbindApiKey.TYPE, this::unbind),
        new MessageHandler<>(SettleUsage.TYPE, (ctx, m) -> new Settle(ctx, m).run()),
        new MessageHandler<>(UpdatePaymentParams.TYPE, this::updateParams));
  }

  /**
   * Parameters from {@code modules.payment}; without that section, {@link PaymentParams#defaults}
   * under the governance authority.
   */
  public static PaymentParams genesisParams(Genesis genesis) {
    return ModuleGenesis.section(
        genesis, NAME, PaymentParams.class, PaymentParams.defaults(ModuleGenesis.GOVERNANCE));
  }

  @Override
  public void initGenesis(Genesis genesis, State state) {
    keeper.putParams(state, genesisParams(genesis));
    bank.registerModuleAccount(state, ESCROW_NAME);
    bank.registerModuleAccount(state, ATTRIBUTION_POOL_NAME);
  }

  public PaymentKeeper keeper() {
    return keeper;
  }

  // ---- channels ----

  private Result<Done> open(TxContext ctx, OpenPaymentChannel msg) {
    State s = ctx.state();
    Address payer = ctx.sender();
    if (payer.equals(msg.provider())) {
      return Result.err(
          "self_channel",
          "a channel pays another account for serving; " + payer + " cannot open one to itself");
    }
    Optional<Channel> existing = keeper.activeChannel(s, payer, msg.provider());
    if (existing.isPresent()) {
      return Result.err(
          "channel_exists",
          payer
              + " already has channel "
              + existing.get().id()
              + " ("
              + existing.get().status().label()
              + ") to "
              + msg.provider()
              + "; top it up instead");
    }
    PaymentParams p = keeper.params(s);
    if (msg.deposit().isLessThan(p.minDeposit())) {
      return Result.err(
          "deposit_too_small",
          "a channel needs a deposit of at least " + p.minDeposit() + ", got " + msg.deposit());
    }
    Result<Amount> paid = bank.accounts().transfer(s, payer, ESCROW, msg.deposit());
    if (paid instanceof Result.Err<Amount> err) {
      return Result.err(err.code(), err.message());
    }
    long seq = keeper.nextSequence(s, payer, msg.provider());
    Channel c =
        new Channel(
            Channel.id(payer, msg.provider(), seq),
            payer,
            msg.provider(),
            seq,
            msg.deposit(),
            Amount.ZERO,
            0,
            ChannelStatus.OPEN,
            ctx.block().height(),
            0);
    keeper.putChannel(s, c);
    keeper.setActive(s, c);
    keeper.putNextSequence(s, payer, msg.provider(), seq + 1);
    ctx.emit(
        Event.of(
            "payment.open",
            "channel",
            c.id().toHex(),
            "payer",
            payer,
            "provider",
            msg.provider(),
            "deposit",
            msg.deposit().toPlainString()));
    return Result.ok(Done.DONE);
  }

  private Result<Done> topUp(TxContext ctx, TopUpChannel msg) {
    return payersChannel(ctx, msg.channel())
        .flatMap(
            c -> {
              if (c.status() != ChannelStatus.OPEN) {
                return Result.err(
                    "channel_not_open",
                    "channel "
                        + c.id()
                        + " is "
                        + c.status().label()
                        + "; only an open channel takes top-ups");
              }
              Result<Amount> paid =
                  bank.accounts().transfer(ctx.state(), ctx.sender(), ESCROW, msg.amount());
              if (paid instanceof Result.Err<Amount> err) {
                return Result.err(err.code(), err.message());
              }
              Channel next = c.withDeposit(c.deposit().plus(msg.amount()));
              keeper.putChannel(ctx.state(), next);
              ctx.emit(
                  Event.of(
                      "payment.topup",
                      "channel",
                      c.id().toHex(),
                      "amount",
                      msg.amount().toPlainString(),
                      "deposit",
                      next.deposit().toPlainString()));
              return Result.ok(Done.DONE);
            });
  }

  private Result<Done> close(TxContext ctx, CloseChannel msg) {
    return payersChannel(ctx, msg.channel())
        .flatMap(
            c -> {
              if (c.status() != ChannelStatus.OPEN) {
                return Result.err(
                    "channel_not_open", "channel " + c.id() + " is already " + c.status().label());
              }
              long at =
                  Math.addExact(
                      ctx.block().timeMillis(),
                      keeper.params(ctx.state()).closeTimeoutSeconds() * 1000);
              keeper.putChannel(ctx.state(), c.closing(at));
              ctx.emit(
                  Event.of("payment.close", "channel", c.id().toHex(), "withdrawable_at_ms", at));
              return Result.ok(Done.DONE);
            });
  }

  private Result<Done> withdraw(TxContext ctx, WithdrawChannel msg) {
    return payersChannel(ctx, msg.channel())
        .flatMap(
            c -> {
              if (c.status() != ChannelStatus.CLOSING) {
                return Result.err(
                    "not_closing",
                    "channel "
                        + c.id()
                        + " is "
                        + c.status().label()
                        + "; close it first, then withdraw after the close timeout");
              }
              if (ctx.block().timeMillis() < c.closesAtMillis()) {
                return Result.err(
                    "too_early",
                    "channel "
                        + c.id()
                        + " may be withdrawn from "
                        + java.time.Instant.ofEpochMilli(c.closesAtMillis())
                        + "; until then its provider may still settle receipts");
              }
              Amount left = c.remaining();
              if (!left.isZero()) {
                bank.accounts().transfer(ctx.state(), ESCROW, c.payer(), left).orElseThrow();
              }
              keeper.putChannel(ctx.state(), c.closed());
              keeper.clearActive(ctx.state(), c);
              ctx.emit(
                  Event.of(
                      "payment.withdraw",
                      "channel",
                      c.id().toHex(),
                      "payer",
                      c.payer(),
                      "amount",
                      left.toPlainString()));
              return Result.ok(Done.DONE);
            });
  }

  private Result<Channel> payersChannel(TxContext ctx, Hash id) {
    Optional<Channel> c = keeper.channel(ctx.state(), id);
    if (c.isEmpty()) {
      return Result.err("unknown_channel", "no payment channel " + id);
    }
    if (!c.get().payer().equals(ctx.sender())) {
      return Result.err(
          "unauthorized", "only the payer " + c.get().payer() + " may change channel " + id);
    }
    return Result.ok(c.get());
  }

  // ---- API keys ----

  private Result<Done> bind(TxContext ctx, BindApiKey msg) {
    State s = ctx.state();
    Optional<Address> bound = keeper.keyAccount(s, msg.keyHash());
    if (bound.isPresent()) {
      return bound.get().equals(ctx.sender())
          ? Result.err("already_bound", "the key is already bound to " + ctx.sender())
          : Result.err("key_taken", "the key is bound to another account; choose another key");
    }
    int max = keeper.params(s).maxKeysPerAccount();
    if (keeper.keysOf(s, ctx.sender()).size() >= max) {
      return Result.err(
          "too_many_keys",
          ctx.sender() + " has bound " + max + " keys, the most allowed; unbind one first");
    }
    keeper.bindKey(s, msg.keyHash(), ctx.sender());
    ctx.emit(
        Event.of("payment.bind_key", "account", ctx.sender(), "key_hash", msg.keyHash().toHex()));
    return Result.ok(Done.DONE);
  }

  private Result<Done> unbind(TxContext ctx, UnbindApiKey msg) {
    Optional<Address> bound = keeper.keyAccount(ctx.state(), msg.keyHash());
    if (bound.isEmpty()) {
      return Result.err("unknown_key", "no account has bound the key " + msg.keyHash().shortHex());
    }
    if (!bound.get().equals(ctx.sender())) {
      return Result.err(
          "unauthorized", "the key is bound to another account; only that account may unbind it");
    }
    keeper.unbindKey(ctx.state(), msg.keyHash(), ctx.sender());
    ctx.emit(
        Event.of("payment.unbind_key", "account", ctx.sender(), "key_hash", msg.keyHash().toHex()));
    return Result.ok(Done.DONE);
  }

  private Result<Done> updateParams(TxContext ctx, UpdatePaymentParams msg) {
    Address authority = keeper.params(ctx.state()).authority();
    if (!ctx.sender().equals(authority)) {
      return Result.err(
          "unauthorized",
          "only the governance authority " + authority + " may change the payment parameters");
    }
    keeper.putParams(ctx.state(), msg.params());
    ctx.emit(
        Event.of(
            "payment.params",
            "close_timeout_seconds",
            msg.params().closeTimeoutSeconds(),
            "min_deposit",
            msg.params().minDeposit().toPlainString()));
    return Result.ok(Done.DONE);
  }

  // ---- settlement ----

  /**
   * One {@link SettleUsage}: check every claim, then charge the channels, split each model's total
   * and record the batch.
   */
  private final class Settle {
    private final TxContext ctx;
    private final SettleUsage msg;
    private final State s;

    Settle(TxContext ctx, SettleUsage msg) {
      this.ctx = ctx;
      this.msg = msg;
      this.s = ctx.state();
    }

    Result<Done> run() {
      if (keeper.batch(s, msg.root()).isPresent()) {
        return Result.err(
            "root_settled", "a batch with root " + msg.root() + " is already settled");
      }
      List<ChannelPart> parts = new ArrayList<>();
      long newReceipts = 0;
      Amount total = Amount.ZERO;
      for (ChannelClaim claim : msg.channels()) {
        Result<ChannelPart> part = check(claim);
        if (part instanceof Result.Err<ChannelPart> err) {
          return Result.err(err.code(), err.message());
        }
        ChannelPart p = part.orElseThrow();
        parts.add(p);
        newReceipts += p.lastNonce() - p.firstNonce() + 1;
        total = total.plus(p.amount());
      }
      if (newReceipts != msg.receiptCount()) {
        return Result.err(
            "receipt_count_mismatch",
            "the channels' new nonces add up to "
                + newReceipts
                + " receipts, the settlement says "
                + msg.receiptCount());
      }
      if (!msg.modelTotal().equals(total)) {
        return Result.err(
            "total_mismatch",
            "the channels are charged " + total + " but the models " + msg.modelTotal());
      }
      List<RegisteredModel> served = new ArrayList<>();
      for (ModelCharge m : msg.models()) {
        Result<RegisteredModel> found = servedModel(m);
        if (found instanceof Result.Err<RegisteredModel> err) {
          return Result.err(err.code(), err.message());
        }
        served.add(found.orElseThrow());
      }
      for (int i = 0; i < parts.size(); i++) {
        ChannelClaim claim = msg.channels().get(i);
        Channel c = keeper.channel(s, claim.channel()).orElseThrow();
        keeper.putChannel(s, c.settled(claim.lastNonce(), claim.cumulativeAfter()));
        ctx.emit(
            Event.of(
                "payment.charge",
                "channel",
                c.id().toHex(),
                "payer",
                c.payer(),
                "nonces",
                parts.get(i).firstNonce() + ".." + claim.lastNonce(),
                "amount",
                parts.get(i).amount().toPlainString()));
      }
      int contributorsBps = bank.params(s).inferenceFeeSplit().contributorsBps();
      List<ModelPart> modelParts = new ArrayList<>();
      for (int i = 0; i < msg.models().size(); i++) {
        Result<ModelPart> split = split(msg.models().get(i), served.get(i));
        if (split instanceof Result.Err<ModelPart> err) {
          return Result.err(err.code(), err.message());
        }
        modelParts.add(split.orElseThrow());
      }
      SettledBatch batch =
          new SettledBatch(
              msg.root(),
              ctx.sender(),
              ctx.block().height(),
              ctx.block().timeMillis(),
              keeper.batchCount(s),
              msg.receiptCount(),
              contributorsBps,
              parts,
              modelParts);
      keeper.addBatch(s, batch);
      ctx.emit(
          Event.of(
              "payment.settle",
              "root",
              msg.root().toHex(),
              "provider",
              ctx.sender(),
              "receipts",
              msg.receiptCount(),
              "amount",
              total.toPlainString(),
              "contributors_pool",
              batch.unattributed().toPlainString()));
      return Result.ok(Done.DONE);
    }

    /**
     * The ChannelSettlement rules: the provider's own channel, continuing right after its last
     * settlement, within its deposit.
     */
    private Result<ChannelPart> check(ChannelClaim claim) {
      Optional<Channel> found = keeper.channel(s, claim.channel());
      if (found.isEmpty()) {
        return Result.err("unknown_channel", "no payment channel " + claim.channel());
      }
      Channel c = found.get();
      if (!c.provider().equals(ctx.sender())) {
        return Result.err(
            "not_provider",
            "only the channel's provider "
                + c.provider()
                + " may settle receipts on channel "
                + c.id()
                + "; "
                + ctx.sender()
                + " is not it");
      }
      if (c.status() == ChannelStatus.CLOSED) {
        return Result.err(
            "channel_closed",
            "channel "
                + c.id()
                + " was withdrawn; its unsettled receipts can no longer be settled");
      }
      if (claim.lastNonce() <= c.settledNonce()) {
        return Result.err(
            "already_settled",
            "channel "
                + c.id()
                + " is settled up to receipt "
                + c.settledNonce()
                + "; the claim ends at "
                + claim.lastNonce());
      }
      if (claim.cumulativeAfter().isLessThan(c.settledCharged())) {
        return Result.err(
            "cumulative_mismatch",
            "channel "
                + c.id()
                + " settled a cumulative charge of "
                + c.settledCharged()
                + "; the claim ends at "
                + claim.cumulativeAfter());
      }
      if (c.deposit().isLessThan(claim.cumulativeAfter())) {
        return Result.err(
            "insufficient_escrow",
            "channel "
                + c.id()
                + " holds a deposit of "
                + c.deposit()
                + "; the receipts charge "
                + claim.cumulativeAfter()
                + " in all");
      }
      return Result.ok(
          new ChannelPart(
              c.id(),
              c.payer(),
              c.settledNonce() + 1,
              claim.lastNonce(),
              claim.cumulativeAfter().minus(c.settledCharged())));
    }

    /**
     * A registered model version that governance approved at some point (a model retired since
     * keeps what it earned).
     */
    private Result<RegisteredModel> servedModel(ModelCharge m) {
      Optional<RegisteredModel> found = models.model(s, m.model(), m.version());
      if (found.isEmpty()) {
        return Result.err("unknown_model", "no model " + m.label() + " is registered");
      }
      RegisteredModel r = found.get();
      boolean approved = r.history().stream().anyMatch(t -> t.to() == ModelState.APPROVED);
      if (!approved) {
        return Result.err(
            "model_not_approved",
            r.label() + " is " + r.state().label() + " and was never approved for serving");
      }
      return Result.ok(r);
    }

    private Result<ModelPart> split(ModelCharge m, RegisteredModel r) {
      FeeShares shares =
          new FeeShares(Amount.ZERO, Amount.ZERO, Amount.ZERO, Amount.ZERO, Amount.ZERO);
      if (!m.amount().isZero()) {
        Settlement settlement =
            new Settlement(
                ESCROW,
                m.amount(),
                Optional.of(m.model()),
                r.developer(),
                ctx.sender(),
                new Settlement.Escrow(ATTRIBUTION_POOL));
        Result<FeeShares> paid = bank.feeSplitter().settle(ctx, settlement);
        if (paid instanceof Result.Err<FeeShares> err) {
          return Result.err(
              err.code(), "the escrow cannot pay " + m.label() + "'s fees: " + err.message());
        }
        shares = paid.orElseThrow();
        // settle counted one inference of the model; the batch holds m.receipts() of them
        metrics.recordInferences(s, ctx.block(), m.model(), m.receipts() - 1, Amount.ZERO);
      } else {
        metrics.recordInferences(s, ctx.block(), m.model(), m.receipts(), Amount.ZERO);
      }
      return Result.ok(
          new ModelPart(
              m.model(),
              m.version(),
              r.developer(),
              m.receipts(),
              m.amount(),
              shares,
              shares.contributors()));
    }
  }

  // ---- queries ----

  public PaymentParams params(StateReader s) {
    return keeper.params(s);
  }

  public Optional<Channel> channel(StateReader s, Hash id) {
    return keeper.channel(s, id);
  }

  /** The payer's channel to the provider that is open for serving (not one that is closing). */
  public Optional<Channel> openChannel(StateReader s, Address payer, Address provider) {
    return keeper.activeChannel(s, payer, provider).filter(c -> c.status() == ChannelStatus.OPEN);
  }

  /** The channels an account pays for or serves, in id order. */
  public List<Channel> channelsOf(StateReader s, Address account) {
    List<Channel> out = new ArrayList<>(keeper.channelsOfPayer(s, account));
    for (Channel c : keeper.channelsOfProvider(s, account)) {
      if (!out.contains(c)) {
        out.add(c);
      }
    }
    return out;
  }

  /** The account an API key hash is bound to. */
  public Optional<Address> keyAccount(StateReader s, Hash keyHash) {
    return keeper.keyAccount(s, keyHash);
  }

  public Optional<SettledBatch> batch(StateReader s, Hash root) {
    return keeper.batch(s, root);
  }

  /** Settled batches, newest first, skipping {@code offset}, at most {@code limit}. */
  public List<SettledBatch> batches(StateReader s, long offset, int limit) {
    List<SettledBatch> out = new ArrayList<>();
    for (long n = keeper.batchCount(s) - 1 - offset; n >= 0 && out.size() < limit; n--) {
      Hash root =
          keeper
              .batchRoot(s, n)
              .orElseThrow(() -> new IllegalStateException("batch index has a gap"));
      out.add(
          keeper
              .batch(s, root)
              .orElseThrow(
                  () -> new IllegalStateException("batch index names a missing batch " + root)));
    }
    return out;
  }

  /**
   * Proves {@code receipt} against the settled batch with {@code root}: the proof verifies against
   * the root, the provider's signature is valid, the receipt's provider is the batch's, its channel
   * and nonce are in the batch, and its model and adapter are one of the batch's model versions. A
   * forged or altered receipt fails. Errors: {@code unknown_batch}, {@code bad_proof}, {@code
   * bad_signature}, {@code wrong_provider}, {@code not_in_batch}, {@code wrong_model}.
   */
  public Result<ProvenReceipt> proveReceipt(
      StateReader s, Hash root, SignedReceipt receipt, InclusionProof proof) {
    Optional<SettledBatch> found = keeper.batch(s, root);
    if (found.isEmpty()) {
      return Result.err("unknown_batch", "no batch with root " + root + " is settled");
    }
    SettledBatch b = found.get();
    UsageReceipt r = receipt.receipt();
    if (proof.treeSize() != b.receiptCount() || !ReceiptTree.verify(root, receipt, proof)) {
      return Result.err(
          "bad_proof",
          "the receipt "
              + r.requestId()
              + " is not leaf "
              + proof.index()
              + " of the batch "
              + root.shortHex()
              + " of "
              + b.receiptCount()
              + " receipts");
    }
    if (!receipt.verify()) {
      return Result.err(
          "bad_signature", "the receipt is not signed by its provider " + r.provider());
    }
    if (!r.provider().equals(b.provider())) {
      return Result.err(
          "wrong_provider",
          "the receipt is from " + r.provider() + " but the batch was settled by " + b.provider());
    }
    Optional<ChannelPart> channel =
        b.channel(r.channel())
            .filter(
                c ->
                    c.payer().equals(r.caller())
                        && r.nonce() >= c.firstNonce()
                        && r.nonce() <= c.lastNonce());
    if (channel.isEmpty()) {
      return Result.err(
          "not_in_batch",
          "the batch settled no receipt "
              + r.nonce()
              + " of channel "
              + r.channel().shortHex()
              + " paid by "
              + r.caller());
    }
    for (ModelPart m : b.models()) {
      if (m.model().equals(r.model())
          && models
              .model(s, m.model(), m.version())
              .map(x -> x.registration().adapter().equals(r.adapterHash()))
              .orElse(false)) {
        return Result.ok(new ProvenReceipt(receipt, b, channel.get(), m));
      }
    }
    return Result.err(
        "wrong_model",
        "the batch settled no model " + r.model() + " with adapter " + r.adapterHash().shortHex());
  }

  // ---- the attribution pool ----

  /**
   * Pays {@code amount} of a settled batch's unattributed contributors' part for one model version
   * out of the attribution pool to {@code to}, and lowers what remains unattributed. For the module
   * that attributes fees (it reports each contributor payment to the economy figures itself).
   * Errors: {@code unknown_batch}, {@code unknown_model}, {@code exceeds_unattributed}.
   */
  public Result<Amount> payFromPool(
      State s, Hash root, String model, int version, Address to, Amount amount) {
    Optional<SettledBatch> found = keeper.batch(s, root);
    if (found.isEmpty()) {
      return Result.err("unknown_batch", "no batch with root " + root + " is settled");
    }
    SettledBatch b = found.get();
    for (int i = 0; i < b.models().size(); i++) {
      ModelPart m = b.models().get(i);
      if (m.model().equals(model) && m.version() == version) {
        if (m.unattributed().isLessThan(amount)) {
          return Result.err(
              "exceeds_unattributed",
              model
                  + "@"
                  + version
                  + " has "
                  + m.unattributed()
                  + " unattributed in batch "
                  + root.shortHex()
                  + ", less than "
                  + amount);
        }
        Amount left = m.unattributed().minus(amount);
        if (!amount.isZero()) {
          bank.accounts().transfer(s, ATTRIBUTION_POOL, to, amount).orElseThrow();
        }
        keeper.putBatch(s, b.withModel(i, m.withUnattributed(left)));
        return Result.ok(left);
      }
    }
    return Result.err(
        "unknown_model", "batch " + root.shortHex() + " settled no model " + model + "@" + version);
  }

  // ---- invariants ----

  /**
   * The escrow holds exactly what channels have left; every channel is within its deposit; each
   * payer has at most one active channel per provider, and it is the indexed one; the attribution
   * pool holds exactly the unattributed parts of settled batches.
   */
  @Override
  public List<String> checkInvariants(StateReader s) {
    List<String> out = new ArrayList<>();
    Amount[] escrowed = {Amount.ZERO};
    keeper.forEachChannel(
        s,
        c -> {
          escrowed[0] = escrowed[0].plus(c.remaining());
          Optional<Channel> active = keeper.activeChannel(s, c.payer(), c.provider());
          boolean isActive = active.isPresent() && active.get().id().equals(c.id());
          if (isActive == (c.status() == ChannelStatus.CLOSED)) {
            out.add(
                "channel "
                    + c.id()
                    + " is "
                    + c.status().label()
                    + " but "
                    + (isActive ? "is" : "is not")
                    + " its pair's active channel");
          }
        });
    Amount escrow = bank.account(s, ESCROW).balance();
    if (!escrow.equals(escrowed[0])) {
      out.add("the payment escrow holds " + escrow + " but channels have " + escrowed[0] + " left");
    }
    Amount pooled = Amount.ZERO;
    for (long n = 0; n < keeper.batchCount(s); n++) {
      long seq = n;
      Hash root = keeper.batchRoot(s, n).orElse(null);
      if (root == null) {
        out.add("settled batch " + seq + " is missing from the index");
        continue;
      }
      pooled =
          pooled.plus(keeper.batch(s, root).map(SettledBatch::unattributed).orElse(Amount.ZERO));
    }
    Amount pool = bank.account(s, ATTRIBUTION_POOL).balance();
    if (!pool.equals(pooled)) {
      out.add(
          "the attribution pool holds "
              + pool
              + " but settled batches leave "
              + pooled
              + " unattributed");
    }
    return out;
  }
}
