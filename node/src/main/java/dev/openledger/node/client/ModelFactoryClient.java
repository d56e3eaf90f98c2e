package dev.openledger.node.client;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import dev.openledger.core.json.Json;
import dev.openledger.modelfactory.ModelFactory;
import dev.openledger.modelfactory.eval.EvaluationReport;
import dev.openledger.modelfactory.job.JobEvent;
import dev.openledger.modelfactory.job.JobRecord;
import dev.openledger.modelfactory.registry.ModelRecord;
import dev.openledger.modelfactory.run.LossPoint;
import dev.openledger.node.api.view.ErrorView;
import dev.openledger.node.api.view.FineTuneBody;
import dev.openledger.node.api.view.JobView;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/** ModelFactory's HTTP routes ({@code /api/jobs}, {@code /api/models}) from Java. Thread-safe. */
public final class ModelFactoryClient {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final URI base;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** A client of the node at {@code baseUrl}, e.g. {@code http://127.0.0.1:8645}. */
  public ModelFactoryClient(String baseUrl) {
    this.base = new LedgerClient(baseUrl).base();
  }

  /**
   * Submits a fine-tuning request; a refused spec is an {@link ClientException.ApiError} {@code
   * invalid_spec}.
   */
  public JobRecord submit(FineTuneBody body) {
    return call("POST", "/api/jobs", Json.write(body), type(JobRecord.class));
  }

  public List<JobRecord> jobs() {
    return call(
        "GET",
        "/api/jobs",
        null,
        Json.mapper().getTypeFactory().constructCollectionType(List.class, JobRecord.class));
  }

  public JobView job(long id) {
    return call("GET", "/api/jobs/" + id, null, type(JobView.class));
  }

  public List<LossPoint> loss(long id) {
    return call(
        "GET",
        "/api/jobs/" + id + "/loss",
        null,
        Json.mapper().getTypeFactory().constructCollectionType(List.class, LossPoint.class));
  }

  public JobRecord cancel(long id) {
    return call("POST", "/api/jobs/" + id + "/cancel", "", type(JobRecord.class));
  }

  public List<ModelRecord> models() {
    return call(
        "GET",
        "/api/factory/models",
        null,
        Json.mapper().getTypeFactory().constructCollectionType(List.class, ModelRecord.class));
  }

  /** Every version of a model, oldest first. */
  public List<ModelRecord> versions(String name) {
    return call(
        "GET",
        "/api/factory/models/" + encode(name),
        null,
        Json.mapper().getTypeFactory().constructCollectionType(List.class, ModelRecord.class));
  }

  /** The stored evaluation of a model version ({@code version} 0: the latest). */
  public EvaluationReport evaluation(String name, int version) {
    return call(
        "GET",
        "/api/factory/models/" + encode(name) + "/evaluation" + versionQuery(version),
        null,
        type(EvaluationReport.class));
  }

  /** The evaluation recomputed on the node and compared with the stored one. */
  public ModelFactory.Reevaluation reevaluate(String name, int version) {
    return call(
        "POST",
        "/api/factory/models/" + encode(name) + "/evaluate" + versionQuery(version),
        "",
        type(ModelFactory.Reevaluation.class));
  }

  /**
   * Follows a job's server-sent events, handing each to {@code onEvent}, until the job ends (or the
   * stream does); returns the last state event.
   */
  public JobEvent.StateChanged follow(long id, Consumer<JobEvent> onEvent) {
    HttpRequest req =
        HttpRequest.newBuilder(base.resolve("/api/jobs/" + id + "/events"))
            .header("Accept", "text/event-stream")
            .GET()
            .build();
    HttpResponse<Stream<String>> resp =
        exchange(req, HttpResponse.BodyHandlers.ofLines(), "GET /api/jobs/" + id + "/events");
    JobEvent.StateChanged last = null;
    try (Stream<String> lines = resp.body()) {
      String event = null;
      StringBuilder data = new StringBuilder();
      for (Iterator<String> it = lines.iterator(); it.hasNext(); ) {
        String line = it.next();
        if (line.startsWith("event:")) {
          event = line.substring(6).trim();
        } else if (line.startsWith("data:")) {
          data.append(line.substring(5).trim());
        } else if (line.isEmpty() && event != null) {
          JobEvent e = parse(event, data.toString());
          onEvent.accept(e);
          if (e instanceof JobEvent.StateChanged s) {
            last = s;
            if (s.state().isFinal()) {
              return s;
            }
          }
          event = null;
          data.setLength(0);
        }
      }
    }
    if (last == null) {
      throw new ClientException.Unreachable(
          "the event stream of job " + id + " ended before any state event", null);
    }
    return last;
  }

  private static JobEvent parse(String event, String data) {
    try {
      return switch (event) {
        case "state" -> Json.mapper().readValue(data, JobEvent.StateChanged.class);
        case "phase" -> Json.mapper().readValue(data, JobEvent.Phase.class);
        case "progress" -> Json.mapper().readValue(data, JobEvent.Progress.class);
        case "error" -> {
          Map<String, String> err =
              Json.mapper().readValue(data, new TypeReference<Map<String, String>>() {});
          throw new ClientException.ApiError(
              404, err.getOrDefault("code", "error"), err.getOrDefault("message", data));
        }
        default ->
            throw new ClientException.ApiError(
                200, "bad_response", "unknown event '" + event + "' in a job's stream");
      };
    } catch (IOException e) {
      throw new ClientException.ApiError(
          200,
          "bad_response",
          "an event '" + event + "' this client cannot read: " + e.getMessage());
    }
  }

  private <T> T call(String method, String path, String body, JavaType type) {
    HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT);
    b =
        body == null
            ? b.GET()
            : b.header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    String what = method + " " + path;
    HttpResponse<byte[]> resp = exchange(b.build(), HttpResponse.BodyHandlers.ofByteArray(), what);
    if (resp.statusCode() >= 400) {
      ErrorView err;
      try {
        err = Json.mapper().readValue(resp.body(), ErrorView.class);
      } catch (IOException e) {
        throw new ClientException.ApiError(
            resp.statusCode(),
            "http_" + resp.statusCode(),
            what + " answered HTTP " + resp.statusCode());
      }
      throw new ClientException.ApiError(
          resp.statusCode(), err.error().code(), err.error().message());
    }
    try {
      return Json.mapper().readValue(resp.body(), type);
    } catch (IOException e) {
      throw new ClientException.ApiError(
          resp.statusCode(),
          "bad_response",
          what + " answered something this client cannot read: " + e.getMessage());
    }
  }

  private <T> HttpResponse<T> exchange(
      HttpRequest req, HttpResponse.BodyHandler<T> handler, String what) {
    try {
      return http.send(req, handler);
    } catch (IOException e) {
      throw new ClientException.Unreachable(
          "cannot reach the node at "
              + base
              + " ("
              + what
              + "): "
              + e
              + "; is `openledger node` running?",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ClientException.Unreachable("interrupted: " + what, e);
    } catch (UncheckedIOException e) {
      throw new ClientException.Unreachable(
          "the connection to " + base + " failed (" + what + "): " + e.getCause(), e);
    }
  }

  private static JavaType type(Class<?> c) {
    return Json.mapper().constructType(c);
  }

  private static String versionQuery(int version) {
    return version > 0 ? "?version=" + version : "";
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
