package dev.openledger.node.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openledger.attribution.AttributionResult;
import dev.openledger.attribution.ContributorShare;
import dev.openledger.attribution.service.AttributionRecord;
import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import dev.openledger.core.crypto.KeyPair;
import dev.openledger.core.json.Json;
import dev.openledger.core.money.Amount;
import dev.openledger.datanet.IngestResult;
import dev.openledger.datanet.bench.BrownCorpus;
import dev.openledger.ledger.attribution.AttributionModule;
import dev.openledger.ledger.attribution.InferenceAttribution;
import dev.openledger.ledger.attribution.InferenceAttribution.Payout;
import dev.openledger.ledger.bank.BankModule;
import dev.openledger.ledger.datanet.DatanetIds;
import dev.openledger.ledger.engine.StateSnapshot;
import dev.openledger.ledger.msg.AccessTerms;
import dev.openledger.ledger.msg.ContributionPolicy;
import dev.openledger.ledger.msg.CreateDatanet;
import dev.openledger.ledger.msg.DataType;
import dev.openledger.ledger.msg.Message;
import dev.openledger.ledger.msg.PublishVersion;
import dev.openledger.ledger.msg.ReviewContribution;
import dev.openledger.ledger.msg.SubmitContribution;
import dev.openledger.ledger.payment.PaymentModule;
import dev.openledger.ledger.tx.SignedTransaction;
import dev.openledger.ledger.tx.Transaction;
import dev.openledger.ml.pretrain.Corpus;
import dev.openledger.ml.pretrain.Preset;
import dev.openledger.ml.pretrain.PretrainSpec;
import dev.openledger.ml.pretrain.Pretrainer;
import dev.openledger.ml.tensor.Kernels;
import dev.openledger.node.TestNode;
import dev.openledger.node.api.view.StatusView;
import dev.openledger.node.api.view.TxView;
import dev.openledger.node.attribution.AttributionViews.DatanetRef;
import dev.openledger.node.attribution.AttributionViews.EarningsView;
import dev.openledger.node.attribution.AttributionViews.InferenceEarningView;
import dev.openledger.node.cli.ExitCodes;
import dev.openledger.node.cli.Main;
import dev.openledger.node.client.AttributionClient;
import dev.openledger.node.client.DatanetClient;
import dev.openledger.node.client.LedgerClient;
import dev.openledger.node.datanet.UploadView;
import dev.openledger.node.serving.ServingOptions;
import dev.openledger.openlora.service.ServeConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proof of Attribution on one real node: a Datanet of three Brown files by two contributors, a
 * fine-tuned model served with paid requests; each request is attributed as it is served, its batch
 * settled, and the provider's node submits the attribution, which pays the contributors exactly the
 * receipt's contributors' part; {@code attribution show} explains it, {@code attribution verify}
 * recomputes it, and a tampered record fails (exit 5).
 */
class AttributionNodeTest {
  @TempDir static Path dir;
  static TestNode node;
  static String url;
  static final KeyPair ALICE = TestNode.key("alice");
  static final KeyPair BOB = TestNode.key("bob");
  static final KeyPair CAROL = TestNode.key("carol");
  static final KeyPair DAVE = TestNode.key("dave");
  static final String MODEL = "press-lora";
  static final String KEY = "sk-carol-attribution-0123456789";
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static List<String> requests = new ArrayList<>();
  static Amount carolBefore;
  static Amount carolAfter;

  record Run(int code, String out, String err) {}

  @BeforeAll
  static void servedAndAttributed() throws Exception {
    Path repo = Path.of(System.getProperty("openledger.repo.root"));
    BrownCorpus brown = BrownCorpus.at(repo);
    Path base = dir.resolve("base");
    new Pretrainer(Kernels.best())
        .run(
            Corpus.split(List.of(brown.text("ca01"), brown.text("ca02"))),
            new PretrainSpec(Preset.TINY, 2, 1),
            s -> {})
        .model()
        .write(base);
    node =
        new TestNode(
            dir.resolve("node"),
            g -> ((ObjectNode) g.modules().get("model")).put("autoApprove", true),
            Optional.of(
                new ServingOptions(
                    base.toString(), DAVE, Duration.ofHours(1), ServeConfig.defaults())));
    url = node.url();
    Hash press = publish(brown);
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
    ok("model", "propose", MODEL, "--from", "devnet:bob");
    ok(
        "payment",
        "open",
        "--provider",
        DAVE.address().toString(),
        "--amount",
        "5",
        "--from",
        "devnet:carol");
    ok("payment", "bind-key", "--key", KEY, "--from", "devnet:carol");

    for (String prompt : List.of("The jury said", "The Fulton County Grand Jury", "In the city")) {
      HttpResponse<String> r = completion(prompt);
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      requests.add(Json.mapper().readTree(r.body()).get("id").asText());
    }
    AttributionNode a = node.node.attribution();
    a.awaitIdle(60, TimeUnit.SECONDS);
    carolBefore = balance(CAROL.address());
    node.node.serving().orElseThrow().settler().settleNow();
    a.awaitIdle(60, TimeUnit.SECONDS);
    carolAfter = balance(CAROL.address());
  }

  @AfterAll
  static void stop() {
    if (node != null) {
      node.close();
    }
  }

  /**
   * Alice's Datanet: Brown press files ca01 and ca02 by bob and ca03 by carol, accepted and
   * published.
   */
  private static Hash publish(BrownCorpus brown) throws Exception {
    DatanetClient datanets = new DatanetClient(new LedgerClient(url));
    send(
        ALICE,
        new CreateDatanet(
            "Press",
            "News stories",
            "Brown press reportage",
            List.of("brown"),
            DataType.TEXT,
            "CC-BY-4.0",
            ContributionPolicy.open(),
            AccessTerms.open()));
    Hash press = DatanetIds.datanet(ALICE.address(), "Press");
    List<Hash> contributions = new ArrayList<>();
    for (String[] f :
        List.of(
            new String[] {"ca01", "bob"},
            new String[] {"ca02", "bob"},
            new String[] {"ca03", "carol"})) {
      KeyPair who = f[1].equals("bob") ? BOB : CAROL;
      byte[] bytes = brown.text(f[0]).getBytes(StandardCharsets.UTF_8);
      UploadView up = datanets.upload(press.toHex(), who.address(), f[0] + ".txt", bytes);
      assertThat(up.result()).isInstanceOf(IngestResult.Staged.class);
      SubmitContribution s = DatanetClient.checkToSign(up, press, who.address(), bytes);
      send(who, s);
      send(ALICE, new ReviewContribution(s.contributionId(), true, "on topic"));
      contributions.add(s.contributionId());
    }
    var preview = datanets.preview(press.toHex(), contributions);
    TxView v =
        send(
            ALICE,
            new PublishVersion(
                press, preview.version(), preview.root(), preview.rows(), contributions));
    assertThat(node.node.datanets().sync().awaitHeight(v.height(), Duration.ofSeconds(30)))
        .isTrue();
    return press;
  }

  static TxView send(KeyPair from, Message m) {
    LedgerClient client = new LedgerClient(url);
    StatusView s = client.status();
    SignedTransaction tx =
        new Transaction(
                s.chainId(),
                from.publicKey(),
                client.account(from.address(), false).nonce(),
                s.minFee(),
                m)
            .sign(from);
    client.submit(tx);
    TxView v = client.awaitFinal(tx.hash(), Duration.ofSeconds(30));
    assertThat(v.code()).as(m.type().name() + ": " + v.message()).isEqualTo("ok");
    return v;
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

  static HttpResponse<String> completion(String prompt) throws Exception {
    String body =
        "{\"model\":\""
            + MODEL
            + "\",\"prompt\":\""
            + prompt
            + "\",\"max_tokens\":24,\"temperature\":0}";
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(url + "/v1/completions"))
            .header("Authorization", "Bearer " + KEY)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static Amount balance(Address a) {
    return node.node
        .engine()
        .chain()
        .bank()
        .account(node.node.engine().reader().snapshot(), a)
        .balance();
  }

  @Test
  void everyPaidRequestIsAttributedOnChainPayingExactlyTheContributorsPart() throws Exception {
    StateSnapshot s = node.node.engine().reader().snapshot();
    AttributionModule module = node.node.engine().chain().module(AttributionModule.class);
    Amount carolPaid = Amount.ZERO;
    Amount paid = Amount.ZERO;
    for (String id : requests) {
      List<InferenceAttribution> onChain = module.byRequest(s, id);
      assertThat(onChain).as(id + ": " + node.node.attribution().status(id)).hasSize(1);
      InferenceAttribution a = onChain.get(0);
      assertThat(a.pool()).isEqualTo(a.charge().mulDiv(4_000, 10_000));
      assertThat(a.paidToContributors().plus(a.treasury())).isEqualTo(a.pool());
      AttributionRecord rec = node.node.attribution().record(id).orElseThrow();
      assertThat(a.claim().resultHash()).isEqualTo(rec.resultHash());
      for (ContributorShare c : rec.result().contributors()) {
        assertThat(a.payouts())
            .anySatisfy(
                p -> {
                  assertThat(p.contributor()).isEqualTo(c.contributor());
                  assertThat(p.units()).isEqualTo(c.total());
                });
      }
      carolPaid =
          carolPaid.plus(
              a.payouts().stream()
                  .filter(p -> p.contributor().equals(CAROL.address()))
                  .map(p -> p.paid())
                  .reduce(Amount.ZERO, Amount::plus));
      paid = paid.plus(a.paidToContributors());
    }
    assertThat(paid).isGreaterThan(Amount.ZERO);
    // carol (a contributor; her channel pays from escrow) sent nothing meanwhile: her balance grew
    // by exactly her payouts
    assertThat(carolAfter).isEqualTo(carolBefore.plus(carolPaid));
    assertThat(balance(PaymentModule.ATTRIBUTION_POOL))
        .as("at most rounding left unattributed")
        .isLessThan(Amount.ofNano(1_000));
    assertThat(balance(BankModule.TREASURY)).isGreaterThan(Amount.ZERO);
  }

  @Test
  void showExplainsAndVerifyRecomputesAndTheHttpViewHasTheDocumentedShape() throws Exception {
    String id = requests.get(0);
    Run show = ok("attribution", "show", id);
    assertThat(show.out())
        .contains("request " + id + ": attributed")
        .contains("contributors")
        .contains("paid")
        .contains("top rows")
        .contains(BOB.address().toString())
        .contains("result hash matches the record");
    Run verify = ok("attribution", "verify", id);
    assertThat(verify.out())
        .startsWith("verified: recomputed bit for bit")
        .contains("the chain records the same result hash");

    JsonNode v =
        Json.mapper()
            .readTree(
                HTTP.send(
                        HttpRequest.newBuilder(URI.create(url + "/api/attribution/" + id)).build(),
                        HttpResponse.BodyHandlers.ofString())
                    .body());
    assertThat(v.get("status").asText()).isEqualTo("attributed");
    JsonNode r = v.get("record");
    for (String field :
        List.of(
            "model",
            "prompt",
            "response",
            "resultHash",
            "contributors",
            "datanets",
            "topRows",
            "spans",
            "highlighted",
            "timings",
            "inputs")) {
      assertThat(r.has(field)).as(field).isTrue();
    }
    assertThat(r.get("topRows").get(0).get("snippet").asText()).isNotEmpty();
    assertThat(r.get("datanets").get(0).get("name").asText()).isEqualTo("Press");
    JsonNode chain = v.get("onChain").get(0);
    assertThat(chain.get("matchesRecord").asBoolean()).isTrue();
    assertThat(chain.get("payouts").get(0).has("paid")).isTrue();
    assertThat(cli("attribution", "show", "cmpl-unknown").code()).isEqualTo(ExitCodes.FAILURE);
  }

  @Test
  void aTamperedRecordFailsVerificationWithExitCode5() throws Exception {
    String id = requests.get(2);
    Path file =
        node.home
            .attributionDir()
            .resolve("records")
            .resolve(Hash.sha256(id.getBytes(StandardCharsets.UTF_8)).toHex() + ".olar");
    byte[] original = Files.readAllBytes(file);
    AttributionRecord rec = AttributionRecord.decode(original);
    AttributionResult r = rec.result();
    // move one unit from the first contributor to the unallocated part: still a consistent record,
    // but not the computed one
    List<ContributorShare> shares = new ArrayList<>(r.contributors());
    ContributorShare first = shares.get(0);
    shares.set(
        0,
        new ContributorShare(
            first.contributor(),
            first.gradientUnits() > 0 ? first.gradientUnits() - 1 : 0,
            first.gradientUnits() > 0 ? first.spanUnits() : first.spanUnits() - 1));
    AttributionResult forged =
        new AttributionResult(
            r.inputs(),
            r.method(),
            r.scale(),
            r.spanPool(),
            r.gradientPool(),
            r.unallocated() + 1,
            shares,
            r.datanets(),
            r.topRows(),
            r.spans(),
            r.outlierRows(),
            r.copiedRows(),
            r.duplicateRows(),
            r.crossCheck());
    Files.write(
        file,
        new AttributionRecord(
                rec.inference(),
                rec.promptText(),
                rec.responseText(),
                rec.queryGradient(),
                forged,
                rec.timings())
            .encode());
    try {
      Run verify = cli("attribution", "verify", id);
      assertThat(verify.code()).as(verify.out() + verify.err()).isEqualTo(ExitCodes.VERIFY_FAILED);
      assertThat(verify.out()).startsWith("MISMATCH").contains("shares differ");
      assertThat(ok("attribution", "show", id).out()).contains("RESULT HASH DIFFERS");
    } finally {
      Files.write(file, original);
    }
    assertThat(ok("attribution", "verify", id).out()).startsWith("verified");
  }

  @Test
  void byContributorListsEveryPaidInferenceNewestFirstWithTotalsPerDatanetAndModel()
      throws Exception {
    StateSnapshot s = node.node.engine().reader().snapshot();
    AttributionModule module = node.node.engine().chain().module(AttributionModule.class);
    AttributionClient client = new AttributionClient(new LedgerClient(url));
    for (KeyPair who : List.of(BOB, CAROL)) {
      List<InferenceAttribution> paying = new ArrayList<>();
      for (String id : requests) {
        InferenceAttribution a = module.byRequest(s, id).get(0);
        if (a.payouts().stream().anyMatch(p -> p.contributor().equals(who.address()))) {
          paying.add(a);
        }
      }
      assertThat(paying).as("the three answers pay %s", who.address()).isNotEmpty();
      EarningsView v = client.earnings(who.address(), 50);
      Amount paid = Amount.ZERO;
      Amount earned = Amount.ZERO;
      for (InferenceAttribution a : paying) {
        Payout p =
            a.payouts().stream()
                .filter(x -> x.contributor().equals(who.address()))
                .findFirst()
                .orElseThrow();
        paid = paid.plus(p.paid());
        earned = earned.plus(p.earned());
        assertThat(v.inferences())
            .anySatisfy(
                i -> {
                  assertThat(i.requestId()).isEqualTo(a.requestId());
                  assertThat(i.paid()).isEqualTo(p.paid());
                  assertThat(i.units()).isEqualTo(p.units());
                  assertThat(i.height()).isEqualTo(a.height());
                  assertThat(i.model()).isEqualTo(MODEL);
                });
      }
      assertThat(v.contributor()).isEqualTo(who.address());
      assertThat(v.inferences()).hasSize(paying.size());
      assertThat(v.inferences())
          .extracting(InferenceEarningView::height)
          .isSortedAccordingTo((x, y) -> Long.compare(y, x));
      assertThat(v.totals().inferences()).isEqualTo(paying.size());
      assertThat(v.totals().paid()).isEqualTo(paid);
      assertThat(v.totals().earned()).isEqualTo(earned);
      assertThat(v.more()).isFalse();
      // one model version, trained on the Press Datanet only, in which both have accepted
      // contributions
      Amount all = paid;
      assertThat(v.models())
          .singleElement()
          .satisfies(
              m -> {
                assertThat(m.model()).isEqualTo(MODEL);
                assertThat(m.paid()).isEqualTo(all);
                assertThat(m.datanets()).extracting(DatanetRef::name).containsExactly("Press");
              });
      assertThat(v.datanets())
          .singleElement()
          .satisfies(
              d -> {
                assertThat(d.datanets()).extracting(DatanetRef::name).containsExactly("Press");
                assertThat(d.paid()).isEqualTo(all);
                assertThat(d.inferences()).isEqualTo(paying.size());
              });
      if (paying.size() > 1) {
        EarningsView first = client.earnings(who.address(), 1);
        assertThat(first.inferences()).hasSize(1);
        assertThat(first.more()).isTrue();
        assertThat(first.totals())
            .as("totals cover every inference, listed or not")
            .isEqualTo(v.totals());
      }
    }
    // carol's payouts are what her balance grew by when the batch was attributed
    assertThat(carolAfter)
        .isEqualTo(carolBefore.plus(client.earnings(CAROL.address(), 50).totals().paid()));

    EarningsView nobody = client.earnings(ALICE.address(), 50);
    assertThat(nobody.totals().inferences()).isZero();
    assertThat(nobody.totals().paid()).isEqualTo(Amount.ZERO);
    assertThat(nobody.inferences()).isEmpty();
    assertThat(nobody.datanets()).isEmpty();
    HttpResponse<String> bad =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(url + "/api/attribution/by-contributor/ol1nothing"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(bad.statusCode()).isEqualTo(400);
  }
}
