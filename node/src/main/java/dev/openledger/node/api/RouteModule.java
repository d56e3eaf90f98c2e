package dev.openledger.node.api;

import io.javalin.router.JavalinDefaultRouting;

/**
 * A group of routes a part of the program contributes to the one HTTP server, with its metrics.
 * Handlers throw {@link ApiException} for error answers.
 */
public interface RouteModule {

  /** Declares the module's routes. */
  void routes(JavalinDefaultRouting router);

  /** Appends the module's metrics to {@code /metrics}. */
  default void metrics(MetricsWriter out) {}
}
