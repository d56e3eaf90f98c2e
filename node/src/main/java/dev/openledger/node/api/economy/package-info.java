/**
 * The token economy over HTTP: staking ({@code /api/staking/...}), governance ({@code
 * /api/gov/...}), the bank's fee split and vesting ({@code /api/bank/...}) and the economy health
 * figures ({@code /api/economy}), with their JSON shapes, which the CLI's typed client reads back.
 *
 * <p>Invariants: every figure is read from one state snapshot (the latest block) and answered with
 * that block's height; values that depend on time (accrued interest, a proposal's state, what has
 * vested) are evaluated at the node's current time, i.e. what the next block would see, never
 * earlier than the latest block's time.
 */
package dev.openledger.node.api.economy;
