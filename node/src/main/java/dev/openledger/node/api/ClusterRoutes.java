package dev.openledger.node.api;

import dev.openledger.core.crypto.Address;
import dev.openledger.ledger.cluster.ClusterStatus;
import dev.openledger.ledger.cluster.RatisEngine;
import dev.openledger.ledger.cluster.SignedEvidence;
import dev.openledger.ledger.engine.StateSnapshot;
import dev.openledger.ledger.membership.MembershipModule;
import dev.openledger.ledger.membership.Validator;
import dev.openledger.ledger.membership.ValidatorSet;
import dev.openledger.ledger.staking.Jail;
import dev.openledger.ledger.staking.Purpose;
import dev.openledger.ledger.staking.StakingModule;
import dev.openledger.node.api.view.ClusterValidatorsView;
import dev.openledger.node.api.view.ClusterView;
import dev.openledger.node.api.view.EvidenceView;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRouting;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A validator's cluster routes.
 *
 * <pre>
 * GET /api/cluster              role, leader, term, applied/commit index, snapshot, attested height, peers
 * GET /api/cluster/validators   the validator set in the chain's state, with stakes and jails
 * GET /api/cluster/evidence     the evidence this validator recorded, and what it did towards slashing
 * </pre>
 *
 * <p>The validator set changes by governance ({@code cluster/add_validator}, {@code cluster/remove_validator}
 * in a proposal), through {@code POST /api/tx} like any transaction.
 */
public final class ClusterRoutes implements RouteModule {
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
    r.get("/api/cluster/validators", this::validators);
    r.get("/api/cluster/evidence", this::evidence);
  }

  private void evidence(Context ctx) {
    List<EvidenceView> out = new ArrayList<>();
    for (SignedEvidence e : engine.evidence()) {
      out.add(EvidenceView.of(e, engine.validators(), engine.slashReport(e.hash())));
    }
    ctx.json(out);
  }

  private void validators(Context ctx) {
    StateSnapshot snap = engine.reader().snapshot();
    long now = snap.header().header().timeMillis();
    StakingModule staking = engine.chain().module(StakingModule.class);
    ValidatorSet set = engine.chain().module(MembershipModule.class).validators(snap).orElseThrow();
    List<ClusterValidatorsView.Member> out = new ArrayList<>();
    for (Validator v : set.members()) {
      Address account = v.key().address();
      Optional<Jail> jail = staking.jail(snap, account, Purpose.VALIDATOR).filter(j -> j.activeAt(now));
      out.add(new ClusterValidatorsView.Member(
          v.id(), v.key(), account, v.address(), staking.roleStake(snap, account, Purpose.VALIDATOR, now), jail.map(Jail::untilMillis), jail.map(Jail::tombstoned).orElse(false)));
    }
    ctx.json(new ClusterValidatorsView(snap.header().header().height(), set.version(), out));
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
