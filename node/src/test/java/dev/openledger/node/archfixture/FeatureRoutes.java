package dev.openledger.node.archfixture;

import dev.openledger.node.api.RouteModule;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRouting;

/** Allowed: a feature package of the node serves its routes through a route module. */
public final class FeatureRoutes implements RouteModule {
  @Override
  public void routes(JavalinDefaultRouting router) {
    router.get("/api/feature", FeatureRoutes::show);
  }

  private static void show(Context ctx) {
    ctx.result(ctx.path());
  }
}
