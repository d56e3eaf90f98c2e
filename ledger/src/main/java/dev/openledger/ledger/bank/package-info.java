/**
 * The bank module: account balances and nonces, the fixed supply and burns, transfers, the fee
 * charge before every message and its split between the treasury and the staking rewards reserve,
 * the inference fee split ({@link dev.openledger.ledger.bank.FeeSplitter}), vesting of genesis
 * allocations, governed spending from module accounts, and the registry of module accounts
 * (treasury, allocation pools, escrows).
 *
 * <p>Invariants: OPEN exists only as account balances (modules escrow through module accounts), so
 * the sum of all balances equals the initial supply minus everything burned, to the nano-OPEN; an
 * account's nonce only grows, and an account that has sent a transaction is never deleted (its
 * nonce is what makes a replay fail); the vesting account holds exactly what the vesting schedules
 * have not released; fee and inference fee splits pay out exactly the amount taken, rounding dust
 * to the treasury.
 */
package dev.openledger.ledger.bank;
