package dev.openledger.node.openai;

import dev.openledger.openlora.service.OpenLoraService;
import io.javalin.Javalin;

/**
 * A stand-alone HTTP server with only OpenLoRA's routes and {@code GET /metrics}, for serving
 * without a ledger node and for tests. A node mounts {@link OpenAiRoutes} on its own server
 * instead.
 */
public final class OpenAiServer implements AutoCloseable {
  /** Request bodies beyond this are refused before any handler reads them. */
  public static final long MAX_REQUEST_BYTES = 1 << 20;

  private final Javalin app;

  private OpenAiServer(Javalin app) {
    this.app = app;
  }

  /** Serves {@code service} on {@code host:port} (port 0 picks a free one). */
  public static OpenAiServer start(OpenLoraService service, String host, int port) {
    OpenAiRoutes routes = new OpenAiRoutes(service);
    Javalin app =
        Javalin.create(
            cfg -> {
              cfg.showJavalinBanner = false;
              cfg.startupWatcherEnabled = false;
              cfg.http.maxRequestSize = MAX_REQUEST_BYTES;
              cfg.router.mount(
                  router -> {
                    routes.register(router);
                    router.get(
                        "/metrics",
                        ctx ->
                            ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                                .result(routes.metrics()));
                  });
            });
    app.start(host, port);
    return new OpenAiServer(app);
  }

  public int port() {
    return app.port();
  }

  @Override
  public void close() {
    app.stop();
  }
}
