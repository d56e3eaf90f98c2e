package dev.openledger.node.serving;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import dev.openledger.core.crypto.KeyPair;
import dev.openledger.core.json.Json;
import dev.openledger.core.money.Amount;
import dev.openledger.core.receipt.ReceiptTree;
import dev.openledger.core.receipt.SignedReceipt;
import dev.openledger.core.receipt.UsageReceipt;
import dev.openledger.datanet.bench.BrownCorpus;
import dev.openledger.ledger.attribution.AttributionModule;
import dev.openledger.ledger.attribution.InferenceAttribution;
import dev.openledger.ledger.engine.StateSnapshot;
import dev.openledger.ledger.msg.Message;
import dev.openledger.ledger.payment.PaymentModule;
import dev.openledger.node.TestNode;
import dev.openledger.node.api.economy.AccountRewardsView;
import dev.openledger.node.api.view.TxView;
import dev.openledger.node.attribution.PaidAttribution;
import dev.openledger.node.cli.ExitCodes;
import dev.openledger.node.cli.Main;
import dev.openledger.node.client.InferenceClient;
import dev.openledger.node.client.LedgerClient;
import dev.openledger.node.client.PaymentClient;
import dev.openledger.node.payment.PaymentViews.BatchView;
import dev.openledger.node.payment.PaymentViews.ReceiptCheckView;
import dev.openledger.node.payment.PaymentViews.ReceiptProofView;
import dev.openledger.openlora.service.ServeConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lifecycle from fine-tune to paid serving on one real node: a published datanet, a fine-tuned
 * adapter registered by its developer's key and approved by a governance vote through the CLI, then
 * served on the node's own port with chain-backed payments — the OpenAI request and response shapes
 * (streaming too), no request served unpaid, bad keys refused, settlement that conserves supply,
 * receipts proven against the settled root, and the payment and infer commands.
 */
class PaidServingTest {
  @TempDir static Path dir;
  static TestNode node;
  static String url;
  static final KeyPair ALICE = TestNode.key("alice");
  static final KeyPair BOB = TestNode.key("bob");
  static final KeyPair CAROL = TestNode.key("carol");
  static final KeyPair DAVE = TestNode.key("dave");
  static final String MODEL = "press-lora";
  static final String CAROL_KEY = "sk-carol-0123456789abcdef";
  static final HttpClient HTTP = HttpClient.newHttpClient();

  record Run(int code, String out, String err) {}

  @BeforeAll
  static void lifecycle() throws Exception {
    BrownCorpus brown = BrownCorpus.at(Path.of(System.getProperty("openledger.repo.root")));
    // a tiny base trained for two steps: its adapters serve real tokens, quickly
    Path base = PaidAttribution.pretrainedBase(dir);
    node =
        new TestNode(
            dir.resolve("node"),
            g -> {
              ((ObjectNode) g.modules().get("gov").get("params"))
                  .put("votingDelaySeconds", 1)
                  .put("votingPeriodSeconds", 3)
                  .put("timelockSeconds", 1);
              ((ObjectNode) g.modules().get("model")).put("autoApprove", false);
              ((ObjectNode) g.modules().get("payment")).put("closeTimeoutSeconds", 2);
            },
            Optional.of(
                new ServingOptions(
                    base.toString(), DAVE, Duration.ofHours(1), ServeConfig.defaults())));
    url = node.url();

    Map<String, KeyPair> files = new LinkedHashMap<>();
    files.put("ca01", BOB);
    files.put("ca02", BOB);
    Hash press = PaidAttribution.publish(node, brown, files);
    ok(
        "model",
        "finetune",
        "--name",
        MODEL,
        "--base",
        base.toString(),
        "--datanet",
        press.toHex(),
        "--developer",
        "devnet:bob",
        "--epochs",
        "1",
        "--batch",
        "4",
        "--seq-len",
        "32");
    ok("model", "register", MODEL, "--from", "devnet:bob");
    ok("stake", "stake", "--from", "devnet:bob", "--pool", "1", "--amount", "1000");
    Thread.sleep(5);
    Run proposed = ok("model", "propose", MODEL, "--from", "devnet:bob");
    Matcher m = Pattern.compile("governance proposal (\\d+) approves").matcher(proposed.out());
    assertThat(m.find()).as(proposed.out()).isTrue();
    String id = m.group(1);
    JsonNode p = get("/api/gov/proposals/" + id).get("proposal");
    sleepUntil(p.get("snapshotMillis").asLong() + 100);
    ok("gov", "vote", id, "for", "--from", "devnet:bob");
    sleepUntil(p.get("deadlineMillis").asLong() + 100);
    ok("gov", "queue", id, "--from", "devnet:alice");
    sleepUntil(get("/api/gov/proposals/" + id).get("proposal").get("etaMillis").asLong() + 100);
    ok("gov", "execute", id, "--from", "devnet:alice");
    assertThat(ok("model", "show", MODEL).out()).contains("approved");

    ok(
        "payment",
        "open",
        "--provider",
        DAVE.address().toString(),
        "--amount",
        "5",
        "--from",
        "devnet:carol");
    ok("payment", "bind-key", "--key", CAROL_KEY, "--from", "devnet:carol");
  }

  @AfterAll
  static void stop() {
    if (node != null) {
      node.close();
    }
  }

  /** Alice's datanet of two Brown press files by bob, approved and published as version 1. */
  static TxView send(KeyPair from, Message m) {
    return PaidAttribution.send(url, from, m);
  }

  static Run cli(String... args) {
    List<String> all =
        new ArrayList<>(List.of("--home", dir.resolve("cli-home").toString(), "--node", url));
    all.addAll(List.of(args));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Main.run(
            new PrintWriter(out, true), new PrintWriter(err, true), all.toArray(String[]::new));
    return new Run(code, out.toString(), err.toString());
  }

  static Run ok(String... args) {
    Run r = cli(args);
    assertThat(r.code()).as("%s\n%s\n%s", String.join(" ", args), r.out(), r.err()).isZero();
    return r;
  }

  static JsonNode get(String path) throws Exception {
    return Json.mapper()
        .readTree(
            HTTP.send(
                    HttpRequest.newBuilder(URI.create(url + path)).build(),
                    HttpResponse.BodyHandlers.ofString())
                .body());
  }

  static void sleepUntil(long millis) throws InterruptedException {
    long wait = millis - System.currentTimeMillis();
    if (wait > 0) {
      Thread.sleep(wait);
    }
  }

  /** Exactly what the official OpenAI Python client sends. */
  static HttpResponse<String> openAi(String method, String path, String key, String body)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url + path))
            .header("Accept", "application/json")
            .header("User-Agent", "OpenAI/Python 1.54.0")
            .header("X-Stainless-Lang", "python")
            .header("X-Stainless-Package-Version", "1.54.0")
            .header("X-Stainless-Async", "false")
            .header("x-stainless-retry-count", "0");
    if (key != null) {
      b.header("Authorization", "Bearer " + key);
    }
    if (body == null) {
      b.GET();
    } else {
      b.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static String code(HttpResponse<String> r) throws Exception {
    return Json.mapper().readTree(r.body()).get("error").get("code").asText();
  }

  @Test
  void theApprovedModelIsServedOnTheNodesPortInTheOpenAiShapes() throws Exception {
    JsonNode models = Json.mapper().readTree(openAi("GET", "/v1/models", CAROL_KEY, null).body());
    assertThat(models.get("object").asText()).isEqualTo("list");
    JsonNode m = models.get("data").get(0);
    assertThat(m.get("id").asText()).isEqualTo(MODEL);
    assertThat(m.get("parent").asText())
        .isEqualTo(node.node.serving().orElseThrow().chain().baseId());
    assertThat(m.get("openledger").get("developer").asText()).isEqualTo(BOB.address().toString());
    // the registry's default 0.01 OPEN per 1,000 tokens
    assertThat(m.get("openledger").get("price_per_token").asText()).isEqualTo("0.00001");

    HttpResponse<String> completion =
        openAi(
            "POST",
            "/v1/completions",
            CAROL_KEY,
            "{\"model\":\""
                + MODEL
                + "\",\"prompt\":\"The jury said\",\"max_tokens\":6,\"temperature\":0}");
    assertThat(completion.statusCode()).as(completion.body()).isEqualTo(200);
    JsonNode c = Json.mapper().readTree(completion.body());
    assertThat(c.get("object").asText()).isEqualTo("text_completion");
    assertThat(c.get("id").asText()).startsWith("cmpl-");
    assertThat(c.get("choices").get(0).has("text")).isTrue();
    int total = c.get("usage").get("total_tokens").asInt();
    SignedReceipt receipt =
        SignedReceipt.fromHex(completion.headers().firstValue("OpenLedger-Receipt").orElseThrow());
    assertThat(receipt.verify()).isTrue();
    UsageReceipt r = receipt.receipt();
    assertThat(r.requestId()).isEqualTo(c.get("id").asText());
    assertThat(r.provider()).isEqualTo(DAVE.address());
    assertThat(r.caller()).isEqualTo(CAROL.address());
    assertThat(r.charge()).isEqualTo(Amount.parse("0.00001").times(total));
    assertThat(r.channel())
        .isEqualTo(
            new PaymentClient(new LedgerClient(url))
                .activeChannel(CAROL.address(), DAVE.address())
                .orElseThrow()
                .id());

    HttpResponse<String> chat =
        openAi(
            "POST",
            "/v1/chat/completions",
            CAROL_KEY,
            "{\"model\":\""
                + MODEL
                + "\",\"messages\":[{\"role\":\"user\",\"content\":\"What happened?\"}],\"max_tokens\":5}");
    assertThat(chat.statusCode()).as(chat.body()).isEqualTo(200);
    JsonNode ch = Json.mapper().readTree(chat.body());
    assertThat(ch.get("object").asText()).isEqualTo("chat.completion");
    assertThat(ch.get("choices").get(0).get("message").get("role").asText()).isEqualTo("assistant");
    assertThat(ch.get("openledger").get("receipt").get("encoded").asText()).isNotEmpty();

    HttpResponse<String> stream =
        openAi(
            "POST",
            "/v1/chat/completions",
            CAROL_KEY,
            "{\"model\":\""
                + MODEL
                + "\",\"messages\":[{\"role\":\"user\",\"content\":\"Tell me\"}],\"max_tokens\":6,\"stream\":true,"
                + "\"stream_options\":{\"include_usage\":true}}");
    assertThat(stream.statusCode()).isEqualTo(200);
    assertThat(stream.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("text/event-stream");
    assertThat(stream.body()).startsWith("data: {").endsWith("data: [DONE]\n\n");
    List<JsonNode> events = new ArrayList<>();
    for (String line : stream.body().split("\n")) {
      if (line.startsWith("data: {")) {
        events.add(Json.mapper().readTree(line.substring(6)));
      }
    }
    assertThat(events.get(0).get("object").asText()).isEqualTo("chat.completion.chunk");
    assertThat(events.get(0).get("choices").get(0).get("delta").get("role").asText())
        .isEqualTo("assistant");
    JsonNode last = events.get(events.size() - 1);
    assertThat(last.get("choices")).isEmpty();
    assertThat(last.get("usage").get("completion_tokens").asInt()).isPositive();
    JsonNode withReceipt = events.get(events.size() - 2);
    SignedReceipt streamed =
        SignedReceipt.fromHex(withReceipt.get("openledger").get("receipt").get("encoded").asText());
    assertThat(streamed.verify()).isTrue();
    assertThat(streamed.receipt().nonce())
        .as("receipts on a channel count up")
        .isGreaterThan(r.nonce());

    InferenceClient ic = new InferenceClient(url, CAROL_KEY);
    InferenceClient.Answer a =
        ic.stream(InferenceClient.Request.greedy(MODEL, "In the city", 5), piece -> {});
    assertThat(a.chunks()).isPositive();
    assertThat(a.receipt().receipt().requestId()).isEqualTo(a.id());
  }

  @Test
  void noRequestIsServedUnpaidAndBadKeysGet401() throws Exception {
    String body = "{\"model\":\"" + MODEL + "\",\"prompt\":\"Hello\",\"max_tokens\":5}";
    HttpResponse<String> none = openAi("POST", "/v1/completions", null, body);
    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(code(none)).isEqualTo("missing_api_key");
    HttpResponse<String> bad = openAi("POST", "/v1/completions", "sk-nobody-bound-this", body);
    assertThat(bad.statusCode()).isEqualTo(401);
    assertThat(code(bad)).isEqualTo("invalid_api_key");
    assertThat(openAi("GET", "/v1/models", "sk-nobody-bound-this", null).statusCode())
        .isEqualTo(401);

    // dave's own key, but dave has no channel to himself: refused before any work
    String daveKey = "sk-dave-0123456789";
    ok("payment", "bind-key", "--key", daveKey, "--from", "devnet:dave");
    HttpResponse<String> noChannel = openAi("POST", "/v1/completions", daveKey, body);
    assertThat(noChannel.statusCode()).isEqualTo(429);
    assertThat(code(noChannel)).isEqualTo("insufficient_quota");

    // alice escrows the minimum, 0.001 OPEN = 100 tokens at 0.00001: a request that may cost more
    // is refused
    String aliceKey = "sk-alice-0123456789";
    ok("payment", "bind-key", "--key", aliceKey, "--from", "devnet:alice");
    ok(
        "payment",
        "open",
        "--provider",
        DAVE.address().toString(),
        "--amount",
        "0.001",
        "--from",
        "devnet:alice");
    HttpResponse<String> tooMuch =
        openAi(
            "POST",
            "/v1/completions",
            aliceKey,
            "{\"model\":\"" + MODEL + "\",\"prompt\":\"Hello\",\"max_tokens\":120}");
    assertThat(tooMuch.statusCode()).isEqualTo(429);
    assertThat(Json.mapper().readTree(tooMuch.body()).get("error").get("message").asText())
        .contains("may cost up to");
    HttpResponse<String> fits =
        openAi(
            "POST",
            "/v1/completions",
            aliceKey,
            "{\"model\":\"" + MODEL + "\",\"prompt\":\"Hello\",\"max_tokens\":20}");
    assertThat(fits.statusCode()).as(fits.body()).isEqualTo(200);

    // closing the channel stops serving at once; after the timeout alice takes back what was not
    // charged
    ok("payment", "close", "--provider", DAVE.address().toString(), "--from", "devnet:alice");
    HttpResponse<String> closing = openAi("POST", "/v1/completions", aliceKey, body);
    assertThat(closing.statusCode()).isEqualTo(429);
    node.node
        .serving()
        .orElseThrow()
        .settler()
        .settleNow(); // the provider settles within the close timeout
    Thread.sleep(2_100);
    Amount aliceBefore = balance(ALICE.address());
    Run w =
        ok(
            "payment",
            "withdraw",
            "--provider",
            DAVE.address().toString(),
            "--from",
            "devnet:alice");
    Amount refunded =
        Amount.parse(w.out().replaceAll("(?s).*payment.withdraw .*amount=([0-9.]+).*", "$1"));
    SignedReceipt charged =
        SignedReceipt.fromHex(fits.headers().firstValue("OpenLedger-Receipt").orElseThrow());
    assertThat(refunded).isEqualTo(Amount.parse("0.001").minus(charged.receipt().charge()));
    assertThat(balance(ALICE.address())).isEqualTo(aliceBefore.plus(refunded).minus(TestNode.FEE));
  }

  @Test
  void settlementConservesSupplyAndEveryReceiptProvesAgainstTheSettledRoot() throws Exception {
    InferenceClient ic = new InferenceClient(url, CAROL_KEY);
    List<InferenceClient.Answer> answers = new ArrayList<>();
    for (String prompt : List.of("The jury said", "Mayor", "In the election")) {
      answers.add(ic.complete(InferenceClient.Request.greedy(MODEL, prompt, 4)));
    }
    // the node attributes each settled batch on its own thread (bob is also a contributor): wait
    // for what earlier tests queued, and below for this batch's attributions, and count them
    node.node.attribution().awaitIdle(60, TimeUnit.SECONDS);
    StateSnapshot before = node.node.engine().reader().snapshot();
    Amount bobBefore = balance(BOB.address());
    Amount poolBefore = balance(PaymentModule.ATTRIBUTION_POOL);
    AccountRewardsView bobRewardsBefore = rewards(BOB.address());
    AccountRewardsView daveRewardsBefore = rewards(DAVE.address());

    List<UsageSettler.Settled> settled = node.node.serving().orElseThrow().settler().settleNow();
    assertThat(settled).isNotEmpty();
    assertThat(node.node.serving().orElseThrow().settler().pending()).isZero();
    node.node.attribution().awaitIdle(60, TimeUnit.SECONDS);

    StateSnapshot after = node.node.engine().reader().snapshot();
    var bank = node.node.engine().chain().bank();
    assertThat(bank.supply(after).total()).isEqualTo(bank.supply(before).total());
    assertThat(node.node.engine().chain().machine().checkInvariants(after)).isEmpty();
    PaymentClient pc = new PaymentClient(new LedgerClient(url));
    Amount developer = Amount.ZERO;
    Amount contributors = Amount.ZERO;
    for (UsageSettler.Settled s : settled) {
      BatchView b = pc.batch(s.batch().root()).orElseThrow();
      assertThat(b.provider()).isEqualTo(DAVE.address());
      assertThat(b.total()).isEqualTo(s.batch().total());
      for (var m : b.models()) {
        developer = developer.plus(m.shares().developer());
        contributors = contributors.plus(m.shares().contributors());
        assertThat(m.shares().contributors()).isEqualTo(m.amount().mulDiv(4000, 10_000));
      }
    }
    AttributionModule attributions = node.node.engine().chain().module(AttributionModule.class);
    Amount bobAttributed = Amount.ZERO;
    Amount attributed = Amount.ZERO;
    for (UsageSettler.Settled s : settled) {
      for (SignedReceipt r : s.batch().receipts()) {
        for (InferenceAttribution a : attributions.byRequest(after, r.receipt().requestId())) {
          attributed = attributed.plus(a.pool());
          for (InferenceAttribution.Payout p : a.payouts()) {
            if (p.contributor().equals(BOB.address())) {
              bobAttributed = bobAttributed.plus(p.paid());
            }
          }
        }
      }
    }
    assertThat(balance(BOB.address()))
        .as("the developer's share, and bob's payouts as a contributor")
        .isEqualTo(bobBefore.plus(developer).plus(bobAttributed));
    // the account's earnings by role say the same
    AccountRewardsView bobRewards = rewards(BOB.address());
    assertThat(bobRewards.byKind().get("developer"))
        .isEqualTo(bobRewardsBefore.byKind().get("developer").plus(developer));
    assertThat(bobRewards.byKind().get("contributor"))
        .isEqualTo(bobRewardsBefore.byKind().get("contributor").plus(bobAttributed));
    assertThat(bobRewards.total())
        .isEqualTo(bobRewardsBefore.total().plus(developer).plus(bobAttributed));
    AccountRewardsView.DevelopedModel model =
        bobRewards.developed().stream()
            .filter(m -> m.name().equals(MODEL))
            .findFirst()
            .orElseThrow();
    AccountRewardsView.DevelopedModel modelBefore =
        bobRewardsBefore.developed().stream()
            .filter(m -> m.name().equals(MODEL))
            .findFirst()
            .orElseThrow();
    assertThat(model.state()).isEqualTo("approved");
    assertThat(model.inferences()).isEqualTo(modelBefore.inferences() + answers.size());
    Amount providerShare = Amount.ZERO;
    for (UsageSettler.Settled s : settled) {
      for (var m : pc.batch(s.batch().root()).orElseThrow().models()) {
        providerShare = providerShare.plus(m.shares().provider());
      }
    }
    assertThat(rewards(DAVE.address()).byKind().get("provider"))
        .isEqualTo(daveRewardsBefore.byKind().get("provider").plus(providerShare));
    assertThat(rewards(DAVE.address()).developed()).isEmpty();
    assertThat(ok("query", "rewards", BOB.address().toString()).out())
        .contains("earned in all     " + bobRewards.total().toPlainString() + " OPEN")
        .contains("  developer       " + bobRewards.byKind().get("developer").toPlainString())
        .contains(
            "developed         "
                + MODEL
                + " v"
                + model.version()
                + " (approved): "
                + model.inferences()
                + " paid answers");
    assertThat(balance(PaymentModule.ATTRIBUTION_POOL))
        .isEqualTo(poolBefore.plus(contributors).minus(attributed));
    assertThat(
            new PaymentClient(new LedgerClient(url))
                .channels(CAROL.address())
                .channels()
                .get(0)
                .settledNonce())
        .isEqualTo(answers.get(2).receipt().receipt().nonce());

    for (InferenceClient.Answer a : answers) {
      Run proof = ok("payment", "receipt", a.id());
      assertThat(proof.out()).contains("verified: signed by provider " + DAVE.address());
      ReceiptProofView p = pc.receipt(a.id()).orElseThrow();
      assertThat(ReceiptTree.verify(p.root(), a.receipt(), p.proof())).isTrue();
      // the provider re-signs the receipt with more tokens: valid signature, but not the settled
      // leaf
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
              r.completionTokens() + 5,
              r.pricePerToken(),
              r.pricePerToken().times(r.totalTokens() + 5),
              r.cumulativeCharged().plus(r.pricePerToken().times(5)));
      ReceiptCheckView forged = pc.verify(p.root(), SignedReceipt.sign(inflated, DAVE), p.proof());
      assertThat(forged.verified()).isFalse();
      assertThat(forged.code()).isEqualTo("bad_proof");
      ReceiptCheckView real = pc.verify(p.root(), a.receipt(), p.proof());
      assertThat(real.verified()).isTrue();
      assertThat(real.contributorsPart()).isEqualTo(r.charge().mulDiv(4000, 10_000));
    }
    assertThat(cli("payment", "receipt", "cmpl-never-served").code()).isEqualTo(ExitCodes.FAILURE);
  }

  @Test
  void theInferAndPaymentCommandsTalkToTheServingNode() {
    Run plain =
        ok(
            "infer",
            "--model",
            MODEL,
            "--prompt",
            "The jury said",
            "--max-tokens",
            "4",
            "--temperature",
            "0",
            "--key",
            CAROL_KEY);
    assertThat(plain.out())
        .contains("receipt: ")
        .contains("signed by provider " + DAVE.address() + " (signature verified)")
        .contains("receipt hex ");
    Run streamed =
        ok(
            "infer",
            "--model",
            MODEL,
            "--prompt",
            "Hello",
            "--chat",
            "--stream",
            "--max-tokens",
            "4",
            "--key",
            CAROL_KEY);
    assertThat(streamed.out()).contains("chatcmpl-").contains("signature verified");
    Run badKey = cli("infer", "--model", MODEL, "--prompt", "x", "--key", "sk-wrong-key-123");
    assertThat(badKey.code()).isEqualTo(ExitCodes.REJECTED);
    assertThat(badKey.out()).contains("401 invalid_api_key");
    Run unknown = cli("infer", "--model", "no-such-model", "--prompt", "x", "--key", CAROL_KEY);
    assertThat(unknown.code()).isEqualTo(ExitCodes.REJECTED);
    assertThat(unknown.out()).contains("404 model_not_found");
    assertThat(cli("infer", "--model", MODEL, "--prompt", "x").code()).isEqualTo(ExitCodes.USAGE);

    Run channels = ok("payment", "channels", CAROL.address().toString());
    assertThat(channels.out()).contains("open").contains("pays " + DAVE.address());
    node.node.serving().orElseThrow().settler().settleNow();
    Run batches = ok("payment", "batches");
    assertThat(batches.out())
        .contains("batches settled")
        .contains(MODEL + "@1")
        .contains("developer");
    assertThat(cli("payment", "topup", "--amount", "1", "--from", "devnet:carol").code())
        .isEqualTo(ExitCodes.USAGE);
    ok(
        "payment",
        "topup",
        "--provider",
        DAVE.address().toString(),
        "--amount",
        "1",
        "--from",
        "devnet:carol");
    Run treasury = ok("query", "supply");
    assertThat(treasury.out()).contains("payments").contains("attribution-pool");
  }

  /** {@code GET /api/economy/rewards/{address}}. */
  static AccountRewardsView rewards(Address a) throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(url + "/api/economy/rewards/" + a)).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return Json.mapper().readValue(r.body(), AccountRewardsView.class);
  }

  static Amount balance(Address a) {
    return node.balance(a);
  }
}
