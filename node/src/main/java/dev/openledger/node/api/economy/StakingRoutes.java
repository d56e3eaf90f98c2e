package dev.openledger.node.api.economy;

import dev.openledger.core.crypto.Address;
import dev.openledger.core.money.Amount;
import dev.openledger.ledger.engine.LedgerEngine;
import dev.openledger.ledger.engine.StateSnapshot;
import dev.openledger.ledger.staking.Jail;
import dev.openledger.ledger.staking.Position;
import dev.openledger.ledger.staking.Purpose;
import dev.openledger.ledger.staking.StakingModule;
import dev.openledger.ledger.staking.Unbonding;
import dev.openledger.ledger.staking.VotingPower;
import dev.openledger.node.api.ApiException;
import dev.openledger.node.api.MetricsWriter;
import dev.openledger.node.api.Params;
import dev.openledger.node.api.RouteModule;
import dev.openledger.node.api.economy.StakingViews.JailView;
import dev.openledger.node.api.economy.StakingViews.PoolView;
import dev.openledger.node.api.economy.StakingViews.PoolsView;
import dev.openledger.node.api.economy.StakingViews.PositionView;
import dev.openledger.node.api.economy.StakingViews.StakingAccountView;
import dev.openledger.node.api.economy.StakingViews.UnbondingView;
import dev.openledger.node.api.economy.StakingViews.ValidatorView;
import dev.openledger.node.api.economy.StakingViews.ValidatorsView;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRouting;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Staking reads.
 *
 * <pre>
 * GET /api/staking/pools              every pool and its terms
 * GET /api/staking/params             slashing parameters
 * GET /api/staking/accounts/{addr}    positions (with accrued value), unbondings, voting units, delegate, votes, jails
 * GET /api/staking/positions/{id}     one position, active or in its cooldown
 * GET /api/staking/validators         the validator set
 * </pre>
 */
public final class StakingRoutes implements RouteModule {
  private final LedgerEngine engine;
  private final StakingModule staking;

  public StakingRoutes(LedgerEngine engine) {
    this.engine = engine;
    this.staking = engine.chain().module(StakingModule.class);
  }

  @Override
  public void routes(JavalinDefaultRouting r) {
    r.get("/api/staking/pools", this::pools);
    r.get("/api/staking/params", ctx -> ctx.json(staking.params(engine.reader().snapshot())));
    r.get("/api/staking/accounts/{address}", this::account);
    r.get("/api/staking/positions/{id}", this::position);
    r.get("/api/staking/validators", this::validators);
  }

  /** Time-dependent values are evaluated at what the next block would see. */
  static long now(StateSnapshot snap) {
    return Math.max(snap.header().header().timeMillis(), System.currentTimeMillis());
  }

  private void pools(Context ctx) {
    StateSnapshot snap = engine.reader().snapshot();
    List<PoolView> pools = new ArrayList<>();
    staking.pools(snap).forEach((id, cfg) -> pools.add(new PoolView(id, cfg)));
    ctx.json(new PoolsView(snap.header().header().height(), pools));
  }

  private void account(Context ctx) {
    Address address = Params.address(ctx.pathParam("address"));
    StateSnapshot snap = engine.reader().snapshot();
    long now = now(snap);
    List<PositionView> positions = new ArrayList<>();
    for (Position p : staking.positions(snap, address)) {
      positions.add(PositionView.of(p, now));
    }
    List<UnbondingView> unbondings = new ArrayList<>();
    for (Unbonding u : staking.unbondings(snap, address)) {
      unbondings.add(UnbondingView.of(u, now));
    }
    List<JailView> jails = new ArrayList<>();
    for (Purpose p : Purpose.values()) {
      Optional<Jail> j = staking.jail(snap, address, p);
      j.ifPresent(jail -> jails.add(JailView.of(p, jail, now)));
    }
    VotingPower vp = staking.votingPower();
    ctx.json(
        new StakingAccountView(
            address,
            snap.header().header().height(),
            now,
            positions,
            unbondings,
            vp.units(snap, address),
            vp.delegateOf(snap, address),
            vp.votes(snap, address),
            jails));
  }

  private void position(Context ctx) {
    long id = Params.nonNegativeLong(ctx.pathParam("id"), "id");
    StateSnapshot snap = engine.reader().snapshot();
    long now = now(snap);
    Optional<Position> p = staking.position(snap, id);
    if (p.isPresent()) {
      ctx.json(PositionView.of(p.get(), now));
      return;
    }
    Unbonding u =
        staking
            .unbonding(snap, id)
            .orElseThrow(
                () -> ApiException.notFound("no position " + id + " (active or in its cooldown)"));
    ctx.json(UnbondingView.of(u, now));
  }

  private void validators(Context ctx) {
    StateSnapshot snap = engine.reader().snapshot();
    List<ValidatorView> out = new ArrayList<>();
    for (Map.Entry<Address, Amount> e : staking.validators(snap, now(snap)).entrySet()) {
      out.add(new ValidatorView(e.getKey(), e.getValue()));
    }
    ctx.json(new ValidatorsView(snap.header().header().height(), out));
  }

  @Override
  public void metrics(MetricsWriter out) {
    StateSnapshot snap = engine.reader().snapshot();
    out.metric(
        "openledger_staked_open",
        "gauge",
        "OPEN staked in active positions.",
        staking.votingPower().total(snap).nano() / 1e9);
  }
}
