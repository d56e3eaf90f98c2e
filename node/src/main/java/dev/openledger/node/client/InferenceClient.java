package dev.openledger.node.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openledger.core.codec.DecodeException;
import dev.openledger.core.json.Json;
import dev.openledger.core.receipt.SignedReceipt;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A client of a node's OpenAI-compatible API ({@code /v1}) sending what the official OpenAI clients
 * send ({@code Authorization: Bearer KEY}, JSON bodies, {@code stream: true} read as server-sent
 * events), and returning each answer with its signed usage receipt, whose provider signature it
 * checks.
 */
public final class InferenceClient {
  private static final Duration TIMEOUT = Duration.ofSeconds(120);

  private final URI base;
  private final String apiKey;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /**
   * A client of the node at {@code baseUrl} (e.g. {@code http://127.0.0.1:8645}) using {@code
   * apiKey}.
   */
  public InferenceClient(String baseUrl, String apiKey) {
    this.base = URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
    this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
  }

  /**
   * What to ask.
   *
   * @param model the model's name
   * @param prompt the text: a completion prompt, or the user's message when {@code chat}
   * @param chat use {@code /v1/chat/completions} with one user message instead of {@code
   *     /v1/completions}
   * @param maxTokens the most tokens to generate (default: the server's)
   * @param temperature sampling temperature (0 is greedy; default: the server's, 1)
   * @param seed a seed for reproducible sampling
   */
  public record Request(
      String model,
      String prompt,
      boolean chat,
      OptionalInt maxTokens,
      Optional<Double> temperature,
      OptionalLong seed) {
    public Request {
      Objects.requireNonNull(model, "model");
      Objects.requireNonNull(prompt, "prompt");
    }

    /** A greedy completion of at most {@code maxTokens}. */
    public static Request greedy(String model, String prompt, int maxTokens) {
      return new Request(
          model, prompt, false, OptionalInt.of(maxTokens), Optional.of(0.0), OptionalLong.empty());
    }

    ObjectNode body(boolean stream) {
      ObjectNode b = Json.mapper().createObjectNode();
      b.put("model", model);
      if (chat) {
        b.putArray("messages").addObject().put("role", "user").put("content", prompt);
      } else {
        b.put("prompt", prompt);
      }
      maxTokens.ifPresent(n -> b.put("max_tokens", n));
      temperature.ifPresent(t -> b.put("temperature", t));
      seed.ifPresent(s -> b.put("seed", s));
      if (stream) {
        b.put("stream", true);
        b.putObject("stream_options").put("include_usage", true);
      }
      return b;
    }
  }

  /**
   * An answer.
   *
   * @param id the response id (the receipt's request id)
   * @param text the generated text
   * @param finishReason {@code stop}, {@code length}, …
   * @param promptTokens prompt tokens charged
   * @param completionTokens generated tokens charged
   * @param receipt the provider's signed usage receipt (its signature verified)
   * @param chunks how many pieces of text arrived (1 when not streaming)
   */
  public record Answer(
      String id,
      String text,
      String finishReason,
      int promptTokens,
      int completionTokens,
      SignedReceipt receipt,
      int chunks) {}

  /** The ids of the models served. */
  public List<String> models() {
    JsonNode list = json(send(request("models").GET().build()));
    List<String> out = new ArrayList<>();
    for (JsonNode m : list.path("data")) {
      out.add(m.path("id").asText());
    }
    return out;
  }

  /** One answer, not streamed. */
  public Answer complete(Request r) {
    HttpResponse<String> resp = send(post(r, false));
    JsonNode body = json(resp);
    JsonNode choice = body.path("choices").path(0);
    String text =
        r.chat() ? choice.path("message").path("content").asText() : choice.path("text").asText();
    return new Answer(
        body.path("id").asText(),
        text,
        choice.path("finish_reason").asText(),
        body.path("usage").path("prompt_tokens").asInt(),
        body.path("usage").path("completion_tokens").asInt(),
        receipt(body),
        1);
  }

  /** One answer, streamed: each piece of text goes to {@code onText} as it arrives. */
  public Answer stream(Request r, Consumer<String> onText) {
    HttpResponse<Stream<String>> resp;
    try {
      resp = http.send(post(r, true), HttpResponse.BodyHandlers.ofLines());
    } catch (IOException e) {
      throw new ClientException.Unreachable("cannot reach " + base + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ClientException.Unreachable("interrupted", e);
    }
    if (resp.statusCode() >= 400) {
      String body;
      try (Stream<String> lines = resp.body()) {
        body = String.join("\n", (Iterable<String>) lines::iterator);
      }
      throw error(resp.statusCode(), body);
    }
    StringBuilder text = new StringBuilder();
    String id = "";
    String finish = "";
    int prompt = 0;
    int completion = 0;
    int chunks = 0;
    SignedReceipt receipt = null;
    try (Stream<String> lines = resp.body()) {
      for (Iterator<String> it = lines.iterator(); it.hasNext(); ) {
        String line = it.next();
        if (!line.startsWith("data: ")) {
          continue;
        }
        String data = line.substring(6);
        if (data.equals("[DONE]")) {
          break;
        }
        JsonNode event = parse(data);
        if (event.has("error")) {
          throw new ClientException.ApiError(
              200,
              event.path("error").path("code").asText("stream_error"),
              event.path("error").path("message").asText());
        }
        id = event.path("id").asText(id);
        JsonNode choice = event.path("choices").path(0);
        String piece =
            r.chat()
                ? choice.path("delta").path("content").asText("")
                : choice.path("text").asText("");
        if (!piece.isEmpty()) {
          text.append(piece);
          onText.accept(piece);
          chunks++;
        }
        if (choice.hasNonNull("finish_reason")) {
          finish = choice.path("finish_reason").asText();
        }
        if (event.hasNonNull("usage")) {
          prompt = event.path("usage").path("prompt_tokens").asInt();
          completion = event.path("usage").path("completion_tokens").asInt();
        }
        if (event.path("openledger").has("receipt")) {
          receipt = receipt(event);
        }
      }
    }
    if (receipt == null) {
      throw new ClientException.VerificationFailed("the stream ended without a usage receipt");
    }
    return new Answer(id, text.toString(), finish, prompt, completion, receipt, chunks);
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(base.resolve("v1/" + path))
        .timeout(TIMEOUT)
        .header("Authorization", "Bearer " + apiKey)
        .header("Accept", "application/json");
  }

  private HttpRequest post(Request r, boolean stream) {
    return request(r.chat() ? "chat/completions" : "completions")
        .header("Content-Type", "application/json")
        .POST(
            HttpRequest.BodyPublishers.ofString(Json.write(r.body(stream)), StandardCharsets.UTF_8))
        .build();
  }

  private HttpResponse<String> send(HttpRequest req) {
    try {
      HttpResponse<String> resp =
          http.send(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      if (resp.statusCode() >= 400) {
        throw error(resp.statusCode(), resp.body());
      }
      return resp;
    } catch (IOException e) {
      throw new ClientException.Unreachable(
          "cannot reach "
              + base
              + ": "
              + e
              + "; is the node serving (openledger node --serve-base …)?",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ClientException.Unreachable("interrupted", e);
    }
  }

  /**
   * An OpenAI error object {@code {"error": {"message", "type", "param", "code"}}} as an exception.
   */
  private static ClientException.ApiError error(int status, String body) {
    try {
      JsonNode e = Json.mapper().readTree(body).path("error");
      String code =
          e.hasNonNull("code") ? e.path("code").asText() : e.path("type").asText("http_" + status);
      return new ClientException.ApiError(status, code, e.path("message").asText("HTTP " + status));
    } catch (IOException x) {
      return new ClientException.ApiError(status, "http_" + status, "HTTP " + status + ": " + body);
    }
  }

  private static JsonNode json(HttpResponse<String> resp) {
    return parse(resp.body());
  }

  private static JsonNode parse(String s) {
    try {
      return Json.mapper().readTree(s);
    } catch (IOException e) {
      throw new ClientException.ApiError(
          200, "bad_response", "the server sent something that is not JSON: " + e.getMessage());
    }
  }

  /** The signed receipt in an answer's {@code openledger.receipt.encoded}, checked. */
  private static SignedReceipt receipt(JsonNode body) {
    String hex = body.path("openledger").path("receipt").path("encoded").asText("");
    try {
      SignedReceipt r = SignedReceipt.fromHex(hex);
      if (!r.verify()) {
        throw new ClientException.VerificationFailed(
            "the usage receipt's signature does not verify against its provider "
                + r.receipt().provider());
      }
      return r;
    } catch (DecodeException e) {
      throw new ClientException.VerificationFailed(
          "the answer carries no readable usage receipt: " + e.getMessage());
    }
  }
}
