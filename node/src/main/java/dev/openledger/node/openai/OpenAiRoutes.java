package dev.openledger.node.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openledger.core.crypto.Address;
import dev.openledger.core.json.Json;
import dev.openledger.node.api.MetricsWriter;
import dev.openledger.node.api.RouteModule;
import dev.openledger.node.openai.CallEvents.Done;
import dev.openledger.node.openai.CallEvents.Event;
import dev.openledger.node.openai.CallEvents.Failed;
import dev.openledger.node.openai.CallEvents.Text;
import dev.openledger.openlora.chain.ModelListing;
import dev.openledger.openlora.service.Call;
import dev.openledger.openlora.service.CallResult;
import dev.openledger.openlora.service.OpenLoraService;
import dev.openledger.openlora.service.ServeError;
import dev.openledger.openlora.service.ServeResult;
import dev.openledger.openlora.service.Ticket;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.router.JavalinDefaultRouting;
import io.javalin.router.JavalinDefaultRoutingApi;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OpenLoRA's OpenAI-compatible routes, registered on a Javalin router by {@link #register}:
 *
 * <pre>
 * GET  /v1/models               approved models, each with its base model as parent
 * GET  /v1/models/{model}       one of them
 * POST /v1/completions          text completion; "stream": true answers with server-sent events
 * POST /v1/chat/completions     chat completion; the same
 * </pre>
 *
 * Every route needs {@code Authorization: Bearer KEY} with a key bound to an account. Errors are
 * OpenAI error objects. A finished completion carries its signed usage receipt in {@code
 * openledger.receipt} and, when not streaming, hex-encoded in the {@value #RECEIPT_HEADER} header.
 * Handlers hold their HTTP thread until the call ends; a streaming client that disconnects cancels
 * its call as soon as a write to it fails.
 */
public final class OpenAiRoutes implements RouteModule {
  /** Response header carrying the hex-encoded signed receipt. */
  public static final String RECEIPT_HEADER = "OpenLedger-Receipt";

  private static final Logger log = LoggerFactory.getLogger(OpenAiRoutes.class);
  private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8);

  private final OpenLoraService service;
  private final long waitMillis;

  private enum Endpoint {
    COMPLETIONS,
    CHAT
  }

  public OpenAiRoutes(OpenLoraService service) {
    this.service = service;
    // the engine ends every call by its deadline; the margin covers a step in flight
    this.waitMillis = service.config().requestTimeout().toMillis() + 30_000;
  }

  /**
   * Declares the routes on {@code router}: a {@code Javalin} app or a router passed to {@code
   * config.router.mount}.
   */
  public void register(JavalinDefaultRoutingApi<?> router) {
    router.get("/v1/models", this::models);
    router.get("/v1/models/<model>", this::model);
    router.post("/v1/completions", ctx -> call(ctx, Endpoint.COMPLETIONS));
    router.post("/v1/chat/completions", ctx -> call(ctx, Endpoint.CHAT));
  }

  @Override
  public void routes(JavalinDefaultRouting router) {
    register(router);
  }

  @Override
  public void metrics(MetricsWriter out) {
    out.exposition(service.metricsText());
  }

  /** Prometheus text for {@code /metrics}. */
  public String metrics() {
    return service.metricsText();
  }

  private void models(Context ctx) {
    if (authenticate(ctx).isEmpty()) {
      return;
    }
    List<OpenAiViews.Model> data = service.models().stream().map(OpenAiViews.Model::of).toList();
    json(ctx, 200, new OpenAiViews.ModelList("list", data));
  }

  private void model(Context ctx) {
    if (authenticate(ctx).isEmpty()) {
      return;
    }
    String name = ctx.pathParam("model");
    Optional<ModelListing> m = service.model(name);
    if (m.isEmpty()) {
      error(
          ctx,
          new ServeError(
              ServeError.Kind.MODEL_NOT_FOUND,
              "The model '" + name + "' does not exist or is not served here.",
              Optional.of("model")));
      return;
    }
    json(ctx, 200, OpenAiViews.Model.of(m.get()));
  }

  private void call(Context ctx, Endpoint endpoint) throws InterruptedException {
    Optional<Address> caller = authenticate(ctx);
    if (caller.isEmpty()) {
      return;
    }
    ParsedCall p;
    try {
      JsonNode body = readBody(ctx);
      p = endpoint == Endpoint.CHAT ? OpenAiRequests.chat(body) : OpenAiRequests.completion(body);
    } catch (OpenAiRequests.Invalid e) {
      error(ctx, e.error);
      return;
    }
    CallEvents events = new CallEvents();
    ServeResult<Ticket> r =
        service.submit(new Call(caller.get(), p.model(), p.prompt(), p.sampling(), events));
    if (r instanceof ServeResult.Refused<Ticket> refused) {
      error(ctx, refused.error());
      return;
    }
    Ticket ticket = ((ServeResult.Ok<Ticket>) r).value();
    if (p.stream()) {
      new SseResponse(ctx.res(), endpoint == Endpoint.CHAT, ticket, p.model(), p.includeUsage())
          .run(events);
    } else {
      respond(ctx, endpoint, ticket, p.model(), events);
    }
  }

  private JsonNode readBody(Context ctx) throws OpenAiRequests.Invalid {
    byte[] bytes;
    try {
      bytes = ctx.bodyAsBytes();
    } catch (HttpResponseException e) {
      ServeError.Kind kind =
          e.getStatus() == 413 ? ServeError.Kind.PROMPT_TOO_LONG : ServeError.Kind.INVALID_REQUEST;
      throw new OpenAiRequests.Invalid(
          ServeError.of(kind, "The request body could not be read: " + e.getMessage()));
    }
    try {
      return Json.mapper().readTree(bytes);
    } catch (IOException e) {
      throw new OpenAiRequests.Invalid(
          ServeError.of(
              ServeError.Kind.INVALID_REQUEST,
              "We could not parse the JSON body of your request. (HINT: send valid JSON with 'Content-Type: application/json'.)"));
    }
  }

  private void respond(
      Context ctx, Endpoint endpoint, Ticket ticket, String model, CallEvents events)
      throws InterruptedException {
    StringBuilder text = new StringBuilder();
    while (true) {
      Event e = events.next(waitMillis);
      if (e == null) {
        ticket.cancel();
        error(ctx, ServeError.of(ServeError.Kind.TIMEOUT, "the request did not finish in time"));
        return;
      }
      if (e instanceof Text t) {
        text.append(t.text());
      } else if (e instanceof Failed f) {
        error(ctx, f.error());
        return;
      } else {
        CallResult done = ((Done) e).result();
        OpenAiViews.Usage usage = OpenAiViews.Usage.of(done);
        OpenAiViews.Extension ext =
            new OpenAiViews.Extension(OpenAiViews.Receipt.of(done.receipt()));
        ctx.header(RECEIPT_HEADER, done.receipt().toHex());
        if (endpoint == Endpoint.CHAT) {
          json(
              ctx,
              200,
              new OpenAiViews.Chat(
                  ticket.id(),
                  "chat.completion",
                  ticket.created(),
                  model,
                  List.of(
                      new OpenAiViews.ChatChoice(
                          0,
                          new OpenAiViews.Message("assistant", text.toString()),
                          null,
                          done.finishReason())),
                  usage,
                  ext));
        } else {
          json(
              ctx,
              200,
              new OpenAiViews.Completion(
                  ticket.id(),
                  "text_completion",
                  ticket.created(),
                  model,
                  List.of(
                      new OpenAiViews.CompletionChoice(
                          text.toString(), 0, null, done.finishReason())),
                  usage,
                  ext));
        }
        return;
      }
    }
  }

  private Optional<Address> authenticate(Context ctx) {
    ServeResult<Address> r = service.authenticate(Optional.ofNullable(ctx.header("Authorization")));
    if (r instanceof ServeResult.Refused<Address> refused) {
      error(ctx, refused.error());
      return Optional.empty();
    }
    return Optional.of(((ServeResult.Ok<Address>) r).value());
  }

  private static void json(Context ctx, int status, Object body) {
    ctx.status(status).contentType("application/json").result(Json.write(body));
  }

  static void error(Context ctx, ServeError e) {
    if (e.kind() == ServeError.Kind.QUEUE_FULL) {
      ctx.header("Retry-After", "1");
    }
    json(ctx, e.kind().status(), OpenAiRequests.errorBody(e));
  }

  /**
   * Writes one call as server-sent events: a chunk per piece of text, a final chunk, then {@code
   * [DONE]}.
   */
  private final class SseResponse {
    private final HttpServletResponse res;
    private final boolean chat;
    private final Ticket ticket;
    private final String model;
    private final boolean includeUsage;

    SseResponse(
        HttpServletResponse res, boolean chat, Ticket ticket, String model, boolean includeUsage) {
      this.res = res;
      this.chat = chat;
      this.ticket = ticket;
      this.model = model;
      this.includeUsage = includeUsage;
    }

    void run(CallEvents events) throws InterruptedException {
      res.setStatus(200);
      res.setContentType("text/event-stream;charset=utf-8");
      res.setHeader("Cache-Control", "no-cache");
      res.setHeader("X-Accel-Buffering", "no");
      try {
        OutputStream out = res.getOutputStream();
        if (chat) {
          send(out, chunk(new OpenAiViews.Delta("assistant", ""), null, null, null));
        }
        while (true) {
          Event e = events.next(waitMillis);
          if (e == null) {
            ticket.cancel();
            send(
                out,
                OpenAiRequests.errorBody(
                    ServeError.of(ServeError.Kind.TIMEOUT, "the request did not finish in time")));
            return;
          }
          if (e instanceof Text t) {
            send(
                out,
                chunk(chat ? new OpenAiViews.Delta(null, t.text()) : null, t.text(), null, null));
          } else if (e instanceof Failed f) {
            send(out, OpenAiRequests.errorBody(f.error()));
            return;
          } else {
            CallResult done = ((Done) e).result();
            OpenAiViews.Extension ext =
                new OpenAiViews.Extension(OpenAiViews.Receipt.of(done.receipt()));
            send(
                out,
                chunk(
                    chat ? new OpenAiViews.Delta(null, null) : null, "", done.finishReason(), ext));
            if (includeUsage) {
              send(out, usageChunk(OpenAiViews.Usage.of(done)));
            }
            out.write(DONE);
            out.flush();
            return;
          }
        }
      } catch (IOException e) {
        // the client went away: stop generating (it is charged for the tokens already produced)
        log.debug("stream {} closed by the client: {}", ticket.id(), e.toString());
        ticket.cancel();
      }
    }

    private Object chunk(
        OpenAiViews.Delta delta, String text, String finish, OpenAiViews.Extension ext) {
      if (chat) {
        return new OpenAiViews.ChatChunk(
            ticket.id(),
            "chat.completion.chunk",
            ticket.created(),
            model,
            List.of(new OpenAiViews.ChatChunkChoice(0, delta, null, finish)),
            null,
            ext);
      }
      return new OpenAiViews.CompletionChunk(
          ticket.id(),
          "text_completion",
          ticket.created(),
          model,
          List.of(new OpenAiViews.CompletionChoice(text, 0, null, finish)),
          null,
          ext);
    }

    private Object usageChunk(OpenAiViews.Usage usage) {
      if (chat) {
        return new OpenAiViews.ChatChunk(
            ticket.id(), "chat.completion.chunk", ticket.created(), model, List.of(), usage, null);
      }
      return new OpenAiViews.CompletionChunk(
          ticket.id(), "text_completion", ticket.created(), model, List.of(), usage, null);
    }

    private void send(OutputStream out, Object body) throws IOException {
      out.write(("data: " + Json.write(body) + "\n\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
    }
  }
}
