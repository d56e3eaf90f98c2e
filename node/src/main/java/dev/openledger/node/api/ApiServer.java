package dev.openledger.node.api;

import dev.openledger.core.json.Json;
import dev.openledger.node.api.view.ErrorView;
import io.javalin.Javalin;
import io.javalin.config.SizeUnit;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's single HTTP server: the routes of every {@link RouteModule}, {@code GET /metrics}, and
 * the error mapping shared by all routes.
 */
public final class ApiServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ApiServer.class);

  /** Request bodies beyond this are refused with 413 before any handler runs. */
  public static final long MAX_REQUEST_BYTES = 1 << 20;

  /** Multipart uploads (datanet files) beyond this are refused; the datanet limits are smaller. */
  public static final long MAX_UPLOAD_BYTES = 16L << 20;

  private final Javalin app;

  private ApiServer(Javalin app) {
    this.app = app;
  }

  /**
   * Starts serving on {@code host:port} (port 0 picks a free port).
   *
   * @param modules route groups, registered in order
   */
  public static ApiServer start(String host, int port, List<RouteModule> modules) {
    Javalin app =
        Javalin.create(
            cfg -> {
              cfg.showJavalinBanner = false;
              cfg.startupWatcherEnabled = false;
              cfg.http.maxRequestSize = MAX_REQUEST_BYTES;
              cfg.jetty.multipartConfig.maxFileSize(MAX_UPLOAD_BYTES, SizeUnit.BYTES);
              cfg.jetty.multipartConfig.maxTotalRequestSize(
                  MAX_UPLOAD_BYTES + (64 << 10), SizeUnit.BYTES);
              cfg.http.defaultContentType = "application/json";
              cfg.http.prefer405over404 = true;
              cfg.jsonMapper(new JavalinJackson(Json.mapper(), false));
              cfg.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler()));
              cfg.router.mount(
                  router -> {
                    for (RouteModule m : modules) {
                      m.routes(router);
                    }
                    router.get("/metrics", ctx -> metrics(ctx, modules));
                    router.exception(
                        ApiException.class,
                        (e, ctx) -> error(ctx, e.status(), e.code(), e.getMessage()));
                    router.exception(
                        HttpResponseException.class,
                        (e, ctx) ->
                            error(ctx, e.getStatus(), codeFor(e.getStatus()), e.getMessage()));
                    router.exception(
                        Exception.class,
                        (e, ctx) -> {
                          log.error("{} {} failed", ctx.method(), ctx.path(), e);
                          error(
                              ctx,
                              500,
                              "internal",
                              "the node failed handling this request; see its log");
                        });
                    router.error(
                        404,
                        ctx -> {
                          if (ctx.result() == null || !ctx.result().contains("\"error\"")) {
                            error(
                                ctx,
                                404,
                                "not_found",
                                "no route " + ctx.method() + " " + ctx.path());
                          }
                        });
                    router.error(
                        405,
                        ctx ->
                            error(
                                ctx,
                                405,
                                "method_not_allowed",
                                ctx.method() + " is not allowed on " + ctx.path()));
                  });
            });
    app.start(host, port);
    log.info("API listening on http://{}:{}", host, app.port());
    return new ApiServer(app);
  }

  public int port() {
    return app.port();
  }

  private static void metrics(Context ctx, List<RouteModule> modules) {
    MetricsWriter w = new MetricsWriter();
    for (RouteModule m : modules) {
      m.metrics(w);
    }
    ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(w.toString());
  }

  private static void error(Context ctx, int status, String code, String message) {
    ctx.status(status)
        .contentType("application/json")
        .result(Json.write(ErrorView.of(code, message == null ? code : message)));
  }

  static String codeFor(int status) {
    return switch (status) {
      case 400 -> "bad_request";
      case 404 -> "not_found";
      case 405 -> "method_not_allowed";
      case 413 -> "too_large";
      case 415 -> "unsupported_media_type";
      default -> "http_" + status;
    };
  }

  @Override
  public void close() {
    app.stop();
  }
}
