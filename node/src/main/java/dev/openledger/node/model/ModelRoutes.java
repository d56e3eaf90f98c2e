package dev.openledger.node.model;

import dev.openledger.ledger.engine.LedgerEngine;
import dev.openledger.ledger.engine.StateSnapshot;
import dev.openledger.ledger.model.Lineage;
import dev.openledger.ledger.model.ModelModule;
import dev.openledger.ledger.model.ModelState;
import dev.openledger.ledger.model.RegisteredModel;
import dev.openledger.ledger.msg.RegisterModel;
import dev.openledger.node.api.ApiException;
import dev.openledger.node.api.Params;
import dev.openledger.node.api.RouteModule;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRouting;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The model registry's routes (read side).
 *
 * <pre>
 * GET /api/models[?state=approved]               parameters and every model version (or those in a state)
 * GET /api/models/{name}                         every version of a name
 * GET /api/models/{name}/versions/{version}      one version with its lineage ({@code latest} for the newest)
 * </pre>
 */
public final class ModelRoutes implements RouteModule {
  private final LedgerEngine engine;
  private final ModelModule models;

  public ModelRoutes(LedgerEngine engine) {
    this.engine = engine;
    this.models = engine.chain().module(ModelModule.class);
  }

  @Override
  public void routes(JavalinDefaultRouting r) {
    r.get("/api/models", this::list);
    r.get("/api/models/{name}", this::versions);
    r.get("/api/models/{name}/versions/{version}", this::one);
  }

  private void list(Context ctx) {
    StateSnapshot s = engine.reader().snapshot();
    Optional<ModelState> state =
        Optional.ofNullable(ctx.queryParam("state")).map(ModelRoutes::state);
    ctx.json(
        new ModelListView(
            models.params(s), models.list(s, state).stream().map(m -> view(s, m)).toList()));
  }

  private void versions(Context ctx) {
    StateSnapshot s = engine.reader().snapshot();
    String name = ctx.pathParam("name");
    List<RegisteredModel> all = models.versions(s, name);
    if (all.isEmpty()) {
      throw ApiException.notFound("no model named '" + name + "' is registered");
    }
    ctx.json(all.stream().map(m -> view(s, m)).toList());
  }

  private void one(Context ctx) {
    StateSnapshot s = engine.reader().snapshot();
    String name = ctx.pathParam("name");
    String v = ctx.pathParam("version");
    Optional<RegisteredModel> m =
        v.equals("latest")
            ? models.latest(s, name)
            : models.model(
                s, name, (int) Math.min(Integer.MAX_VALUE, Params.nonNegativeLong(v, "version")));
    ctx.json(
        view(
            s,
            m.orElseThrow(
                () -> ApiException.notFound("no model " + name + "@" + v + " is registered"))));
  }

  private ModelView view(StateSnapshot s, RegisteredModel m) {
    RegisterModel r = m.registration();
    List<Lineage.Source> lineage =
        models.lineage(s, m.name(), m.version()).orElseThrow().datanets();
    return new ModelView(
        m.name(),
        m.version(),
        m.state(),
        m.developer(),
        m.pricePer1kTokens(),
        models.effectivePrice(s, m),
        r.baseModel(),
        r.adapter(),
        r.config(),
        r.artifacts(),
        r.registrationHash(),
        m.history(),
        lineage);
  }

  private static ModelState state(String text) {
    try {
      return ModelState.valueOf(text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(
          "bad_state",
          "state must be registered, proposed, approved, rejected or retired, got '" + text + "'");
    }
  }
}
