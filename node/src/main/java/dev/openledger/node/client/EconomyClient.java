package dev.openledger.node.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openledger.core.crypto.Address;
import dev.openledger.node.api.economy.AccountRewardsView;
import dev.openledger.node.api.economy.EconomyView;
import dev.openledger.node.api.economy.GovViews.ProposalAtView;
import dev.openledger.node.api.economy.GovViews.ProposalsView;
import dev.openledger.node.api.economy.GovViews.VotesView;
import dev.openledger.node.api.economy.StakingViews.PoolsView;
import dev.openledger.node.api.economy.StakingViews.StakingAccountView;
import java.util.Objects;
import java.util.Set;

/**
 * The staking, governance and economy routes from Java, over a {@link LedgerClient}. Thread-safe.
 */
public final class EconomyClient {
  /** The modules whose parameters {@link #params} reads. */
  public static final Set<String> PARAM_MODULES =
      Set.of("bank", "staking", "gov", "payment", "attribution");

  private final LedgerClient http;

  public EconomyClient(LedgerClient http) {
    this.http = Objects.requireNonNull(http, "http");
  }

  public PoolsView pools() {
    return http.get("/api/staking/pools", PoolsView.class);
  }

  public StakingAccountView stakingAccount(Address address) {
    return http.get("/api/staking/accounts/" + address, StakingAccountView.class);
  }

  /**
   * A module's parameters as JSON ({@code bank}, {@code staking}, {@code gov}, {@code payment} or
   * {@code attribution}).
   */
  public ObjectNode params(String module) {
    if (!PARAM_MODULES.contains(module)) {
      throw new IllegalArgumentException(
          "modules with parameters are " + PARAM_MODULES + ", not '" + module + "'");
    }
    return http.get("/api/" + module + "/params", ObjectNode.class);
  }

  /** Every proposal, or those in {@code state} when it is not null. */
  public ProposalsView proposals(String state) {
    return http.get(
        "/api/gov/proposals" + (state == null ? "" : "?state=" + state), ProposalsView.class);
  }

  public ProposalAtView proposal(long id) {
    return http.get("/api/gov/proposals/" + id, ProposalAtView.class);
  }

  public VotesView votes(long id) {
    return http.get("/api/gov/proposals/" + id + "/votes", VotesView.class);
  }

  /** What {@code address} earned since genesis, by role, and the models it developed. */
  public AccountRewardsView rewards(Address address) {
    return http.get("/api/economy/rewards/" + address, AccountRewardsView.class);
  }

  /** The economy figures with the last {@code epochs} closed epochs. */
  public EconomyView economy(int epochs) {
    return http.get("/api/economy?epochs=" + epochs, EconomyView.class);
  }
}
