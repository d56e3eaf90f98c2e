package dev.openledger.node.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.openledger.core.crypto.KeyPair;
import dev.openledger.core.money.Amount;
import dev.openledger.ledger.attribution.InferenceAttribution;
import dev.openledger.ledger.msg.Transfer;
import dev.openledger.modelfactory.io.AtomicFiles;
import dev.openledger.node.TestNode;
import dev.openledger.node.home.NodeHome;
import dev.openledger.node.serving.ServingNode;
import dev.openledger.node.serving.ServingOptions;
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
 * A provider's node that stops with receipts it could not settle (it had no OPEN left for the fee),
 * and whose attribution records are gone as after a crash before they were written, keeps both:
 * after the restart the receipts come back from the call journal, settle once the provider can pay,
 * the attributions are computed again from the journaled tokens and paid on chain, the journal
 * empties, and new calls continue the channel.
 */
class JournaledCallsRecoveryTest {
  static final KeyPair ALICE = PaidAttribution.ALICE;
  static final KeyPair DAVE = PaidAttribution.DAVE;
  static final String KEY = "sk-carol-journal-0123456789";

  @TempDir Path dir;
  TestNode node;

  @AfterEach
  void stop() {
    if (node != null) {
      node.close();
    }
  }

  @Test
  void unsettledReceiptsAndLostAttributionsArePaidAfterTheRestart() throws Exception {
    Path base = PaidAttribution.pretrainedBase(dir);
    Optional<ServingOptions> serving = PaidAttribution.serving(base);
    Path home = dir.resolve("node");
    node = PaidAttribution.node(home, serving);
    PaidAttribution.fineTunedAndPaid(node, base, dir.resolve("cli-home"), KEY);
    // the provider gives away everything it holds: it cannot pay a settlement's fee
    Amount fee = TestNode.FEE;
    PaidAttribution.send(
        node.url(), DAVE, new Transfer(ALICE.address(), node.balance(DAVE.address()).minus(fee)));
    assertThat(node.balance(DAVE.address())).isEqualTo(Amount.ZERO);

    List<String> requests =
        PaidAttribution.served(node.url(), KEY, List.of("The jury said", "In the city"));
    node.node.attribution().awaitIdle(60, TimeUnit.SECONDS);
    ServingNode first = node.node.serving().orElseThrow();
    first.journal().flush();
    assertThat(first.journal().size()).isEqualTo(2);
    assertThat(first.settler().settleNow()).as("no fee, no settlement").isEmpty();
    assertThat(first.settler().pending()).isEqualTo(2);
    node.close(); // its last settlement fails the same way
    node = null;
    // as if the node had crashed before attribution wrote its records
    AtomicFiles.deleteTree(NodeHome.at(home).attributionDir().resolve("records"));

    // another provider key cannot settle these receipts: the node says so instead of dropping them
    Optional<ServingOptions> asErin =
        Optional.of(
            new ServingOptions(
                serving.get().base(),
                TestNode.key("erin"),
                serving.get().settleInterval(),
                serving.get().serve(),
                serving.get().attribution()));
    assertThatThrownBy(() -> TestNode.reopen(home, asErin))
        .hasStackTraceContaining("holds receipts of provider " + DAVE.address());

    node = TestNode.reopen(home, serving);
    ServingNode again = node.node.serving().orElseThrow();
    assertThat(again.settler().unsettledRequests())
        .as("the receipts came back from the journal")
        .containsExactlyInAnyOrderElementsOf(requests);
    node.node.attribution().awaitIdle(120, TimeUnit.SECONDS);
    assertThat(metrics())
        .contains("openledger_serving_unsettled_receipts 2\n")
        .contains("openledger_serving_journal_calls 2\n");
    for (String id : requests) {
      assertThat(node.node.attribution().record(id))
          .as(id + " attributed again: " + node.node.attribution().status(id))
          .isPresent();
    }

    PaidAttribution.send(node.url(), ALICE, new Transfer(DAVE.address(), Amount.ofOpen(1)));
    List<UsageSettler.Settled> settled = again.settler().settleNow();
    assertThat(settled).hasSize(1);
    assertThat(settled.get(0).batch().receipts())
        .extracting(r -> r.receipt().requestId())
        .containsExactlyElementsOf(requests);
    node.node.attribution().awaitIdle(120, TimeUnit.SECONDS);
    for (String id : requests) {
      List<InferenceAttribution> onChain = attributions(id);
      assertThat(onChain).as(id + ": " + node.node.attribution().status(id)).hasSize(1);
      assertThat(onChain.get(0).root()).isEqualTo(settled.get(0).batch().root());
      assertThat(onChain.get(0).paidToContributors()).isGreaterThan(Amount.ZERO);
    }
    assertThat(again.journal().size()).as("settled and attributed: nothing left to keep").isZero();
    assertThat(metrics())
        .contains("openledger_serving_unsettled_receipts 0\n")
        .contains("openledger_serving_journal_calls 0\n");

    // a call after the restart continues the channel's nonces and settles
    List<String> later = PaidAttribution.served(node.url(), KEY, List.of("The court"));
    List<UsageSettler.Settled> next = again.settler().settleNow();
    assertThat(next).hasSize(1);
    assertThat(next.get(0).batch().receipts().get(0).receipt().requestId()).isEqualTo(later.get(0));
    assertThat(next.get(0).batch().receipts().get(0).receipt().nonce())
        .isEqualTo(settled.get(0).batch().receipts().get(1).receipt().nonce() + 1);
  }

  private String metrics() throws Exception {
    return PaidAttribution.HTTP
        .send(
            HttpRequest.newBuilder(URI.create(node.url() + "/metrics")).build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  private List<InferenceAttribution> attributions(String requestId) {
    return PaidAttribution.attributions(node, requestId);
  }
}
