package dev.openledger.node.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openledger.core.crypto.Hash;
import dev.openledger.core.crypto.KeyPair;
import dev.openledger.core.json.Json;
import dev.openledger.datanet.IngestResult;
import dev.openledger.datanet.bench.BrownCorpus;
import dev.openledger.ledger.attribution.AttributionModule;
import dev.openledger.ledger.attribution.InferenceAttribution;
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
import dev.openledger.node.cli.Main;
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
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The paid-attribution scenario the node tests share: a tiny base model pretrained on two Brown
 * files, alice's Press Datanet (ca01 and ca02 by bob, ca03 by carol), {@value #MODEL} fine-tuned on
 * it by bob and approved, and carol paying dave (the provider) through a bound API key. The base
 * model, the Datanet and {@link #send} serve other paid-serving tests too.
 */
public final class PaidAttribution {
  static final KeyPair ALICE = TestNode.key("alice");
  static final KeyPair BOB = TestNode.key("bob");
  static final KeyPair CAROL = TestNode.key("carol");
  static final KeyPair DAVE = TestNode.key("dave");
  static final String MODEL = "press-lora";
  static final HttpClient HTTP = HttpClient.newHttpClient();

  /** A CLI run's exit code and output. */
  record Run(int code, String out, String err) {}

  private PaidAttribution() {}

  /** The base model, pretrained into {@code dir/base}. */
  public static Path pretrainedBase(Path dir) throws Exception {
    BrownCorpus brown = BrownCorpus.at(Path.of(System.getProperty("openledger.repo.root")));
    Path base = dir.resolve("base");
    new Pretrainer(Kernels.best())
        .run(
            Corpus.split(List.of(brown.text("ca01"), brown.text("ca02"))),
            new PretrainSpec(Preset.TINY, 2, 1),
            s -> {})
        .model()
        .write(base);
    return base;
  }

  /** Dave's serving of {@code base}, settling only when asked (an hour's interval). */
  static Optional<ServingOptions> serving(Path base) {
    return Optional.of(
        new ServingOptions(base.toString(), DAVE, Duration.ofHours(1), ServeConfig.defaults()));
  }

  /** A devnet node in {@code home} that approves models automatically and serves. */
  static TestNode node(Path home, Optional<ServingOptions> serving) {
    return new TestNode(
        home, g -> ((ObjectNode) g.modules().get("model")).put("autoApprove", true), serving);
  }

  /**
   * Publishes the Datanet, fine-tunes, registers and approves {@value #MODEL} on {@code base}, and
   * opens carol's channel to dave with {@code apiKey} bound; the CLI's home is {@code cliHome}.
   */
  static void fineTunedAndPaid(TestNode node, Path base, Path cliHome, String apiKey)
      throws Exception {
    BrownCorpus brown = BrownCorpus.at(Path.of(System.getProperty("openledger.repo.root")));
    Hash press = publish(node, brown);
    String url = node.url();
    ok(
        cliHome,
        url,
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
    ok(cliHome, url, "model", "register", MODEL, "--from", "devnet:bob");
    ok(cliHome, url, "model", "propose", MODEL, "--from", "devnet:bob");
    ok(
        cliHome,
        url,
        "payment",
        "open",
        "--provider",
        DAVE.address().toString(),
        "--amount",
        "5",
        "--from",
        "devnet:carol");
    ok(cliHome, url, "payment", "bind-key", "--key", apiKey, "--from", "devnet:carol");
  }

  /** Paid completions of {@code prompts}; their response (request) ids. */
  static List<String> served(String url, String apiKey, List<String> prompts) throws Exception {
    List<String> ids = new ArrayList<>();
    for (String prompt : prompts) {
      HttpResponse<String> r = completion(url, apiKey, prompt);
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      ids.add(Json.mapper().readTree(r.body()).get("id").asText());
    }
    return ids;
  }

  private static Hash publish(TestNode node, BrownCorpus brown) throws Exception {
    Map<String, KeyPair> files = new LinkedHashMap<>();
    files.put("ca01", BOB);
    files.put("ca02", BOB);
    files.put("ca03", CAROL);
    return publish(node, brown, files);
  }

  /**
   * Alice's Press Datanet with the Brown {@code files} (name → contributor), each accepted, as its
   * first published version, synced by the node's Datanet service.
   */
  public static Hash publish(TestNode node, BrownCorpus brown, Map<String, KeyPair> files)
      throws Exception {
    String url = node.url();
    DatanetClient datanets = new DatanetClient(new LedgerClient(url));
    send(
        url,
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
    for (Map.Entry<String, KeyPair> f : files.entrySet()) {
      KeyPair who = f.getValue();
      byte[] bytes = brown.text(f.getKey()).getBytes(StandardCharsets.UTF_8);
      UploadView up = datanets.upload(press.toHex(), who.address(), f.getKey() + ".txt", bytes);
      assertThat(up.result()).isInstanceOf(IngestResult.Staged.class);
      SubmitContribution s = DatanetClient.checkToSign(up, press, who.address(), bytes);
      send(url, who, s);
      send(url, ALICE, new ReviewContribution(s.contributionId(), true, "on topic"));
      contributions.add(s.contributionId());
    }
    var preview = datanets.preview(press.toHex(), contributions);
    TxView v =
        send(
            url,
            ALICE,
            new PublishVersion(
                press, preview.version(), preview.root(), preview.rows(), contributions));
    assertThat(node.node.datanets().sync().awaitHeight(v.height(), Duration.ofSeconds(30)))
        .isTrue();
    return press;
  }

  /** The attributions of {@code requestId} on {@code node}'s chain. */
  static List<InferenceAttribution> attributions(TestNode node, String requestId) {
    StateSnapshot s = node.node.engine().reader().snapshot();
    return node.node.engine().chain().module(AttributionModule.class).byRequest(s, requestId);
  }

  /** Sends {@code m} signed by {@code from} and waits for it to succeed. */
  public static TxView send(String url, KeyPair from, Message m) {
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

  static Run cli(Path cliHome, String url, String... args) {
    List<String> all = new ArrayList<>(List.of("--home", cliHome.toString(), "--node", url));
    all.addAll(List.of(args));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Main.run(
            new PrintWriter(out, true), new PrintWriter(err, true), all.toArray(String[]::new));
    return new Run(code, out.toString(), err.toString());
  }

  static Run ok(Path cliHome, String url, String... args) {
    Run r = cli(cliHome, url, args);
    assertThat(r.code()).as("%s\n%s\n%s", String.join(" ", args), r.out(), r.err()).isZero();
    return r;
  }

  static HttpResponse<String> completion(String url, String apiKey, String prompt)
      throws Exception {
    String body =
        "{\"model\":\""
            + MODEL
            + "\",\"prompt\":\""
            + prompt
            + "\",\"max_tokens\":24,\"temperature\":0}";
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(url + "/v1/completions"))
            .header("Authorization", "Bearer " + apiKey)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
