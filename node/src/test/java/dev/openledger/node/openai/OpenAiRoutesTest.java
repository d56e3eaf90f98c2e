package dev.openledger.node.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openledger.core.crypto.KeyPair;
import dev.openledger.core.json.Json;
import dev.openledger.core.money.Amount;
import dev.openledger.core.receipt.SignedReceipt;
import dev.openledger.ml.format.EngineTensors;
import dev.openledger.ml.format.PeftAdapterDirectory;
import dev.openledger.ml.generate.Decoder;
import dev.openledger.ml.generate.GenerationConfig;
import dev.openledger.ml.generate.Generator;
import dev.openledger.ml.generate.ServingAdapter;
import dev.openledger.ml.tensor.VectorKernels;
import dev.openledger.ml.tokenizer.BpeTokenizer;
import dev.openledger.openlora.bench.SyntheticModels;
import dev.openledger.openlora.chain.InMemoryChain;
import dev.openledger.openlora.chain.ModelListing;
import dev.openledger.openlora.service.BaseModel;
import dev.openledger.openlora.service.OnChain;
import dev.openledger.openlora.service.OpenLoraService;
import dev.openledger.openlora.service.ServeConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The OpenAI routes on a real server on a loopback port, called with java.net.http exactly as the
 * official OpenAI clients call them (their headers, JSON bodies and streaming).
 */
class OpenAiRoutesTest {
  private static final BpeTokenizer TOKENIZER = SyntheticModels.tokenizer(300);
  private static final BaseModel BASE = SyntheticModels.base("tiny-base", TOKENIZER, 16, 2, 64, 7);
  private static final KeyPair PROVIDER = KeyPair.insecureFromLabel("provider");
  private static final KeyPair ALICE = KeyPair.insecureFromLabel("alice");
  private static final KeyPair BOB = KeyPair.insecureFromLabel("bob");
  private static final String KEY = "sk-alice-0123456789";
  private static final int ADAPTERS = 4;

  private static Path dir;
  private static final List<ModelListing> models = new ArrayList<>();
  private static OpenLoraService service;
  private static OpenAiServer server;
  private static final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  @BeforeAll
  static void start() throws IOException {
    dir = Files.createTempDirectory("openai-routes");
    InMemoryChain chain = new InMemoryChain();
    for (int i = 0; i < ADAPTERS; i++) {
      ModelListing m =
          SyntheticModels.publish(
              dir.resolve("m" + i), "m" + i, BASE, 4, 100 + i, Amount.ofNano(1000));
      models.add(m);
      chain.putModel(m);
    }
    chain.bindKey(KEY, ALICE.address());
    chain.bindKey("sk-bob-without-escrow", BOB.address());
    chain.deposit(ALICE.address(), PROVIDER.address(), Amount.ofOpen(1));
    ServeConfig config =
        ServeConfig.defaults()
            .withCacheBytes(
                2
                    * dev.openledger.openlora.store.AdapterStore.residentBytes(
                        BASE.config(), SyntheticModels.lora(4)))
            .withMaxPromptTokens(48)
            .withMaxTokens(16);
    service = OpenLoraService.start(BASE, OnChain.of(chain), PROVIDER, config);
    server = OpenAiServer.start(service, "127.0.0.1", 0);
  }

  @AfterAll
  static void stop() throws IOException {
    server.close();
    service.close();
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /** The request the OpenAI Python client builds (headers as it sends them). */
  private static HttpRequest.Builder openAiRequest(String path, String key) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
            .timeout(Duration.ofSeconds(60))
            .header("Accept", "application/json")
            .header("User-Agent", "OpenAI/Python 1.54.0")
            .header("X-Stainless-Lang", "python")
            .header("X-Stainless-Package-Version", "1.54.0")
            .header("X-Stainless-OS", "Linux")
            .header("X-Stainless-Arch", "x64")
            .header("X-Stainless-Runtime", "CPython")
            .header("X-Stainless-Runtime-Version", "3.11.9")
            .header("X-Stainless-Async", "false")
            .header("x-stainless-retry-count", "0");
    if (key != null) {
      b.header("Authorization", "Bearer " + key);
    }
    return b;
  }

  private static HttpResponse<String> post(String path, String key, String body) throws Exception {
    return http.send(
        openAiRequest(path, key)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> get(String path, String key) throws Exception {
    return http.send(openAiRequest(path, key).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode json(HttpResponse<String> r) throws IOException {
    return Json.mapper().readTree(r.body());
  }

  /**
   * What {@code model} generates greedily for {@code prompt} alone, straight from its files, as
   * text.
   */
  private static String alone(ModelListing model, int[] prompt, int maxTokens, Set<Integer> stops)
      throws IOException {
    ServingAdapter a =
        new ServingAdapter(
            model.name(),
            EngineTensors.loraParameters(
                BASE.config(), PeftAdapterDirectory.read(model.adapterDir(), BASE.config())));
    Generator g = new Generator(new Decoder(BASE.weights(), VectorKernels.shared()));
    return TOKENIZER.decode(
        g.generate(new Generator.Request(prompt, a, GenerationConfig.greedy(maxTokens, stops)))
            .tokens(),
        true);
  }

  private static int[] textPrompt(String text) {
    int[] body = TOKENIZER.encodeOrdinary(text);
    int[] ids = new int[body.length + 1];
    ids[0] = BASE.bosTokenId();
    System.arraycopy(body, 0, ids, 1, body.length);
    return ids;
  }

  private static void assertError(
      HttpResponse<String> r, int status, String type, String code, String param)
      throws IOException {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type"))
        .get()
        .asString()
        .startsWith("application/json");
    JsonNode e = json(r).get("error");
    assertThat(e).isNotNull();
    List<String> fields = new ArrayList<>();
    e.fieldNames().forEachRemaining(fields::add);
    assertThat(fields).containsExactly("message", "type", "param", "code");
    assertThat(e.get("message").asText()).isNotBlank();
    assertThat(e.get("type").asText()).isEqualTo(type);
    assertThat(e.get("code").asText()).isEqualTo(code);
    if (param == null) {
      assertThat(e.get("param").isNull()).isTrue();
    } else {
      assertThat(e.get("param").asText()).isEqualTo(param);
    }
  }

  private static void assertReceipt(JsonNode ext, String id, JsonNode usage) throws Exception {
    SignedReceipt s = SignedReceipt.fromHex(ext.get("receipt").get("encoded").asText());
    assertThat(s.verify()).isTrue();
    assertThat(s.receipt().requestId()).isEqualTo(id);
    assertThat(s.receipt().caller()).isEqualTo(ALICE.address());
    assertThat(s.receipt().provider()).isEqualTo(PROVIDER.address());
    assertThat(s.receipt().promptTokens()).isEqualTo(usage.get("prompt_tokens").asInt());
    assertThat(s.receipt().completionTokens()).isEqualTo(usage.get("completion_tokens").asInt());
    JsonNode fields = ext.get("receipt").get("receipt");
    assertThat(fields.get("request_id").asText()).isEqualTo(id);
    assertThat(fields.get("charge").asText()).isEqualTo(s.receipt().charge().toPlainString());
    assertThat(fields.get("provider").asText()).isEqualTo(PROVIDER.address().toString());
  }

  @Test
  void modelsListsEveryApprovedModelWithItsBaseAsParent() throws Exception {
    HttpResponse<String> r = get("/v1/models", KEY);
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode body = json(r);
    assertThat(body.get("object").asText()).isEqualTo("list");
    assertThat(body.get("data")).hasSize(ADAPTERS);
    JsonNode m0 = body.get("data").get(0);
    assertThat(m0.get("id").asText()).isEqualTo("m0");
    assertThat(m0.get("object").asText()).isEqualTo("model");
    assertThat(m0.get("parent").asText()).isEqualTo("tiny-base");
    assertThat(m0.get("created").isIntegralNumber()).isTrue();
    assertThat(m0.get("owned_by").asText()).startsWith("ol1");
    assertThat(m0.get("openledger").get("adapter_hash").asText())
        .isEqualTo(models.get(0).adapterHash().toHex());
    assertThat(json(get("/v1/models/m2", KEY)).get("id").asText()).isEqualTo("m2");
    assertError(
        get("/v1/models/nope", KEY), 404, "invalid_request_error", "model_not_found", "model");
    assertError(get("/v1/models", null), 401, "invalid_request_error", "missing_api_key", null);
  }

  @Test
  void aCompletionHasOpenAisShapeTheExactTextAndAVerifiableReceipt() throws Exception {
    HttpResponse<String> r =
        post(
            "/v1/completions",
            KEY,
            "{\"model\":\"m1\",\"prompt\":\"The jury said\",\"max_tokens\":10,\"temperature\":0}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode b = json(r);
    assertThat(b.get("id").asText()).startsWith("cmpl-");
    assertThat(b.get("object").asText()).isEqualTo("text_completion");
    assertThat(b.get("created").asLong()).isPositive();
    assertThat(b.get("model").asText()).isEqualTo("m1");
    JsonNode c = b.get("choices").get(0);
    assertThat(c.get("index").asInt()).isZero();
    assertThat(c.get("logprobs").isNull()).isTrue();
    assertThat(c.get("finish_reason").asText()).isIn("stop", "length");
    assertThat(c.get("text").asText())
        .isEqualTo(
            alone(models.get(1), textPrompt("The jury said"), 10, Set.of(BASE.eosTokenId())));
    JsonNode u = b.get("usage");
    assertThat(u.get("total_tokens").asInt())
        .isEqualTo(u.get("prompt_tokens").asInt() + u.get("completion_tokens").asInt());
    assertReceipt(b.get("openledger"), b.get("id").asText(), u);
    String header = r.headers().firstValue(OpenAiRoutes.RECEIPT_HEADER).orElseThrow();
    assertThat(header).isEqualTo(b.get("openledger").get("receipt").get("encoded").asText());
  }

  @Test
  void aChatCompletionHasOpenAisShape() throws Exception {
    String body =
        "{\"messages\":[{\"role\":\"system\",\"content\":\"be brief\"},{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Hello\"}]}],"
            + "\"model\":\"m2\",\"max_completion_tokens\":8,\"temperature\":0,\"seed\":1,\"user\":\"u-1\"}";
    HttpResponse<String> r = post("/v1/chat/completions", KEY, body);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode b = json(r);
    assertThat(b.get("id").asText()).startsWith("chatcmpl-");
    assertThat(b.get("object").asText()).isEqualTo("chat.completion");
    JsonNode c = b.get("choices").get(0);
    assertThat(c.get("message").get("role").asText()).isEqualTo("assistant");
    assertThat(c.get("message").get("content").isTextual()).isTrue();
    assertThat(c.get("finish_reason").asText()).isIn("stop", "length");
    assertThat(b.get("usage").get("completion_tokens").asInt()).isBetween(0, 8);
    assertReceipt(b.get("openledger"), b.get("id").asText(), b.get("usage"));
  }

  /** The {@code data:} payloads of a server-sent-event stream, in order. */
  private static List<String> events(HttpResponse<java.util.stream.Stream<String>> r) {
    List<String> out = new ArrayList<>();
    for (Iterator<String> it = r.body().iterator(); it.hasNext(); ) {
      String line = it.next();
      if (line.startsWith("data: ")) {
        out.add(line.substring(6));
      } else {
        assertThat(line).as("events are 'data: …' lines separated by blank lines").isEmpty();
      }
    }
    return out;
  }

  private static HttpResponse<java.util.stream.Stream<String>> stream(String path, String body)
      throws Exception {
    return http.send(
        openAiRequest(path, KEY)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofLines());
  }

  @Test
  void aStreamedChatSendsRoleThenDeltasThenTheFinishUsageAndDone() throws Exception {
    String body =
        "{\"messages\":[{\"role\":\"user\",\"content\":\"Hello there\"}],\"model\":\"m0\",\"max_tokens\":12,\"temperature\":0,"
            + "\"stream\":true,\"stream_options\":{\"include_usage\":true}}";
    HttpResponse<java.util.stream.Stream<String>> r = stream("/v1/chat/completions", body);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type"))
        .get()
        .asString()
        .startsWith("text/event-stream");
    List<String> ev = events(r);
    assertThat(ev.get(ev.size() - 1)).isEqualTo("[DONE]");
    List<JsonNode> chunks = new ArrayList<>();
    for (String e : ev.subList(0, ev.size() - 1)) {
      chunks.add(Json.mapper().readTree(e));
    }
    String id = chunks.get(0).get("id").asText();
    assertThat(id).startsWith("chatcmpl-");
    for (JsonNode c : chunks) {
      assertThat(c.get("object").asText()).isEqualTo("chat.completion.chunk");
      assertThat(c.get("id").asText()).isEqualTo(id);
      assertThat(c.get("model").asText()).isEqualTo("m0");
    }
    assertThat(chunks.get(0).get("choices").get(0).get("delta").get("role").asText())
        .isEqualTo("assistant");
    JsonNode usageChunk = chunks.get(chunks.size() - 1);
    assertThat(usageChunk.get("choices")).isEmpty();
    JsonNode last = chunks.get(chunks.size() - 2);
    assertThat(last.get("choices").get(0).get("finish_reason").asText()).isIn("stop", "length");
    String streamed =
        chunks.subList(1, chunks.size() - 2).stream()
            .map(c -> c.get("choices").get(0).get("delta").get("content").asText())
            .collect(Collectors.joining());
    for (JsonNode c : chunks.subList(1, chunks.size() - 2)) {
      assertThat(c.get("choices").get(0).get("finish_reason").isNull()).isTrue();
    }
    assertReceipt(last.get("openledger"), id, usageChunk.get("usage"));
    // the same request without streaming gives the same text
    HttpResponse<String> whole =
        post("/v1/chat/completions", KEY, body.replace("\"stream\":true", "\"stream\":false"));
    assertThat(json(whole).get("choices").get(0).get("message").get("content").asText())
        .isEqualTo(streamed);
    assertThat(usageChunk.get("usage").get("completion_tokens").asInt())
        .isEqualTo(json(whole).get("usage").get("completion_tokens").asInt());
  }

  @Test
  void aStreamedCompletionSendsTextChunksAndDone() throws Exception {
    HttpResponse<java.util.stream.Stream<String>> r =
        stream(
            "/v1/completions",
            "{\"model\":\"m3\",\"prompt\":\"In the morning\",\"max_tokens\":10,\"temperature\":0,\"stream\":true}");
    assertThat(r.statusCode()).isEqualTo(200);
    List<String> ev = events(r);
    assertThat(ev.get(ev.size() - 1)).isEqualTo("[DONE]");
    StringBuilder text = new StringBuilder();
    JsonNode last = null;
    for (String e : ev.subList(0, ev.size() - 1)) {
      last = Json.mapper().readTree(e);
      assertThat(last.get("object").asText()).isEqualTo("text_completion");
      assertThat(last.has("usage")).isFalse();
      text.append(last.get("choices").get(0).get("text").asText());
    }
    assertThat(last.get("choices").get(0).get("finish_reason").asText()).isIn("stop", "length");
    assertThat(text.toString())
        .isEqualTo(
            alone(models.get(3), textPrompt("In the morning"), 10, Set.of(BASE.eosTokenId())));
    assertThat(
            SignedReceipt.fromHex(last.get("openledger").get("receipt").get("encoded").asText())
                .verify())
        .isTrue();
  }

  @Test
  void concurrentRequestsAcrossAdaptersEachGetTheirAdaptersOutputWithinTheCacheBound()
      throws Exception {
    List<CompletableFuture<HttpResponse<String>>> futures = new ArrayList<>();
    String[] prompts = {
      "The jury said",
      "She looked at the river",
      "Models learn from data",
      "farmers brought their grain"
    };
    for (int i = 0; i < 16; i++) {
      String body =
          "{\"model\":\"m"
              + (i % ADAPTERS)
              + "\",\"prompt\":\""
              + prompts[i / ADAPTERS]
              + "\",\"max_tokens\":8,\"temperature\":0}";
      futures.add(
          http.sendAsync(
              openAiRequest("/v1/completions", KEY)
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString()));
    }
    for (int i = 0; i < 16; i++) {
      HttpResponse<String> r = futures.get(i).get();
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      String expected =
          alone(
              models.get(i % ADAPTERS),
              textPrompt(prompts[i / ADAPTERS]),
              8,
              Set.of(BASE.eosTokenId()));
      assertThat(json(r).get("choices").get(0).get("text").asText())
          .as("request %d", i)
          .isEqualTo(expected);
    }
    assertThat(service.store().stats().highWaterBytes())
        .isLessThanOrEqualTo(service.store().stats().capacityBytes());
  }

  @Test
  void badRequestsGetOpenAiStyleErrors() throws Exception {
    String ok = "{\"model\":\"m0\",\"prompt\":\"hi\",\"max_tokens\":4}";
    assertError(
        post("/v1/completions", null, ok), 401, "invalid_request_error", "missing_api_key", null);
    assertError(
        post("/v1/completions", "sk-not-bound", ok),
        401,
        "invalid_request_error",
        "invalid_api_key",
        null);
    assertError(
        post("/v1/completions", KEY, "{\"model\":\"gpt-4\",\"prompt\":\"hi\"}"),
        404,
        "invalid_request_error",
        "model_not_found",
        "model");
    assertError(
        post("/v1/completions", KEY, "{\"model\":\"m0\",\"prompt\":"),
        400,
        "invalid_request_error",
        "invalid_value",
        null);
    assertError(
        post("/v1/chat/completions", KEY, "[1,2]"),
        400,
        "invalid_request_error",
        "invalid_value",
        null);
    assertError(
        post(
            "/v1/completions",
            KEY,
            "{\"model\":\"m0\",\"prompt\":\"" + "the jury said ".repeat(40) + "\"}"),
        413,
        "invalid_request_error",
        "prompt_too_long",
        "prompt");
    assertError(
        post(
            "/v1/completions", KEY, "{\"model\":\"m0\",\"prompt\":\"hi\",\"temperature\":\"hot\"}"),
        400,
        "invalid_request_error",
        "invalid_value",
        "temperature");
    assertError(
        post("/v1/completions", KEY, "{\"model\":\"m0\",\"prompt\":\"hi\",\"temperature\":3}"),
        400,
        "invalid_request_error",
        "invalid_value",
        "temperature");
    assertError(
        post("/v1/completions", KEY, "{\"model\":\"m0\",\"prompt\":\"hi\",\"max_tokens\":0}"),
        400,
        "invalid_request_error",
        "invalid_value",
        "max_tokens");
    assertError(
        post("/v1/completions", KEY, "{\"model\":\"m0\",\"prompt\":\"hi\",\"max_tokens\":17}"),
        400,
        "invalid_request_error",
        "invalid_value",
        "max_tokens");
    assertError(
        post("/v1/completions", KEY, "{\"model\":\"m0\",\"prompt\":\"hi\",\"n\":2}"),
        400,
        "invalid_request_error",
        "invalid_value",
        "n");
    assertError(
        post("/v1/completions", KEY, "{\"model\":\"m0\",\"prompt\":\"hi\",\"tools\":[]}"),
        400,
        "invalid_request_error",
        "invalid_value",
        "tools");
    assertError(
        post("/v1/chat/completions", KEY, "{\"model\":\"m0\",\"messages\":[]}"),
        400,
        "invalid_request_error",
        "invalid_value",
        "messages");
    assertError(
        post(
            "/v1/chat/completions",
            KEY,
            "{\"model\":\"m0\",\"messages\":[{\"role\":\"robot\",\"content\":\"x\"}]}"),
        400,
        "invalid_request_error",
        "invalid_value",
        "messages[0].role");
    assertError(
        post("/v1/chat/completions", KEY, "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}"),
        400,
        "invalid_request_error",
        "invalid_value",
        "model");
    assertError(
        post("/v1/completions", "sk-bob-without-escrow", ok),
        429,
        "insufficient_quota",
        "insufficient_quota",
        null);
  }

  @Test
  void aRequestThatCannotFinishInTimeGets408() throws Exception {
    InMemoryChain chain = new InMemoryChain().putModel(models.get(0)).bindKey(KEY, ALICE.address());
    chain.deposit(ALICE.address(), PROVIDER.address(), Amount.ofOpen(1));
    try (OpenLoraService slow =
            OpenLoraService.start(
                BASE,
                OnChain.of(chain),
                PROVIDER,
                ServeConfig.defaults().withRequestTimeout(Duration.ofNanos(1)));
        OpenAiServer s = OpenAiServer.start(slow, "127.0.0.1", 0)) {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + "/v1/completions"))
                  .header("Authorization", "Bearer " + KEY)
                  .header("Content-Type", "application/json")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "{\"model\":\"m0\",\"prompt\":\"hi\",\"max_tokens\":4}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertError(r, 408, "timeout_error", "request_timeout", null);
      assertThat(slow.meter().receipts()).as("a request that timed out is not charged").isEmpty();
      assertThat(slow.meter().channel(ALICE.address()).orElseThrow().reserved())
          .isEqualTo(Amount.ZERO);
    }
  }

  @Test
  void metricsAreServedInPrometheusFormat() throws Exception {
    post(
        "/v1/completions",
        KEY,
        "{\"model\":\"m0\",\"prompt\":\"hi\",\"max_tokens\":3,\"temperature\":0}");
    HttpResponse<String> r = get("/metrics", null);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).get().asString().startsWith("text/plain");
    assertThat(r.body())
        .contains(
            "# TYPE openlora_queue_length gauge",
            "openlora_queue_length{model=\"m0\"} 0",
            "# TYPE openlora_time_to_first_token_seconds histogram",
            "openlora_time_to_first_token_seconds_bucket{model=\"m0\",le=\"+Inf\"}",
            "openlora_cache_misses_total{model=\"m0\"}",
            "openlora_adapter_load_seconds_count{model=\"m0\"}",
            "openlora_tokens_per_second{model=\"m0\"}",
            "openlora_cache_capacity_bytes " + service.store().stats().capacityBytes());
  }
}
