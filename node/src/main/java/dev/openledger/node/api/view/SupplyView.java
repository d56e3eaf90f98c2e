package dev.openledger.node.api.view;

import dev.openledger.core.money.Amount;
import java.util.Map;

/**
 * {@code GET /api/supply}.
 *
 * @param height the block it is read at
 * @param initial genesis supply
 * @param burned burned since
 * @param total initial minus burned
 * @param treasury the treasury's balance
 * @param circulating total minus module-account balances
 * @param moduleAccounts balances of module accounts by name (allocation pools, treasury, later
 *     escrows)
 */
public record SupplyView(
    long height,
    Amount initial,
    Amount burned,
    Amount total,
    Amount treasury,
    Amount circulating,
    Map<String, Amount> moduleAccounts) {}
