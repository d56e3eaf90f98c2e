package dev.openledger.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openledger.core.crypto.KeyPair;
import dev.openledger.node.TestNode;
import java.io.PrintWriter;
import java.io.StringWriter;
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

/** The CLI in-process against a real node: outputs and exit codes. */
class CliTest {
  @TempDir static Path dir;
  static TestNode node;
  static Path home;
  static Path passwordFile;

  record Run(int code, String out, String err) {}

  @BeforeAll
  static void start() throws Exception {
    node = new TestNode(dir.resolve("node"));
    home = dir.resolve("cli-home");
    passwordFile = dir.resolve("pw");
    Files.writeString(passwordFile, "a long enough passphrase\n");
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  static Run cli(String... args) {
    List<String> all = new ArrayList<>(List.of("--home", home.toString(), "--node", node.url()));
    all.addAll(List.of(args));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Main.run(
            new PrintWriter(out, true), new PrintWriter(err, true), all.toArray(String[]::new));
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void initCreatesAHomeOnceAndExplainsFailures() {
    Path h = dir.resolve("init-home");
    Run first = cli("init", "--home", h.toString(), "--genesis", "devnet");
    assertThat(first.code()).as(first.err()).isZero();
    assertThat(first.out())
        .contains("openledger-devnet")
        .contains("community")
        .contains("INSECURE");
    assertThat(Files.exists(h.resolve("config/genesis.json"))).isTrue();
    Run again = cli("init", "--home", h.toString());
    assertThat(again.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(again.err()).contains("already initialised");
    Run missing =
        cli(
            "init",
            "--home",
            dir.resolve("x").toString(),
            "--genesis",
            dir.resolve("nope.json").toString());
    assertThat(missing.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(missing.err()).contains("is not a file");
  }

  @Test
  void keysAreCreatedListedShownImportedAndExportedEncrypted() throws Exception {
    Run created = cli("keys", "new", "k1", "--password-file", passwordFile.toString());
    assertThat(created.code()).as(created.err()).isZero();
    String address = field(created.out(), "address");
    Run list = cli("keys", "list");
    assertThat(list.out()).contains("k1").contains(address);
    assertThat(cli("keys", "show", "k1").out()).contains(address);
    assertThat(cli("keys", "show", "nope").code()).isEqualTo(ExitCodes.USAGE);
    assertThat(cli("keys", "new", "k1", "--password-file", passwordFile.toString()).code())
        .isEqualTo(ExitCodes.USAGE);

    Path exported = dir.resolve("k1-export.json");
    assertThat(cli("keys", "export", "k1", "--out", exported.toString()).code()).isZero();
    assertThat(Files.readString(exported)).contains("ciphertext").contains(address);
    assertThat(cli("keys", "import", "k1copy", "--file", exported.toString()).code()).isZero();
    assertThat(cli("keys", "show", "k1copy").out()).contains(address);

    Path seed = dir.resolve("seed.hex");
    KeyPair fromSeed = KeyPair.insecureFromLabel("cli-seed");
    Files.writeString(seed, dev.openledger.core.Hex.encode(fromSeed.exportSeed()) + "\n");
    Run imported =
        cli(
            "keys",
            "import",
            "seeded",
            "--seed-file",
            seed.toString(),
            "--password-file",
            passwordFile.toString());
    assertThat(imported.code()).as(imported.err()).isZero();
    assertThat(imported.out())
        .contains(fromSeed.address().toString())
        .doesNotContain(dev.openledger.core.Hex.encode(fromSeed.exportSeed()));
    assertThat(
            cli(
                    "keys",
                    "import",
                    "bad",
                    "--seed-file",
                    passwordFile.toString(),
                    "--password-file",
                    passwordFile.toString())
                .code())
        .isEqualTo(ExitCodes.USAGE);
    assertThat(cli("keys", "import", "none").code()).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void transfersAreSignedSubmittedAndTheirReceiptsPrinted() {
    KeyPair dave = TestNode.key("dave");
    Run t =
        cli(
            "tx",
            "transfer",
            "--from",
            "devnet:carol",
            "--to",
            dave.address().toString(),
            "--amount",
            "12.5");
    assertThat(t.code()).as(t.err()).isZero();
    assertThat(t.out())
        .containsPattern("tx [0-9a-f]{64}")
        .contains("committed in block")
        .contains("bank.transfer")
        .contains("amount=12.5");
    String hash = hash(t.out());

    assertThat(
            cli(
                    "keys",
                    "import",
                    "bobkey",
                    "--devnet",
                    "bob",
                    "--password-file",
                    passwordFile.toString())
                .code())
        .isZero();
    Run fromKeystore =
        cli(
            "tx",
            "transfer",
            "--from",
            "bobkey",
            "--to",
            dave.address().toString(),
            "--amount",
            "1",
            "--password-file",
            passwordFile.toString());
    assertThat(fromKeystore.code()).as(fromKeystore.err()).isZero();
    Run wrongPw =
        cli(
            "tx",
            "transfer",
            "--from",
            "bobkey",
            "--to",
            dave.address().toString(),
            "--amount",
            "1",
            "--password-file",
            dir.resolve("k1-none").toString());
    assertThat(wrongPw.code()).isEqualTo(ExitCodes.USAGE);

    Run noWait =
        cli(
            "tx",
            "transfer",
            "--from",
            "devnet:carol",
            "--to",
            dave.address().toString(),
            "--amount",
            "1",
            "--no-wait");
    assertThat(noWait.code()).isZero();
    assertThat(noWait.out()).containsPattern("tx [0-9a-f]{64}").doesNotContain("committed");

    Run overdraft =
        cli(
            "tx",
            "transfer",
            "--from",
            "devnet:dave",
            "--to",
            dave.address().toString(),
            "--amount",
            "999999999");
    assertThat(overdraft.code()).isEqualTo(ExitCodes.REJECTED);
    assertThat(overdraft.out()).contains("insufficient_funds");
    Run replayNonce =
        cli(
            "tx",
            "transfer",
            "--from",
            "devnet:carol",
            "--to",
            dave.address().toString(),
            "--amount",
            "1",
            "--nonce",
            "0");
    assertThat(replayNonce.code()).isEqualTo(ExitCodes.REJECTED);
    assertThat(replayNonce.err()).contains("bad_nonce");
    assertThat(
            cli("tx", "transfer", "--from", "devnet:carol", "--to", "ol1typo", "--amount", "1")
                .code())
        .isEqualTo(ExitCodes.USAGE);
    assertThat(
            cli(
                    "tx",
                    "transfer",
                    "--from",
                    "devnet:carol",
                    "--to",
                    dave.address().toString(),
                    "--amount",
                    "1.0000000001")
                .code())
        .isEqualTo(ExitCodes.USAGE);
    assertThat(cli("tx", "burn", "--from", "devnet:carol", "--amount", "2").code()).isZero();

    Run q = cli("query", "tx", hash);
    assertThat(q.code()).isZero();
    assertThat(q.out()).contains("committed in block").contains("bank/transfer");
  }

  @Test
  void queriesVerifyAndPrint() {
    KeyPair alice = TestNode.key("alice");
    Run account = cli("query", "account", alice.address().toString());
    assertThat(account.code()).as(account.err()).isZero();
    assertThat(account.out()).contains("balance").contains("proof    verified");
    assertThat(cli("query", "account", alice.address().toString(), "--json").out())
        .contains("\"siblings\"");
    Run block = cli("query", "block", "0");
    assertThat(block.out()).contains("block 0").contains("signature verified");
    assertThat(cli("query", "block").code()).isZero();
    assertThat(cli("query", "block", "xyz").code()).isEqualTo(ExitCodes.USAGE);
    assertThat(cli("query", "block", "999999").code()).isEqualTo(ExitCodes.FAILURE);
    Run supply = cli("query", "supply");
    assertThat(supply.out()).contains("initial").contains("module community").contains("517100000");
    assertThat(cli("query", "tx", "00".repeat(32)).code()).isEqualTo(ExitCodes.FAILURE);

    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Main.run(
            new PrintWriter(out),
            new PrintWriter(err),
            "--node",
            "http://127.0.0.1:1",
            "query",
            "supply");
    assertThat(code).isEqualTo(ExitCodes.UNREACHABLE);
    assertThat(err.toString()).contains("cannot reach the node");
  }

  private static String field(String out, String name) {
    Matcher m = Pattern.compile(name + "\\s+(\\S+)").matcher(out);
    assertThat(m.find()).as("no %s in %s", name, out).isTrue();
    return m.group(1);
  }

  private static String hash(String out) {
    Matcher m = Pattern.compile("tx ([0-9a-f]{64})").matcher(out);
    assertThat(m.find()).isTrue();
    return m.group(1);
  }
}
