package dev.openledger.node.client;

import com.fasterxml.jackson.databind.JavaType;
import dev.openledger.core.json.Json;
import dev.openledger.node.model.ModelListView;
import dev.openledger.node.model.ModelView;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/** The model registry's routes from Java. */
public final class ModelClient {
  private final LedgerClient client;

  public ModelClient(LedgerClient client) {
    this.client = client;
  }

  /**
   * Every model version, or those in {@code state} ({@code registered proposed approved rejected
   * retired}).
   */
  public ModelListView list(Optional<String> state) {
    return client.get(
        "/api/models" + state.map(s -> "?state=" + s).orElse(""), ModelListView.class);
  }

  /** Every version of a name, oldest first; empty when the name is not registered. */
  public List<ModelView> versions(String name) {
    String p = "/api/models/" + enc(name);
    JavaType t =
        Json.mapper().getTypeFactory().constructCollectionType(List.class, ModelView.class);
    HttpRequest req =
        HttpRequest.newBuilder(client.base().resolve(p))
            .timeout(LedgerClient.REQUEST_TIMEOUT)
            .GET()
            .build();
    try {
      return client.<List<ModelView>>send(req, t, "GET " + p).orElseThrow();
    } catch (ClientException.ApiError e) {
      if (e.status() == 404) {
        return List.of();
      }
      throw e;
    }
  }

  /** One version ({@code version} empty for the latest). */
  public Optional<ModelView> model(String name, Optional<Integer> version) {
    return client.getOptional(
        "/api/models/" + enc(name) + "/versions/" + version.map(String::valueOf).orElse("latest"),
        ModelView.class);
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
