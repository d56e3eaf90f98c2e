/**
 * The bank module: account balances and nonces, the fixed supply and burns, transfers, the fee charge
 * before every message, and the registry of module accounts (treasury, allocation pools).
 *
 * <p>Invariants: OPEN exists only as account balances (modules escrow through module accounts), so the
 * sum of all balances equals the initial supply minus everything burned, to the nano-OPEN; an account's
 * nonce only grows, and an account that has sent a transaction is never deleted (its nonce is what makes
 * a replay fail); fees go to the treasury module account.
 */
package dev.openledger.ledger.bank;
