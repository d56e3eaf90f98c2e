package dev.openledger.node.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.openledger.core.json.Json;
import dev.openledger.node.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class DemoTest {
  @Test
  void theDemoRunsEveryStepAndSaysWhatHappened() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), "demo");
    String text = out.toString();
    assertThat(code).as(text + err).isZero();
    int n = Demo.steps().size();
    assertThat(text).contains("[" + n + "/" + n + "]").contains("demo complete");
    assertThat(text)
        .contains("refused: HTTP 400 bad_nonce")
        .contains("bad_signature")
        .contains("wrong_chain")
        .contains("fee_too_low");
    assertThat(text)
        .contains("failed: insufficient_funds")
        .contains("proof of")
        .contains("rejected (the state proof does not verify")
        .contains("every tx root, receipt root and state root matches");
    assertThat(text)
        .contains("owned by bob")
        .contains("failed (unauthorized)")
        .contains("= the root on chain")
        .contains("verifies against the chain's root")
        .contains("leaf index changed: rejected");
    assertThat(text)
        .contains("alice now votes with 2500 OPEN")
        .contains("alice voting again: already_voted")
        .contains("executing at once: refused (timelock)");
    assertThat(text)
        .contains("fee split: contributors 45%")
        .contains("withdrawing now: refused (cooldown)")
        .contains("Gini")
        .contains("summarised on chain");
    assertThat(text)
        .contains("succeeded - brown-mix v1")
        .contains("signed by bob's key")
        .contains("brown-mix@1 is approved")
        .contains("GET /v1/models lists brown-mix")
        .contains("401 invalid_api_key")
        .contains("signed by dave (verified)")
        .contains("stream: ")
        .contains("4 receipts")
        .contains("verifies against the settled root")
        .contains("rejected (bad_proof)")
        .contains("contributors (attribution pool)")
        .contains("4 paid inferences");
    assertThat(text)
        .contains("earned: developer")
        .contains("earned: provider")
        .containsPattern("bob +data contributor, staker, model developer")
        .doesNotContain("model developer, data contributor");
    assertThat(text)
        .containsPattern("contributors' part [0-9.]+ OPEN \\(block \\d+\\)")
        .contains("top row 1: ")
        .contains("recomputed bit for bit")
        .contains("the chain records the same result hash")
        .contains("earned: contributors")
        .as("the contributors' part is taken at the split governance set earlier in the demo")
        .contains("paid exactly floor(charge x 45%)");
  }

  @Test
  void aFailingStepStopsTheDemoWithItsReason() {
    StringWriter out = new StringWriter();
    boolean ok =
        Demo.run(
            new PrintWriter(out, true),
            java.util.List.of(
                DemoStep.of(
                    "a step that checks something false",
                    ctx -> DemoContext.expect(false, "the chain did something unexpected"))));
    assertThat(ok).isFalse();
    assertThat(out.toString())
        .contains("demo FAILED at step 1")
        .contains("the chain did something unexpected");
  }

  @Test
  void serveKeepsTheNodeAndDashboardUpUntilStopped() throws Exception {
    StringWriter out = new StringWriter();
    CountDownLatch stop = new CountDownLatch(1);
    CountDownLatch stopped = new CountDownLatch(1);
    AfterDemo after =
        new AfterDemo() {
          @Override
          public void awaitStop() throws InterruptedException {
            stop.await();
          }

          @Override
          public void stopped() {
            stopped.countDown();
          }
        };
    List<DemoStep> steps = List.of(LedgerDemo.steps().get(0), LedgerDemo.steps().get(2));
    CompletableFuture<Boolean> run =
        CompletableFuture.supplyAsync(() -> Demo.run(new PrintWriter(out, true), steps, after));
    Matcher url = Pattern.compile("dashboard: (http://127\\.0\\.0\\.1:\\d+)/").matcher("");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!url.reset(out.toString()).find()) {
      assertThat(System.nanoTime()).as("no dashboard URL printed: " + out).isLessThan(deadline);
      assertThat(run).as(out.toString()).isNotDone();
      Thread.sleep(50);
    }
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> page =
        http.send(
            HttpRequest.newBuilder(URI.create(url.group(1) + "/")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("/assets/js/app.js");
    HttpResponse<String> status =
        http.send(
            HttpRequest.newBuilder(URI.create(url.group(1) + "/api/status")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(Json.mapper().readTree(status.body()).get("height").asLong())
        .as("alice's transfer is in the served chain")
        .isEqualTo(1);
    assertThat(run).isNotDone();

    stop.countDown();
    assertThat(run.get(30, TimeUnit.SECONDS)).isTrue();
    assertThat(stopped.await(1, TimeUnit.SECONDS)).isTrue();
    assertThat(out.toString()).contains("stopping the demo's node");
    assertThatThrownBy(
            () ->
                http.send(
                    HttpRequest.newBuilder(URI.create(url.group(1) + "/api/status")).build(),
                    HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(java.io.IOException.class);
  }
}
