package dev.openledger.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openledger.core.crypto.KeyPair;
import dev.openledger.node.TestNode;
import dev.openledger.node.api.economy.GovViews.ProposalView;
import dev.openledger.node.client.EconomyClient;
import dev.openledger.node.client.LedgerClient;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code stake}, {@code gov} and {@code query economy} in-process against a real node (1 s delay, 3
 * s voting, 1 s timelock).
 */
class EconomyCliTest {
  @TempDir static Path dir;
  static TestNode node;
  static final KeyPair ALICE = TestNode.key("alice");
  static final KeyPair BOB = TestNode.key("bob");

  record Run(int code, String out, String err) {}

  @BeforeAll
  static void start() {
    node =
        new TestNode(
            dir.resolve("node"),
            g ->
                ((ObjectNode) g.modules().get("gov").get("params"))
                    .put("votingDelaySeconds", 1)
                    .put("votingPeriodSeconds", 3)
                    .put("timelockSeconds", 1));
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  static Run cli(String... args) {
    List<String> all =
        new ArrayList<>(
            List.of("--home", dir.resolve("cli-home").toString(), "--node", node.url()));
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

  static void sleepUntil(long millis) throws InterruptedException {
    long wait = millis - System.currentTimeMillis();
    if (wait > 0) {
      Thread.sleep(wait);
    }
  }

  @Test
  void stakeCommandsOpenShowDelegateAndExplainRefusals() {
    assertThat(ok("stake", "pools").out())
        .contains("flexible")
        .contains("locked-365d")
        .contains("5.00%");
    assertThat(
            ok(
                    "stake",
                    "stake",
                    "--from",
                    "devnet:carol",
                    "--pool",
                    "2",
                    "--amount",
                    "50",
                    "--purpose",
                    "curator")
                .out())
        .contains("staking.stake");
    Run show = ok("stake", "show", TestNode.key("carol").address().toString());
    assertThat(show.out())
        .contains("curator")
        .contains("locked until")
        .contains("voting units  50 OPEN");
    assertThat(
            ok("stake", "delegate", "--from", "devnet:carol", "--to", BOB.address().toString())
                .out())
        .contains("staking.delegate");
    Run early =
        cli("stake", "unstake", "--from", "devnet:carol", "--position", showPosition(show.out()));
    assertThat(early.code()).isEqualTo(ExitCodes.REJECTED);
    assertThat(early.out()).contains("locked");
    assertThat(cli("stake", "withdraw", "--from", "devnet:carol", "--position", "424242").code())
        .isEqualTo(ExitCodes.REJECTED);
    assertThat(
            cli(
                    "stake",
                    "stake",
                    "--from",
                    "devnet:carol",
                    "--pool",
                    "1",
                    "--amount",
                    "5",
                    "--purpose",
                    "boss")
                .code())
        .isEqualTo(ExitCodes.USAGE);
    assertThat(
            cli("stake", "stake", "--from", "devnet:carol", "--pool", "0", "--amount", "5").code())
        .isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void paymentAndAttributionParametersAreShownAndChangedByProposal() throws Exception {
    assertThat(ok("gov", "params", "attribution").out())
        .contains("\"sweepAfterSeconds\" : 600")
        .contains("\"penaltyThreshold\" : 10");
    assertThat(ok("gov", "params", "payment").out()).contains("\"closeTimeoutSeconds\" : 60");
    KeyPair dave = TestNode.key("dave");
    ok("stake", "stake", "--from", "devnet:dave", "--pool", "1", "--amount", "200");
    Thread.sleep(5);
    Run bad =
        cli(
            "gov",
            "propose",
            "--from",
            "devnet:dave",
            "--description",
            "x",
            "--param",
            "attribution.penaltyCutBps=20000");
    assertThat(bad.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(bad.err()).contains("penaltyCutBps must be within [0, 10000]");

    ok(
        "gov",
        "propose",
        "--from",
        "devnet:dave",
        "--description",
        "penalise later, close faster",
        "--param",
        "attribution.penaltyThreshold=20",
        "--param",
        "payment.closeTimeoutSeconds=120");

    List<ProposalView> mine =
        new EconomyClient(new LedgerClient(node.url()))
            .proposals(null).proposals().stream()
                .filter(p -> p.proposer().equals(dave.address()))
                .toList();
    assertThat(mine).hasSize(1);
    List<ObjectNode> messages = mine.get(0).messages();
    assertThat(messages)
        .extracting(m -> m.get("type").asText())
        .containsExactly("attribution/update_params", "payment/update_params");
    assertThat(messages.get(0).get("params").get("penaltyThreshold").asInt()).isEqualTo(20);
    assertThat(messages.get(0).get("params").get("sweepAfterSeconds").asLong())
        .as("only the named field changes")
        .isEqualTo(600);
    assertThat(messages.get(1).get("params").get("closeTimeoutSeconds").asLong()).isEqualTo(120);
  }

  private static String showPosition(String out) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("position (\\d+)").matcher(out);
    assertThat(m.find()).isTrue();
    return m.group(1);
  }

  @Test
  void aParameterChangeAndAFailingSpendGoThroughTheWholeGovernorLifecycle() throws Exception {
    ok("stake", "stake", "--from", "devnet:alice", "--pool", "1", "--amount", "1000");
    Thread.sleep(5);
    Run params =
        ok(
            "gov",
            "propose",
            "--from",
            "devnet:alice",
            "--description",
            "stakers get 15% of inference fees",
            "--param",
            "bank.inferenceFeeSplit.stakersBps=1500",
            "--param",
            "bank.inferenceFeeSplit.treasuryBps=0",
            "--param",
            "gov.votingPeriodSeconds=5");
    assertThat(params.out()).contains("gov.propose proposal=");
    Path spend = dir.resolve("spend.json");
    Files.writeString(
        spend,
        "[{\"type\": \"bank/spend\", \"account\": \"treasury\", \"to\": \""
            + BOB.address()
            + "\", \"amount\": \"1000000\"}]");
    ok(
        "gov",
        "propose",
        "--from",
        "devnet:alice",
        "--description",
        "pay bob more than the treasury holds",
        "--messages",
        spend.toString());

    // refusals before anything reaches the chain
    assertThat(
            cli(
                    "gov",
                    "propose",
                    "--from",
                    "devnet:alice",
                    "--description",
                    "x",
                    "--param",
                    "gov.nosuch=1")
                .err())
        .contains("no field 'nosuch'");
    Run badSum =
        cli(
            "gov",
            "propose",
            "--from",
            "devnet:alice",
            "--description",
            "x",
            "--param",
            "bank.inferenceFeeSplit.stakersBps=1600");
    assertThat(badSum.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(badSum.err()).contains("sum to 10000");
    assertThat(cli("gov", "propose", "--from", "devnet:alice", "--description", "x").code())
        .isEqualTo(ExitCodes.USAGE);
    assertThat(cli("gov", "vote", "1", "maybe", "--from", "devnet:alice").code())
        .isEqualTo(ExitCodes.USAGE);

    EconomyClient c = new EconomyClient(new LedgerClient(node.url()));
    List<ProposalView> mine =
        c.proposals(null).proposals().stream()
            .filter(p -> p.proposer().equals(ALICE.address()))
            .toList();
    assertThat(mine).hasSize(2);
    long first = mine.get(0).id();
    long second = mine.get(1).id();
    // Pending until the 1 s voting delay has passed; a loaded machine may already be past it.
    assertThat(ok("gov", "list").out()).contains("#" + first).containsAnyOf("pending", "active");
    Run tooEarly =
        cli(
            "gov",
            "vote",
            Long.toString(first),
            "for",
            "--from",
            "devnet:alice",
            "--reason",
            "stakers secure the chain");
    boolean votedAlready = tooEarly.code() == ExitCodes.OK;
    if (votedAlready) {
      // A loaded machine took longer than the 1 s voting delay to get here: then the vote was on
      // time, and the chain must have been past the proposal's snapshot when it accepted it.
      assertThat(
              c.proposals(null).proposals().stream()
                  .filter(p -> p.id() == first)
                  .findFirst()
                  .orElseThrow()
                  .snapshotMillis())
          .isLessThan(node.node.engine().reader().latestHeader().header().timeMillis());
    } else {
      assertThat(tooEarly.code()).isEqualTo(ExitCodes.REJECTED);
      assertThat(tooEarly.out()).contains("proposal_not_active");
    }

    sleepUntil(mine.get(1).snapshotMillis() + 100);
    if (!votedAlready) {
      ok(
          "gov",
          "vote",
          Long.toString(first),
          "for",
          "--from",
          "devnet:alice",
          "--reason",
          "stakers secure the chain");
    }
    ok("gov", "vote", Long.toString(second), "for", "--from", "devnet:alice");
    sleepUntil(mine.get(1).deadlineMillis() + 100);
    ok("gov", "queue", Long.toString(first), "--from", "devnet:bob");
    ok("gov", "queue", Long.toString(second), "--from", "devnet:bob");
    sleepUntil(c.proposal(second).proposal().etaMillis() + 100);
    assertThat(ok("gov", "execute", Long.toString(first), "--from", "devnet:bob").out())
        .contains("gov.execute")
        .contains("bank.params");
    Run failing = cli("gov", "execute", Long.toString(second), "--from", "devnet:bob");
    assertThat(failing.code()).isEqualTo(ExitCodes.REJECTED);
    assertThat(failing.out()).contains("gov.execution_failed").contains("nothing changed");

    assertThat(ok("gov", "show", Long.toString(first)).out())
        .contains("state      executed")
        .contains("vote  " + ALICE.address());
    assertThat(ok("gov", "show", Long.toString(second)).out())
        .contains("state      queued")
        .contains("failed (insufficient_funds)");
    assertThat(ok("gov", "params", "bank").out()).contains("\"stakersBps\" : 1500");
    assertThat(ok("gov", "params", "gov").out()).contains("\"votingPeriodSeconds\" : 5");
    assertThat(cli("gov", "params", "nope").code()).isEqualTo(ExitCodes.USAGE);

    Run economy = ok("query", "economy");
    assertThat(economy.out())
        .contains("stake")
        .contains("Gini")
        .contains("Nakamoto")
        .contains("proposal #" + first)
        .contains("turnout");
    assertThat(ok("query", "economy", "--json").out())
        .contains("\"votingPower\"")
        .contains("\"series\"");
  }
}
