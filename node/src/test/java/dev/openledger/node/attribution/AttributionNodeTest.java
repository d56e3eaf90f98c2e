package dev.openledger.node.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openledger.attribution.AttributionResult;
import dev.openledger.attribution.ContributorShare;
import dev.openledger.attribution.service.AttributionRecord;
import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import dev.openledger.core.crypto.KeyPair;
import dev.openledger.core.json.Json;
import dev.openledger.core.money.Amount;
import dev.openledger.ledger.attribution.AttributionModule;
import dev.openledger.ledger.attribution.InferenceAttribution;
import dev.openledger.ledger.attribution.InferenceAttribution.Payout;
import dev.openledger.ledger.bank.BankModule;
import dev.openledger.ledger.engine.StateSnapshot;
import dev.openledger.ledger.payment.PaymentModule;
import dev.openledger.node.TestNode;
import dev.openledger.node.attribution.AttributionViews.DatanetRef;
import dev.openledger.node.attribution.AttributionViews.EarningsView;
import dev.openledger.node.attribution.AttributionViews.InferenceEarningView;
import dev.openledger.node.attribution.PaidAttribution.Run;
import dev.openledger.node.cli.ExitCodes;
import dev.openledger.node.client.AttributionClient;
import dev.openledger.node.client.LedgerClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
  static final KeyPair ALICE = PaidAttribution.ALICE;
  static final KeyPair BOB = PaidAttribution.BOB;
  static final KeyPair CAROL = PaidAttribution.CAROL;
  static final String MODEL = PaidAttribution.MODEL;
  static final String KEY = "sk-carol-attribution-0123456789";
  static final HttpClient HTTP = PaidAttribution.HTTP;
  static List<String> requests = new ArrayList<>();
  static Amount carolBefore;
  static Amount carolAfter;

  @BeforeAll
  static void servedAndAttributed() throws Exception {
    Path base = PaidAttribution.pretrainedBase(dir);
    node = PaidAttribution.node(dir.resolve("node"), PaidAttribution.serving(base));
    url = node.url();
    PaidAttribution.fineTunedAndPaid(node, base, dir.resolve("cli-home"), KEY);
    requests.addAll(
        PaidAttribution.served(
            url, KEY, List.of("The jury said", "The Fulton County Grand Jury", "In the city")));
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

  static Run cli(String... args) {
    return PaidAttribution.cli(dir.resolve("cli-home"), url, args);
  }

  static Run ok(String... args) {
    return PaidAttribution.ok(dir.resolve("cli-home"), url, args);
  }

  static Amount balance(Address a) {
    return node.balance(a);
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
