package dev.openledger.node.api.economy;

import dev.openledger.core.crypto.Address;
import dev.openledger.core.money.Amount;
import java.util.List;
import java.util.Map;

/**
 * What one account has earned since genesis, by role ({@code GET /api/economy/rewards/{address}}).
 *
 * @param address the account
 * @param height the block the figures are at
 * @param total all its rewards
 * @param byKind its lifetime rewards per kind: {@code staking_interest}, {@code contributor} (paid
 *     by attribution), {@code developer} and {@code provider} (their shares of inference fees)
 * @param developed the models it developed (latest version of each name), with their usage
 */
public record AccountRewardsView(
    Address address,
    long height,
    Amount total,
    Map<String, Amount> byKind,
    List<DevelopedModel> developed) {

  /**
   * A model the account developed.
   *
   * @param name its name
   * @param version its latest version by this developer
   * @param state that version's state ({@code registered}, {@code proposed}, {@code approved},
   *     {@code rejected}, {@code retired})
   * @param inferences paid inferences of the name, all versions
   * @param fees their fees, all versions
   */
  public record DevelopedModel(
      String name, int version, String state, long inferences, Amount fees) {}
}
