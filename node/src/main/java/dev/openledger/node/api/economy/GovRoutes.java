package dev.openledger.node.api.economy;

import dev.openledger.core.crypto.Address;
import dev.openledger.core.money.Amount;
import dev.openledger.ledger.engine.LedgerEngine;
import dev.openledger.ledger.engine.StateSnapshot;
import dev.openledger.ledger.gov.GovModule;
import dev.openledger.ledger.gov.Proposal;
import dev.openledger.ledger.gov.ProposalState;
import dev.openledger.ledger.gov.VoteReceipt;
import dev.openledger.node.api.ApiException;
import dev.openledger.node.api.Params;
import dev.openledger.node.api.RouteModule;
import dev.openledger.node.api.economy.GovViews.ProposalAtView;
import dev.openledger.node.api.economy.GovViews.ProposalView;
import dev.openledger.node.api.economy.GovViews.ProposalsView;
import dev.openledger.node.api.economy.GovViews.VoteView;
import dev.openledger.node.api.economy.GovViews.VotesView;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRouting;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Governance reads.
 *
 * <pre>
 * GET /api/gov/params                    voting delay and period, threshold, quorum, timelock, grace period
 * GET /api/gov/proposals[?state=S]       every proposal (or those in state S) with state and tally
 * GET /api/gov/proposals/{id}            one proposal
 * GET /api/gov/proposals/{id}/votes      its votes
 * </pre>
 */
public final class GovRoutes implements RouteModule {
  private final LedgerEngine engine;
  private final GovModule gov;

  public GovRoutes(LedgerEngine engine) {
    this.engine = engine;
    this.gov = engine.chain().module(GovModule.class);
  }

  @Override
  public void routes(JavalinDefaultRouting r) {
    r.get("/api/gov/params", ctx -> ctx.json(gov.params(engine.reader().snapshot())));
    r.get("/api/gov/proposals", this::list);
    r.get("/api/gov/proposals/{id}", this::one);
    r.get("/api/gov/proposals/{id}/votes", this::votes);
  }

  private void list(Context ctx) {
    String filter = ctx.queryParam("state");
    if (filter != null) {
      try {
        ProposalState.valueOf(filter.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw ApiException.badRequest(
            "bad_state",
            "state must be one of pending, active, canceled, defeated, succeeded, queued, expired, executed; got '"
                + filter
                + "'");
      }
    }
    StateSnapshot snap = engine.reader().snapshot();
    long now = StakingRoutes.now(snap);
    List<ProposalView> out = new ArrayList<>();
    for (Proposal p : gov.proposals(snap).values()) {
      ProposalView v = view(snap, p, now);
      if (filter == null || v.state().equals(filter.toLowerCase(Locale.ROOT))) {
        out.add(v);
      }
    }
    ctx.json(new ProposalsView(snap.header().header().height(), now, out));
  }

  private void one(Context ctx) {
    StateSnapshot snap = engine.reader().snapshot();
    Proposal p = find(snap, ctx);
    long now = StakingRoutes.now(snap);
    ctx.json(new ProposalAtView(snap.header().header().height(), now, view(snap, p, now)));
  }

  private void votes(Context ctx) {
    StateSnapshot snap = engine.reader().snapshot();
    Proposal p = find(snap, ctx);
    List<VoteView> out = new ArrayList<>();
    for (Map.Entry<Address, VoteReceipt> e : gov.votes(snap, p.id()).entrySet()) {
      out.add(
          new VoteView(
              e.getKey(),
              e.getValue().support().name().toLowerCase(Locale.ROOT),
              e.getValue().weight()));
    }
    ctx.json(new VotesView(p.id(), out));
  }

  private Proposal find(StateSnapshot snap, Context ctx) {
    long id = Params.nonNegativeLong(ctx.pathParam("id"), "id");
    return gov.proposal(snap, id).orElseThrow(() -> ApiException.notFound("no proposal " + id));
  }

  /**
   * The view of a proposal at {@code now}; the total power is known once the snapshot has passed.
   */
  static ProposalView view(StateSnapshot snap, GovModule gov, Proposal p, long now) {
    Amount total = p.snapshotMillis() < now ? gov.totalPowerAtSnapshot(snap, p) : null;
    return ProposalView.of(p, gov.state(snap, p, now), total);
  }

  private ProposalView view(StateSnapshot snap, Proposal p, long now) {
    return view(snap, gov, p, now);
  }
}
