package dev.openledger.node.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openledger.attribution.service.AttributionRecord;
import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import dev.openledger.core.crypto.KeyPair;
import dev.openledger.core.json.Json;
import dev.openledger.core.money.Amount;
import dev.openledger.ledger.attribution.InferenceAttribution;
import dev.openledger.ledger.payment.PaymentModule;
import dev.openledger.node.TestNode;
import dev.openledger.node.serving.ServingOptions;
import dev.openledger.node.serving.SettledBatchStore;
import dev.openledger.node.serving.UsageSettler;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A provider's node that stops after its batch settled but before it submitted the attributions
 * (its attribution worker is closed first, so the settlement event finds nobody to submit) submits
 * them when it starts again on the same home: every answer is attributed on chain with the result
 * hash of the record kept here, each contributor is paid once, and a further restart sends nothing.
 */
class AttributionRecoveryTest {
  static final KeyPair BOB = PaidAttribution.BOB;
  static final KeyPair CAROL = PaidAttribution.CAROL;
  static final KeyPair DAVE = PaidAttribution.DAVE;
  static final String KEY = "sk-carol-recovery-0123456789";

  @TempDir Path dir;
  TestNode node;

  @AfterEach
  void stop() {
    if (node != null) {
      node.close();
    }
  }

  @Test
  void attributionsOfABatchSettledBeforeAStopAreSubmittedOnceAfterTheRestart() throws Exception {
    Path base = PaidAttribution.pretrainedBase(dir);
    Optional<ServingOptions> serving = PaidAttribution.serving(base);
    Path home = dir.resolve("node");
    node = PaidAttribution.node(home, serving);
    PaidAttribution.fineTunedAndPaid(node, base, dir.resolve("cli-home"), KEY);
    List<String> requests =
        PaidAttribution.served(node.url(), KEY, List.of("The jury said", "In the city"));
    AttributionNode first = node.node.attribution();
    first.awaitIdle(60, TimeUnit.SECONDS);
    for (String id : requests) {
      assertThat(first.record(id)).as(id + ": " + first.status(id)).isPresent();
    }
    // the stop between settlement and submission: the attribution worker is gone when the batch
    // settles
    first.close();
    List<UsageSettler.Settled> settled = node.node.serving().orElseThrow().settler().settleNow();
    assertThat(settled).hasSize(1);
    Hash root = settled.get(0).batch().root();
    for (String id : requests) {
      assertThat(attributions(id)).as("nothing submitted before the stop").isEmpty();
    }
    assertThat(store().entry(root).orElseThrow().attributed())
        .as("not marked attributed")
        .isFalse();
    Amount bobBefore = balance(BOB.address());
    Amount carolBefore = balance(CAROL.address());
    node.close();
    node = null;

    node = TestNode.reopen(home, serving);
    node.node.attribution().awaitIdle(120, TimeUnit.SECONDS);
    Amount bobPaid = Amount.ZERO;
    Amount carolPaid = Amount.ZERO;
    for (String id : requests) {
      List<InferenceAttribution> onChain = attributions(id);
      assertThat(onChain).as(id + ": " + node.node.attribution().status(id)).hasSize(1);
      InferenceAttribution a = onChain.get(0);
      AttributionRecord rec = node.node.attribution().record(id).orElseThrow();
      assertThat(a.root()).isEqualTo(root);
      assertThat(a.claim().resultHash()).isEqualTo(rec.resultHash());
      assertThat(a.paidToContributors()).isGreaterThan(Amount.ZERO);
      bobPaid = bobPaid.plus(paidTo(a, BOB.address()));
      carolPaid = carolPaid.plus(paidTo(a, CAROL.address()));
    }
    assertThat(balance(BOB.address())).isEqualTo(bobBefore.plus(bobPaid));
    assertThat(balance(CAROL.address())).isEqualTo(carolBefore.plus(carolPaid));
    assertThat(balance(PaymentModule.ATTRIBUTION_POOL))
        .as("at most rounding left unattributed")
        .isLessThan(Amount.ofNano(1_000));
    assertThat(store().entry(root).orElseThrow().attributed())
        .as("marked attributed, so that no later start reads it for attribution")
        .isTrue();
    // the receipt proofs survive the restart too
    HttpResponse<String> proof =
        PaidAttribution.HTTP.send(
            HttpRequest.newBuilder(
                    URI.create(node.url() + "/api/payments/receipts/" + requests.get(0)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(proof.statusCode()).as(proof.body()).isEqualTo(200);
    JsonNode p = Json.mapper().readTree(proof.body());
    assertThat(p.get("root").asText()).isEqualTo(root.toHex());

    // started again, the node finds everything on chain and sends nothing
    long providerNonce = nonce(DAVE.address());
    Amount bobAfter = balance(BOB.address());
    Amount carolAfter = balance(CAROL.address());
    node.close();
    node = null;
    node = TestNode.reopen(home, serving);
    node.node.attribution().awaitIdle(120, TimeUnit.SECONDS);
    assertThat(nonce(DAVE.address()))
        .as("the provider sent no transaction")
        .isEqualTo(providerNonce);
    assertThat(balance(BOB.address())).isEqualTo(bobAfter);
    assertThat(balance(CAROL.address())).isEqualTo(carolAfter);
    for (String id : requests) {
      assertThat(attributions(id)).hasSize(1);
    }
  }

  private SettledBatchStore store() {
    return node.node.serving().orElseThrow().settler().store();
  }

  private static Amount paidTo(InferenceAttribution a, Address who) {
    return a.payouts().stream()
        .filter(p -> p.contributor().equals(who))
        .map(InferenceAttribution.Payout::paid)
        .reduce(Amount.ZERO, Amount::plus);
  }

  private List<InferenceAttribution> attributions(String requestId) {
    return PaidAttribution.attributions(node, requestId);
  }

  private Amount balance(Address a) {
    return node.balance(a);
  }

  private long nonce(Address a) {
    return node.node
        .engine()
        .chain()
        .bank()
        .account(node.node.engine().reader().snapshot(), a)
        .nonce();
  }
}
