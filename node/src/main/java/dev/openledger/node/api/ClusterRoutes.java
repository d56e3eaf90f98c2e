package dev.openledger.node.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openledger.core.Hex;
import dev.openledger.core.codec.DecodeException;
import dev.openledger.core.json.Json;
import dev.openledger.ledger.cluster.ApplyOutcome;
import dev.openledger.ledger.cluster.ClusterEntry;
import dev.openledger.ledger.cluster.ClusterStatus;
import dev.openledger.ledger.cluster.MembershipChange;
import dev.openledger.ledger.cluster.RatisEngine;
import dev.openledger.ledger.cluster.SignedEvidence;
import dev.openledger.node.api.view.ClusterView;
import dev.openledger.node.api.view.EvidenceView;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRouting;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A validator's cluster routes.
 *
 * <pre>
 * GET  /api/cluster              role, leader, term, applied/commit index, snapshot, attested height, peers
 * GET  /api/cluster/evidence     the evidence this validator recorded (signed, hex-encoded for slashing)
 * POST /api/cluster/membership   {"change": "&lt;hex of an admin-signed membership change&gt;"} → its outcome
 * </pre>
 */
public final class ClusterRoutes implements RouteModule {
  private static final long MEMBERSHIP_TIMEOUT_SECONDS = 60;

  private final RatisEngine engine;
  private final Map<String, String> apiUrls;

  /** @param apiUrls peers' API URLs by id, for status */
  public ClusterRoutes(RatisEngine engine, Map<String, String> apiUrls) {
    this.engine = engine;
    this.apiUrls = Map.copyOf(apiUrls);
  }

  /** The view {@code /api/status} and {@code /api/cluster} show. */
  public ClusterView view() {
    return ClusterView.of(engine.clusterStatus(), apiUrls);
  }

  @Override
  public void routes(JavalinDefaultRouting r) {
    r.get("/api/cluster", ctx -> ctx.json(view()));
    r.get("/api/cluster/evidence", this::evidence);
    r.post("/api/cluster/membership", this::membership);
  }

  private void evidence(Context ctx) {
    List<EvidenceView> out = new ArrayList<>();
    for (SignedEvidence e : engine.evidence()) {
      out.add(EvidenceView.of(e, engine.validators()));
    }
    ctx.json(out);
  }

  private void membership(Context ctx) {
    JsonNode body;
    try {
      body = Json.mapper().readTree(ctx.bodyAsBytes());
    } catch (IOException e) {
      throw ApiException.badRequest("malformed_json", "the body is not JSON: " + Params.firstLine(e.getMessage()));
    }
    if (body == null || !body.isObject() || body.size() != 1 || !body.has("change") || !body.get("change").isTextual()) {
      throw ApiException.badRequest("malformed_json", "the body must be {\"change\": \"<hex of a signed membership change>\"}");
    }
    MembershipChange change;
    try {
      ClusterEntry entry = ClusterEntry.decode(Hex.decode(body.get("change").asText()));
      if (!(entry instanceof MembershipChange m)) {
        throw ApiException.badRequest("malformed", "the entry is not a membership change");
      }
      change = m;
    } catch (DecodeException | IllegalArgumentException e) {
      throw ApiException.badRequest("malformed", "not a membership change: " + e.getMessage());
    }
    ApplyOutcome outcome;
    try {
      outcome = engine.changeMembership(change).get(MEMBERSHIP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiException(503, "unavailable", "the node is shutting down");
    } catch (ExecutionException | TimeoutException e) {
      throw new ApiException(503, "unavailable", "the change was not committed (no leader?): " + (e.getCause() == null ? e : e.getCause().getMessage()));
    }
    if (!outcome.isApplied()) {
      throw new ApiException(409, outcome.code(), outcome.message());
    }
    ctx.json(Map.of("code", outcome.code(), "message", outcome.message(), "validatorSetVersion", engine.validators().version()));
  }

  @Override
  public void metrics(MetricsWriter out) {
    ClusterStatus s = engine.clusterStatus();
    out.metric("openledger_cluster_leader", "gauge", "1 while this validator leads.", s.role().equals("LEADER") ? 1 : 0)
        .metric("openledger_cluster_term", "gauge", "Raft term.", s.term())
        .metric("openledger_cluster_applied_index", "gauge", "Last log entry applied here.", s.appliedIndex())
        .metric("openledger_cluster_commit_index", "gauge", "Last log entry known committed.", s.commitIndex())
        .metric("openledger_cluster_snapshot_index", "gauge", "Log position of the newest snapshot.", s.snapshotIndex())
        .metric("openledger_cluster_attested_height", "gauge", "Latest block whose state root a quorum of validators signed.", s.attestedHeight())
        .metric("openledger_cluster_peers", "gauge", "Members of the Raft group.", s.peers().size())
        .metric("openledger_cluster_snapshots_installed_total", "counter", "Snapshots installed from a leader since start.", s.snapshotsInstalled())
        .metric("openledger_cluster_halted", "gauge", "1 when this replica stopped applying blocks after a divergence.", s.halted().isPresent() ? 1 : 0)
        .metric("openledger_cluster_evidence", "gauge", "Evidence of validator misbehaviour held by this node.", s.evidence());
  }
}
