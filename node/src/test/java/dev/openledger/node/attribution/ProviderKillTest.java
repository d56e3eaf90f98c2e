package dev.openledger.node.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openledger.core.json.Json;
import dev.openledger.core.money.Amount;
import dev.openledger.core.receipt.SignedReceipt;
import dev.openledger.node.TestNode;
import dev.openledger.node.client.AttributionClient;
import dev.openledger.node.client.ClientException;
import dev.openledger.node.client.LedgerClient;
import dev.openledger.node.client.PaymentClient;
import dev.openledger.node.payment.PaymentViews.ChannelView;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A provider's node, an {@code openledger node --serve-base} process, answers paid calls and is
 * killed with SIGKILL before it settles them (its settle interval is an hour). Started again on the
 * same home, it settles exactly those receipts from its call journal and pays their attributions on
 * chain: the caller's channel is charged what the receipts it holds say, no more and no less.
 */
class ProviderKillTest {
  static final String KEY = "sk-carol-kill-0123456789";

  @TempDir Path dir;
  Process node;

  @AfterEach
  void stop() throws InterruptedException {
    if (node != null) {
      node.destroyForcibly();
      node.waitFor(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void answersCutOffBySigkillAreSettledAndAttributedAfterTheRestart() throws Exception {
    Path base = PaidAttribution.pretrainedBase(dir);
    Path home = dir.resolve("node");
    try (TestNode setup = PaidAttribution.node(home, Optional.empty())) {
      PaidAttribution.fineTunedAndPaid(setup, base, dir.resolve("cli-home"), KEY);
    }
    int port = TestNode.consecutiveFreePorts(1);
    String url = "http://127.0.0.1:" + port;
    Path log = dir.resolve("node.out");
    try {
      node = start(home, base, port, "3600");
      awaitServing(url);
      List<String> requests = new ArrayList<>();
      Amount charged = Amount.ZERO;
      for (String prompt : List.of("The jury said", "In the city")) {
        HttpResponse<String> r = PaidAttribution.completion(url, KEY, prompt);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode answer = Json.mapper().readTree(r.body());
        SignedReceipt receipt =
            SignedReceipt.fromHex(answer.get("openledger").get("receipt").get("encoded").asText());
        assertThat(receipt.verify()).isTrue();
        requests.add(answer.get("id").asText());
        charged = charged.plus(receipt.receipt().charge());
      }
      await(
          "both calls journaled",
          () -> metric(url, "openledger_serving_journal_written_total") >= 2);
      assertThat(channel(url).settledNonce()).as("nothing settled before the kill").isZero();
      node.destroyForcibly(); // SIGKILL: no shutdown hook, no last settlement
      assertThat(node.waitFor(30, TimeUnit.SECONDS)).isTrue();

      node = start(home, base, port, "1");
      await(
          "the journaled receipts settled",
          () -> channelOrNull(url) != null && channelOrNull(url).settledNonce() == 2);
      ChannelView ch = channel(url);
      assertThat(ch.settledCharged())
          .as("the channel is charged the two receipts exactly")
          .isEqualTo(charged);
      AttributionClient attribution = new AttributionClient(new LedgerClient(url));
      for (String id : requests) {
        await(
            id + " attributed on chain",
            () -> attribution.show(id).map(v -> !v.onChain().isEmpty()).orElse(false));
        AttributionViews.AttributionView v = attribution.show(id).orElseThrow();
        assertThat(v.onChain()).hasSize(1);
        assertThat(v.onChain().get(0).toContributors()).isGreaterThan(Amount.ZERO);
      }
    } catch (AssertionError | RuntimeException e) {
      throw new AssertionError(e.getMessage() + TestNode.processLog(log, 60), e);
    }
  }

  private Process start(Path home, Path base, int port, String settleSeconds) throws Exception {
    return TestNode.startProcess(
        dir.resolve("node.out"),
        List.of(
            "node",
            "--home",
            home.toString(),
            "--port",
            String.valueOf(port),
            "--serve-base",
            base.toString(),
            "--provider",
            "devnet:dave",
            "--settle-interval",
            settleSeconds));
  }

  /**
   * Waits until the node lists the model on its OpenAI route (it has loaded the approved adapter).
   */
  private void awaitServing(String url) {
    await(
        "the node serving " + PaidAttribution.MODEL,
        () -> {
          try {
            HttpResponse<String> r =
                PaidAttribution.HTTP.send(
                    HttpRequest.newBuilder(URI.create(url + "/v1/models"))
                        .header("Authorization", "Bearer " + KEY)
                        .build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 && r.body().contains(PaidAttribution.MODEL);
          } catch (IOException e) {
            return false;
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
          }
        });
  }

  private static ChannelView channel(String url) {
    return new PaymentClient(new LedgerClient(url))
        .channels(PaidAttribution.CAROL.address())
        .channels()
        .get(0);
  }

  private static ChannelView channelOrNull(String url) {
    try {
      return channel(url);
    } catch (ClientException e) {
      return null;
    }
  }

  private static double metric(String url, String name) {
    try {
      String body =
          PaidAttribution.HTTP
              .send(
                  HttpRequest.newBuilder(URI.create(url + "/metrics")).build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      for (String line : body.split("\n")) {
        if (line.startsWith(name + " ")) {
          return Double.parseDouble(line.substring(name.length() + 1).trim());
        }
      }
      return -1;
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /** {@link TestNode#awaitTrue} for up to 120 s, failing at once if the node process exited. */
  private void await(String what, BooleanSupplier condition) {
    TestNode.awaitTrue(
        Duration.ofSeconds(120),
        what,
        () -> {
          if (!node.isAlive()) {
            throw new AssertionError(
                "the node exited (" + node.exitValue() + ") waiting for " + what);
          }
          return condition.getAsBoolean();
        });
  }
}
