package dev.openledger.node.datanet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openledger.core.crypto.Hash;
import dev.openledger.ledger.datanet.DatanetIds;
import dev.openledger.node.TestNode;
import dev.openledger.node.cli.ExitCodes;
import dev.openledger.node.cli.Main;
import dev.openledger.node.model.ArtifactFixture;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole datanet and model-registry flow through the CLI against a real node: create, contribute
 * from several accounts (a copy refused with a pointer), review (a stranger refused), publish,
 * export and check, prove a row, leaderboard; register a model from an artifact set, propose,
 * price.
 */
class DatanetCliTest {
  @TempDir static Path dir;
  static TestNode node;

  record Run(int code, String out, String err) {
    String all() {
      return out + err;
    }
  }

  @BeforeAll
  static void start() {
    node = new TestNode(dir.resolve("node"));
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
    assertThat(r.code()).as(String.join(" ", args) + "\n" + r.all()).isZero();
    return r;
  }

  static Path brown(String name) throws Exception {
    Path p = dir.resolve(name + ".txt");
    Files.write(p, Brown.file(name));
    return p;
  }

  static List<String> staged(String out) {
    List<String> ids = new ArrayList<>();
    Matcher m = Pattern.compile("staged contribution ([0-9a-f]{64})").matcher(out);
    while (m.find()) {
      ids.add(m.group(1));
    }
    return ids;
  }

  @Test
  void aNewUserCreatesContributesReviewsPublishesExportsAndProvesFromTheCli() throws Exception {
    Run created =
        ok(
            "datanet",
            "create",
            "Humor",
            "--summary",
            "Brown corpus humour",
            "--tag",
            "humour",
            "--description",
            "# Humour\nFunny prose.",
            "--from",
            "devnet:alice");
    Hash id = DatanetIds.datanet(TestNode.key("alice").address(), "Humor");
    assertThat(created.out()).contains("datanet " + id.toHex());
    assertThat(
            cli("datanet", "create", "humor", "--summary", "again", "--from", "devnet:bob").all())
        .contains("name_taken");

    List<String> bob =
        staged(
            ok(
                    "datanet",
                    "contribute",
                    "Humor",
                    brown("cr01").toString(),
                    brown("cr02").toString(),
                    "--from",
                    "devnet:bob")
                .out());
    List<String> carol =
        staged(
            ok(
                    "datanet",
                    "contribute",
                    id.toHex(),
                    brown("cr03").toString(),
                    "--from",
                    "devnet:carol")
                .out());
    assertThat(bob).hasSize(2);
    assertThat(carol).hasSize(1);
    Path copy = dir.resolve("my-humour.txt");
    Files.write(copy, Brown.file("cr01"));
    Run copied = cli("datanet", "contribute", "Humor", copy.toString(), "--from", "devnet:dave");
    assertThat(copied.code()).isEqualTo(ExitCodes.REJECTED);
    assertThat(copied.out())
        .contains("rejected (no_accepted_rows)")
        .contains("duplicate")
        .contains("by " + TestNode.key("bob").address());

    Run stranger = cli("datanet", "approve", bob.get(0), "--from", "devnet:dave");
    assertThat(stranger.code()).isEqualTo(ExitCodes.REJECTED);
    assertThat(stranger.out()).contains("unauthorized");
    assertThat(cli("datanet", "reject", bob.get(1), "--from", "devnet:alice").code())
        .as("a rejection needs a reason")
        .isEqualTo(ExitCodes.USAGE);
    ok(
        "datanet",
        "add-curator",
        "Humor",
        TestNode.key("carol").address().toString(),
        "--from",
        "devnet:alice");
    ok("datanet", "approve", bob.get(0), "--reason", "funny", "--from", "devnet:carol");
    ok("datanet", "review", carol.get(0), "--approve", "--from", "devnet:alice");
    ok("datanet", "reject", bob.get(1), "--reason", "too long", "--from", "devnet:alice");

    Run shown = ok("datanet", "show", "Humor");
    assertThat(shown.out())
        .contains("3 contributions: 0 pending, 2 accepted, 1 rejected")
        .contains("curators");

    Run published = ok("datanet", "publish", "Humor", "--from", "devnet:alice");
    assertThat(published.out())
        .contains("version 1 of Humor")
        .contains("the node serves version 1");
    assertThat(cli("datanet", "publish", "Humor", "--from", "devnet:bob").out())
        .contains("unauthorized");

    Path export = dir.resolve("humor-v1.jsonl");
    Run exported = ok("datanet", "export", "Humor", "--out", export.toString());
    assertThat(exported.out()).contains("matches the chain");
    List<String> lines = Files.readAllLines(export, StandardCharsets.UTF_8);
    String rowId =
        dev.openledger.core.json.Json.mapper()
            .readTree(lines.get(lines.size() / 2))
            .get("rowId")
            .asText();
    assertThat(ok("datanet", "proof", "Humor", rowId).out())
        .contains("verified against the root on chain");

    Run board = ok("datanet", "leaderboard", "Humor");
    assertThat(board.out())
        .contains(TestNode.key("bob").address().toString())
        .contains(TestNode.key("carol").address().toString());
    assertThat(ok("datanet", "list").out()).contains("Humor");
    assertThat(ok("datanet", "usage", "Humor", TestNode.key("bob").address().toString()).out())
        .contains("2 of 20 files");

    registerAModelOnTheVersion(id);
  }

  private void registerAModelOnTheVersion(Hash datanet) throws Exception {
    String root =
        node.node
            .engine()
            .chain()
            .module(dev.openledger.ledger.datanet.DatanetModule.class)
            .keeper()
            .version(node.node.engine().reader().snapshot(), datanet, 1)
            .orElseThrow()
            .root()
            .toHex();
    Path set =
        ArtifactFixture.write(
            dir.resolve("artifacts"),
            "humour-lora",
            TestNode.key("carol").address(),
            datanet,
            1,
            Hash.fromHex(root));
    Run wrongKey = cli("model", "register", "--artifacts", set.toString(), "--from", "devnet:dave");
    assertThat(wrongKey.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(wrongKey.err()).contains("sign with that key");
    ok("model", "register", "--artifacts", set.toString(), "--from", "devnet:carol");
    Run shown = ok("model", "show", "humour-lora");
    assertThat(shown.out())
        .contains("humour-lora@1  registered")
        .contains("Humor@1")
        .contains("60.340 -> 49.402");
    ok("model", "propose", "humour-lora", "--from", "devnet:carol");
    assertThat(ok("model", "show", "humour-lora@1").out())
        .contains("approved")
        .contains("autoApprove");
    ok("model", "price", "humour-lora@1", "--price", "0.5", "--from", "devnet:carol");
    assertThat(ok("model", "list", "--state", "approved").out())
        .contains("humour-lora@1")
        .contains("0.5 OPEN");
    assertThat(
            cli("model", "retire", "humour-lora@1", "--reason", "mine", "--from", "devnet:dave")
                .out())
        .contains("unauthorized");

    Files.writeString(
        set.resolve("spec.json"),
        Files.readString(set.resolve("spec.json")).replace("\"trainRows\":10", "\"trainRows\":11"));
    Run tampered =
        cli("model", "register", "--artifacts", set.toString(), "--from", "devnet:carol");
    assertThat(tampered.code()).isEqualTo(ExitCodes.FAILURE);
    assertThat(tampered.err()).contains("spec.json does not match its manifest entry");
  }
}
