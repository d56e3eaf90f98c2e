package dev.openledger.node.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openledger.node.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
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
    assertThat(text).contains("refused: HTTP 400 bad_nonce").contains("bad_signature").contains("wrong_chain").contains("fee_too_low");
    assertThat(text).contains("failed: insufficient_funds").contains("proof of").contains("rejected (the state proof does not verify").contains("every tx root, receipt root and state root matches");
    assertThat(text).contains("alice now votes with 2500 OPEN").contains("alice voting again: already_voted").contains("executing at once: refused (timelock)");
    assertThat(text).contains("fee split: contributors 45%").contains("withdrawing now: refused (cooldown)").contains("Gini").contains("summarised on chain");
  }

  @Test
  void aFailingStepStopsTheDemoWithItsReason() {
    StringWriter out = new StringWriter();
    boolean ok =
        Demo.run(
            new PrintWriter(out, true),
            java.util.List.of(DemoStep.of("a step that checks something false", ctx -> DemoContext.expect(false, "the chain did something unexpected"))));
    assertThat(ok).isFalse();
    assertThat(out.toString()).contains("demo FAILED at step 1").contains("the chain did something unexpected");
  }
}
