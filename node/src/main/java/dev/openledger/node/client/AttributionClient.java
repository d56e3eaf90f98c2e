package dev.openledger.node.client;

import dev.openledger.core.crypto.Address;
import dev.openledger.core.json.Json;
import dev.openledger.ledger.attribution.PenaltyScore;
import dev.openledger.ledger.msg.AttributionParams;
import dev.openledger.node.attribution.AttributionViews.AttributionView;
import dev.openledger.node.attribution.AttributionViews.EarningsView;
import dev.openledger.node.attribution.AttributionViews.VerifyView;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** The attribution routes from Java (see {@code AttributionRoutes}). */
public final class AttributionClient {
  private final LedgerClient client;

  public AttributionClient(LedgerClient client) {
    this.client = client;
  }

  public AttributionParams params() {
    return client.get("/api/attribution/params", AttributionParams.class);
  }

  /** The attribution of a request: the record kept by the node and the chain's payouts. */
  public Optional<AttributionView> show(String requestId) {
    return client.getOptional("/api/attribution/" + encode(requestId), AttributionView.class);
  }

  /** Has the node recompute the request's attribution from its recorded inputs and compare. */
  public VerifyView verify(String requestId) {
    String path = "/api/attribution/" + encode(requestId) + "/verify";
    HttpRequest req =
        HttpRequest.newBuilder(client.base().resolve(path))
            .timeout(LedgerClient.REQUEST_TIMEOUT)
            .POST(HttpRequest.BodyPublishers.noBody())
            .build();
    return client
        .<VerifyView>send(req, Json.mapper().constructType(VerifyView.class), "POST " + path)
        .orElseThrow(
            () ->
                new ClientException.ApiError(
                    404,
                    "not_found",
                    "no attribution of " + requestId + " is recorded on this node"));
  }

  /**
   * What a contributor earned through attribution: totals, per Datanet and model version, and its
   * latest {@code limit} paid inferences.
   */
  public EarningsView earnings(Address contributor, int limit) {
    return client.get(
        "/api/attribution/by-contributor/" + contributor + "?limit=" + limit, EarningsView.class);
  }

  /**
   * A contributor's penalty score against a model version's Datanets ({@code NAME@VERSION}), or
   * with no model, its flagged rows.
   */
  public PenaltyScore penalty(Address contributor, Optional<String> model) {
    return client.get(
        "/api/attribution/penalties/"
            + contributor
            + model.map(m -> "?model=" + encode(m)).orElse(""),
        PenaltyScore.class);
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
