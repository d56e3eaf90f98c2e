package dev.openledger.node.attribution;

import dev.openledger.attribution.service.AttributionRecord;
import dev.openledger.attribution.service.ModelAttribution;
import dev.openledger.attribution.service.Verification;
import dev.openledger.core.Result;
import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import dev.openledger.ledger.attribution.AttributionModule;
import dev.openledger.ledger.attribution.InferenceAttribution;
import dev.openledger.ledger.datanet.DatanetModule;
import dev.openledger.ledger.engine.LedgerEngine;
import dev.openledger.ledger.engine.StateSnapshot;
import dev.openledger.node.api.ApiException;
import dev.openledger.node.api.Params;
import dev.openledger.node.api.RouteModule;
import dev.openledger.node.attribution.AttributionViews.AttributionView;
import dev.openledger.node.attribution.AttributionViews.EarningsView;
import dev.openledger.node.attribution.AttributionViews.OnChainView;
import dev.openledger.node.attribution.AttributionViews.RecordView;
import dev.openledger.node.attribution.AttributionViews.VerifyView;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRouting;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/**
 * The attribution routes (the fixed paths are registered before {@code {request}}, and Javalin
 * matches in registration order; request ids are {@code cmpl-…} and {@code chatcmpl-…}).
 *
 * <pre>
 * GET  /api/attribution/params                          the module's parameters (what {@code gov propose --param attribution.…} edits)
 * GET  /api/attribution/{request}                       {@link AttributionView}: the record kept here with its explanation, and the chain's payouts
 * POST /api/attribution/{request}/verify                {@link VerifyView}: the record recomputed and compared (also with the chain's hash)
 * GET  /api/attribution/penalties/{address}?model=NAME@V   the contributor's penalty score against the model's Datanets
 * GET  /api/attribution/by-contributor/{address}?limit=N   {@link EarningsView}: the contributor's rewards in all, per Datanet and model
 *                                                       version, and its latest N (default 50, at most 500) paid inferences
 * </pre>
 */
public final class AttributionRoutes implements RouteModule {
  private static final int DEFAULT_LIMIT = 50;
  private static final int MAX_LIMIT = 500;
  private final LedgerEngine engine;
  private final AttributionNode node;
  private final AttributionModule module;
  private final DatanetModule datanets;
  private final ContributorEarnings earnings;

  public AttributionRoutes(LedgerEngine engine, AttributionNode node) {
    this.engine = engine;
    this.node = node;
    this.module = engine.chain().module(AttributionModule.class);
    this.datanets = engine.chain().module(DatanetModule.class);
    this.earnings = new ContributorEarnings(module, datanets);
  }

  @Override
  public void routes(JavalinDefaultRouting r) {
    r.get("/api/attribution/params", ctx -> ctx.json(module.params(engine.reader().snapshot())));
    r.get("/api/attribution/penalties/{address}", this::penalty);
    r.get("/api/attribution/by-contributor/{address}", this::earnings);
    r.get("/api/attribution/{request}", ctx -> ctx.json(view(ctx.pathParam("request"))));
    r.post("/api/attribution/{request}/verify", ctx -> ctx.json(verify(ctx.pathParam("request"))));
  }

  /** The view of a request: the record kept here (if any) and the chain's attribution (if any). */
  public AttributionView view(String requestId) {
    try {
      StateSnapshot s = engine.reader().snapshot();
      List<InferenceAttribution> chain = module.byRequest(s, requestId);
      Optional<AttributionRecord> rec = node.record(requestId);
      if (rec.isEmpty()
          && chain.isEmpty()
          && node.status(requestId).filter(AttributionNode.QUEUED::equals).isPresent()) {
        return new AttributionView(requestId, "attributing", Optional.empty(), List.of());
      }
      if (rec.isEmpty() && chain.isEmpty()) {
        throw ApiException.notFound(
            "no attribution of request "
                + requestId
                + " is recorded here or on chain"
                + node.status(requestId).map(x -> " (" + x + ")").orElse(""));
      }
      Optional<RecordView> view = Optional.empty();
      if (rec.isPresent()) {
        Result<ModelAttribution> m = node.model(rec.get());
        if (m instanceof Result.Ok<ModelAttribution> ok) {
          view =
              Optional.of(
                  AttributionViews.record(
                      rec.get(),
                      ok.value(),
                      id ->
                          datanets
                              .keeper()
                              .datanet(s, id)
                              .map(d -> d.name())
                              .orElse(id.shortHex())));
        }
      }
      Optional<Hash> hash = rec.map(AttributionRecord::resultHash);
      List<OnChainView> onChain = chain.stream().map(a -> OnChainView.of(a, hash)).toList();
      String status =
          !chain.isEmpty()
              ? (rec.isPresent() ? "attributed" : "on_chain")
              : node.status(requestId).orElse("recorded");
      if (status.equals("computed")) {
        status = "recorded";
      }
      return new AttributionView(requestId, status, view, onChain);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "reading the attribution record of " + requestId + " failed", e);
    }
  }

  /** Recomputes the record kept here and compares it with itself and the chain's result hash. */
  public VerifyView verify(String requestId) {
    try {
      Result<Verification> r = node.verify(requestId);
      if (r instanceof Result.Err<Verification> e) {
        if (e.code().equals("unknown_request")) {
          throw ApiException.notFound(e.message());
        }
        throw ApiException.badRequest(e.code(), e.message());
      }
      Verification v = r.orElseThrow();
      List<InferenceAttribution> chain = module.byRequest(engine.reader().snapshot(), requestId);
      Optional<Hash> onChain =
          chain.isEmpty() ? Optional.empty() : Optional.of(chain.get(0).claim().resultHash());
      boolean chainOk = onChain.map(h -> h.equals(v.recordedHash())).orElse(true);
      String detail =
          v.detail()
              + (onChain.isEmpty()
                  ? "; not on chain yet"
                  : chainOk
                      ? "; the chain records the same result hash"
                      : "; the chain records another result hash: " + onChain.get().toHex());
      return new VerifyView(
          requestId,
          v.matches() && chainOk,
          v.recordedHash(),
          v.recomputedHash(),
          v.hashMatches(),
          v.gradientBitExact(),
          v.gradientRelativeError(),
          onChain,
          onChain.isPresent() && chainOk,
          detail);
    } catch (IOException e) {
      throw new UncheckedIOException("recomputing the attribution of " + requestId + " failed", e);
    }
  }

  private void earnings(Context ctx) {
    Address a = Params.address(ctx.pathParam("address"));
    String limit = ctx.queryParam("limit");
    int n =
        limit == null
            ? DEFAULT_LIMIT
            : (int) Math.min(MAX_LIMIT, Params.nonNegativeLong(limit, "limit"));
    ctx.json(earnings.of(engine.reader().snapshot(), a, n));
  }

  private void penalty(Context ctx) {
    Address a = Params.address(ctx.pathParam("address"));
    String model = ctx.queryParam("model");
    StateSnapshot s = engine.reader().snapshot();
    if (model == null) {
      ctx.json(module.penalty(s, a, List.of()));
      return;
    }
    int at = model.lastIndexOf('@');
    if (at <= 0) {
      throw ApiException.badRequest("bad_model", "model is NAME@VERSION, got " + model);
    }
    int version = (int) Params.nonNegativeLong(model.substring(at + 1), "version");
    ctx.json(module.penalty(s, a, model.substring(0, at), version));
  }
}
