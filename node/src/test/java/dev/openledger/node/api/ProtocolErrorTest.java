package dev.openledger.node.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openledger.core.json.Json;
import dev.openledger.node.TestNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Requests the HTTP server itself refuses before any route runs (found by {@code
 * HttpRequestFuzzTest}): the answer is still the API's JSON error, not the server's HTML error
 * page.
 */
class ProtocolErrorTest {
  @TempDir static Path dir;
  static TestNode node;
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    node = new TestNode(dir);
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  @Test
  void anEncodedNulInThePathIsAJsonBadRequest() throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(node.url() + "/api/blocks/1%00x")).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    JsonNode err = Json.mapper().readTree(r.body()).get("error");
    assertThat(err.get("code").asText()).isEqualTo("bad_request");
    assertThat(err.get("message").asText()).isNotBlank();
  }
}
