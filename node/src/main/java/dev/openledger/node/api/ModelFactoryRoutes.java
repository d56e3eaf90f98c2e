package dev.openledger.node.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.openledger.core.Result;
import dev.openledger.core.json.Json;
import dev.openledger.modelfactory.ModelFactory;
import dev.openledger.modelfactory.job.JobEvent;
import dev.openledger.modelfactory.job.JobListener;
import dev.openledger.modelfactory.job.JobRecord;
import dev.openledger.modelfactory.job.JobState;
import dev.openledger.modelfactory.job.Submission;
import dev.openledger.modelfactory.registry.ModelRecord;
import dev.openledger.modelfactory.spec.SpecProblem;
import dev.openledger.node.api.view.FineTuneBody;
import dev.openledger.node.api.view.JobView;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import io.javalin.router.JavalinDefaultRouting;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * ModelFactory's routes: fine-tuning jobs and the models they produce.
 *
 * <pre>
 * POST /api/jobs                      202 JobRecord | 400 invalid_spec (one problem per line) | 400 bad_body
 * GET  /api/jobs                      every JobRecord
 * GET  /api/jobs/{id}                 JobView: the record and its last progress event
 * GET  /api/jobs/{id}/loss            the loss curve
 * GET  /api/jobs/{id}/events          server-sent events: state | phase | progress (JSON); ends with a final state;
 *                                     an unknown job gets one error event {code, message}
 * POST /api/jobs/{id}/cancel          JobRecord | 404 unknown_job | 409 job_finished
 * GET  /api/models                    the latest ModelRecord of every model
 * GET  /api/models/{name}             every version, oldest first
 * GET  /api/models/{name}/evaluation  the stored EvaluationReport (?version=N, default latest)
 * POST /api/models/{name}/evaluate    the evaluation recomputed and compared (?version=N)
 * </pre>
 */
public final class ModelFactoryRoutes implements RouteModule {
  private final ModelFactory factory;

  public ModelFactoryRoutes(ModelFactory factory) {
    this.factory = factory;
  }

  @Override
  public void routes(JavalinDefaultRouting r) {
    r.post("/api/jobs", this::submit);
    r.get("/api/jobs", ctx -> ctx.json(factory.jobs()));
    r.get(
        "/api/jobs/{id}",
        ctx -> {
          JobRecord j = job(ctx);
          ctx.json(new JobView(j, factory.progress(j.id()).orElse(null)));
        });
    r.get("/api/jobs/{id}/loss", ctx -> ctx.json(factory.lossCurve(job(ctx).id())));
    r.sse("/api/jobs/{id}/events", this::events);
    r.post("/api/jobs/{id}/cancel", this::cancel);
    r.get("/api/factory/models", ctx -> ctx.json(factory.models()));
    r.get("/api/factory/models/{name}", ctx -> ctx.json(versions(ctx)));
    r.get(
        "/api/factory/models/{name}/evaluation",
        ctx -> ctx.json(orFail(factory.evaluation(model(ctx)))));
    r.post(
        "/api/factory/models/{name}/evaluate",
        ctx -> ctx.json(orFail(factory.reevaluate(model(ctx)))));
  }

  @Override
  public void metrics(MetricsWriter out) {
    Map<JobState, Long> counts =
        factory.jobs().stream()
            .collect(Collectors.groupingBy(JobRecord::state, Collectors.counting()));
    Map<String, Long> byState = new TreeMap<>();
    for (JobState s : JobState.values()) {
      byState.put(s.name().toLowerCase(java.util.Locale.ROOT), counts.getOrDefault(s, 0L));
    }
    out.labelled(
        "openledger_modelfactory_jobs",
        "gauge",
        "Fine-tuning jobs on this node by state.",
        "state",
        byState);
  }

  private void submit(Context ctx) throws IOException {
    FineTuneBody body;
    try {
      body = Json.mapper().readValue(ctx.bodyAsBytes(), FineTuneBody.class);
    } catch (JsonProcessingException e) {
      throw ApiException.badRequest(
          "bad_body", "the body is not a fine-tuning request: " + e.getOriginalMessage());
    }
    Submission s = factory.submit(body.toRequest());
    if (s instanceof Submission.Refused refused) {
      throw ApiException.badRequest(
          "invalid_spec",
          refused.problems().stream().map(SpecProblem::toString).collect(Collectors.joining("\n")));
    }
    ctx.status(202).json(((Submission.Accepted) s).job());
  }

  private void cancel(Context ctx) throws IOException {
    Result<JobRecord> r = factory.cancel(jobId(ctx));
    if (r instanceof Result.Err<JobRecord> e) {
      throw new ApiException(e.code().equals("unknown_job") ? 404 : 409, e.code(), e.message());
    }
    ctx.json(r.orElseThrow());
  }

  /**
   * Streams one job's events until it ends. The current state is sent first, so a late subscriber
   * knows where the job is; a job that already ended gets that one event.
   */
  private void events(SseClient client) {
    long id;
    try {
      id = jobId(client.ctx());
    } catch (ApiException e) {
      refuse(client, e.code(), e.getMessage());
      return;
    }
    if (factory.job(id).isEmpty()) {
      refuse(client, "unknown_job", "no job " + id);
      return;
    }
    JobListener listener =
        e -> {
          if (e.jobId() == id) {
            send(client, e);
            if (e instanceof JobEvent.StateChanged s && s.state().isFinal()) {
              client.close();
            }
          }
        };
    client.keepAlive();
    factory.addListener(listener);
    client.onClose(() -> factory.removeListener(listener));
    JobRecord now =
        factory.job(id).orElseThrow(); // re-read: the job may have moved while we subscribed
    send(client, new JobEvent.StateChanged(id, now.state(), detail(now)));
    if (now.state().isFinal()) {
      client.close();
      return;
    }
    // A subscriber that arrives mid-job learns where it is: its phase and its last progress.
    factory.phase(id).ifPresent(p -> send(client, p));
    factory.progress(id).ifPresent(p -> send(client, p));
  }

  /** An {@code error} event ({@code {"code","message"}}), then the stream ends. */
  private static void refuse(SseClient client, String code, String message) {
    client.sendEvent("error", Json.write(Map.of("code", code, "message", message)));
    client.close();
  }

  private static void send(SseClient client, JobEvent e) {
    synchronized (client) {
      if (!client.terminated()) {
        client.sendEvent(e.type(), Json.write(e));
      }
    }
  }

  private static String detail(JobRecord j) {
    return j.result()
        .map(r -> r.model() + " v" + r.version() + ": " + r.evaluation())
        .or(() -> j.failure().map(JobRecord.Failure::message))
        .orElse("");
  }

  private static long jobId(Context ctx) {
    return Params.nonNegativeLong(ctx.pathParam("id"), "job_id");
  }

  private JobRecord job(Context ctx) {
    long id = jobId(ctx);
    return factory.job(id).orElseThrow(() -> ApiException.notFound("no job " + id));
  }

  private List<ModelRecord> versions(Context ctx) throws IOException {
    String name = ctx.pathParam("name");
    List<ModelRecord> v = factory.versions(name);
    if (v.isEmpty()) {
      throw ApiException.notFound("no model named " + name);
    }
    return v;
  }

  private ModelRecord model(Context ctx) throws IOException {
    List<ModelRecord> v = versions(ctx);
    String version = ctx.queryParam("version");
    if (version == null) {
      return v.get(v.size() - 1);
    }
    long n = Params.nonNegativeLong(version, "version");
    return v.stream()
        .filter(m -> m.version() == n)
        .findFirst()
        .orElseThrow(
            () -> ApiException.notFound("model " + ctx.pathParam("name") + " has no version " + n));
  }

  private static <T> T orFail(Result<T> r) {
    if (r instanceof Result.Err<T> e) {
      throw new ApiException(
          e.code().equals("artifacts_missing") || e.code().equals("unknown_job") ? 404 : 500,
          e.code(),
          e.message());
    }
    return r.orElseThrow();
  }
}
