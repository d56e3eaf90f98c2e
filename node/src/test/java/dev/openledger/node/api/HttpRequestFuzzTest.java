package dev.openledger.node.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.api.SilentCloseable;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import dev.openledger.core.json.Json;
import dev.openledger.node.TestNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Requests from outside to a real node on a loopback port: the body of {@code POST /api/tx} (raw
 * bytes or the JSON {@code {"tx": "<hex>"}}, under several content types) and the path parameters
 * of the read routes. The property: every answer is below 500, and every refusal is the API's JSON
 * error {@code {"error": {"code", "message"}}}. The first input byte picks the request:
 *
 * <pre>
 *   0 octet-stream body   1 application/json body   2 JSON with charset   3 text/plain body   4 no content type
 *   5 GET /api/tx/{rest}  6 GET /api/accounts/{rest}  7 GET /api/blocks/{rest}
 * </pre>
 */
class HttpRequestFuzzTest {
  private static final String[] CONTENT_TYPES = {
    "application/octet-stream", "application/json", "application/json; charset=utf-8", "text/plain"
  };
  private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost");
  private static final String[] READ_ROUTES = {"/api/tx/", "/api/accounts/", "/api/blocks/"};

  @TempDir static Path dir;
  static TestNode node;
  static int port;
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    node = new TestNode(dir);
    port = URI.create(node.url()).getPort();
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  @FuzzTest
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void request(byte[] input) throws IOException, InterruptedException {
    if (input.length == 0) {
      return;
    }
    int kind = (input[0] & 0xff) % 8;
    byte[] rest = Arrays.copyOfRange(input, 1, input.length);
    HttpRequest.Builder b;
    if (kind < 5) {
      b =
          HttpRequest.newBuilder(URI.create(node.url() + "/api/tx"))
              .POST(HttpRequest.BodyPublishers.ofByteArray(rest));
      if (kind < 4) {
        b.header("Content-Type", CONTENT_TYPES[kind]);
      }
    } else {
      String param =
          URLEncoder.encode(new String(rest, StandardCharsets.UTF_8), StandardCharsets.UTF_8);
      b = HttpRequest.newBuilder(URI.create(node.url() + READ_ROUTES[kind - 5] + param)).GET();
    }
    HttpResponse<String> r;
    // Jazzer's request-forgery detector flags every connection unless told which are expected.
    SilentCloseable loopback =
        BugDetectors.allowNetworkConnections((host, p) -> p == port && LOOPBACK.contains(host));
    try {
      r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } finally {
      loopback.close();
    }
    assertThat(r.statusCode()).as(r.body()).isBetween(200, 499);
    if (r.statusCode() >= 400) {
      JsonNode err = Json.mapper().readTree(r.body()).get("error");
      assertThat(err).as(r.body()).isNotNull();
      assertThat(err.get("code").asText()).as(r.body()).isNotBlank();
      assertThat(err.get("message").asText()).as(r.body()).isNotBlank();
    }
  }
}
