package dev.openledger.node.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openledger.core.crypto.KeyPair;
import dev.openledger.core.json.Json;
import dev.openledger.core.money.Amount;
import dev.openledger.node.api.ApiServer;
import dev.openledger.openlora.bench.SyntheticModels;
import dev.openledger.openlora.chain.InMemoryChain;
import dev.openledger.openlora.service.BaseModel;
import dev.openledger.openlora.service.OnChain;
import dev.openledger.openlora.service.OpenLoraService;
import dev.openledger.openlora.service.ServeConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The routes mounted as a module on the node's own server keep their OpenAI shapes, streaming and
 * metrics.
 */
class OpenAiOnNodeServerTest {
  @TempDir Path dir;

  @Test
  void mountedOnTheNodesServer() throws Exception {
    BaseModel base =
        SyntheticModels.base("tiny-base", SyntheticModels.tokenizer(300), 16, 2, 64, 7);
    KeyPair provider = KeyPair.insecureFromLabel("provider");
    KeyPair alice = KeyPair.insecureFromLabel("alice");
    InMemoryChain chain =
        new InMemoryChain()
            .putModel(
                SyntheticModels.publish(dir.resolve("m0"), "m0", base, 4, 1, Amount.ofNano(5)))
            .bindKey("sk-a", alice.address());
    chain.deposit(alice.address(), provider.address(), Amount.ofOpen(1));
    HttpClient http = HttpClient.newHttpClient();
    try (OpenLoraService service =
            OpenLoraService.start(base, OnChain.of(chain), provider, ServeConfig.defaults());
        ApiServer server = ApiServer.start("127.0.0.1", 0, List.of(new OpenAiRoutes(service)))) {
      String url = "http://127.0.0.1:" + server.port();
      HttpResponse<String> missing =
          http.send(
              HttpRequest.newBuilder(URI.create(url + "/v1/completions"))
                  .header("Authorization", "Bearer sk-a")
                  .header("Content-Type", "application/json")
                  .POST(
                      HttpRequest.BodyPublishers.ofString("{\"model\":\"nope\",\"prompt\":\"x\"}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(missing.statusCode()).isEqualTo(404);
      JsonNode err = Json.mapper().readTree(missing.body()).get("error");
      assertThat(err.get("code").asText())
          .isEqualTo("model_not_found"); // not replaced by the node's own 404 body
      assertThat(err.get("type").asText()).isEqualTo("invalid_request_error");
      HttpResponse<String> stream =
          http.send(
              HttpRequest.newBuilder(URI.create(url + "/v1/chat/completions"))
                  .header("Authorization", "Bearer sk-a")
                  .header("Content-Type", "application/json")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "{\"model\":\"m0\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"max_tokens\":4,\"stream\":true}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(stream.statusCode()).isEqualTo(200);
      assertThat(stream.headers().firstValue("Content-Type"))
          .get()
          .asString()
          .startsWith("text/event-stream");
      assertThat(stream.body()).startsWith("data: {").endsWith("data: [DONE]\n\n");
      HttpResponse<String> metrics =
          http.send(
              HttpRequest.newBuilder(URI.create(url + "/metrics")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(metrics.body())
          .contains(
              "openlora_completion_tokens_total{model=\"m0\"}", "# TYPE openlora_batch_size gauge");
    }
  }
}
