package dev.openledger.ledger.bank;

import dev.openledger.core.money.Amount;
import java.util.Map;
import java.util.Objects;

/**
 * The supply as the API reports it.
 *
 * @param initial the genesis supply
 * @param burned burned since genesis
 * @param total initial minus burned
 * @param treasury the treasury's balance (where fees go)
 * @param moduleAccounts the balance of every module account by name (treasury, allocation pools,
 *     and later staking and other escrows), in name order
 * @param circulating total minus the balances of all module accounts
 */
public record SupplyReport(
    Amount initial,
    Amount burned,
    Amount total,
    Amount treasury,
    Map<String, Amount> moduleAccounts,
    Amount circulating) {
  public SupplyReport {
    Objects.requireNonNull(initial, "initial");
    Objects.requireNonNull(burned, "burned");
    Objects.requireNonNull(total, "total");
    Objects.requireNonNull(treasury, "treasury");
    Objects.requireNonNull(moduleAccounts, "moduleAccounts");
    Objects.requireNonNull(circulating, "circulating");
  }
}
