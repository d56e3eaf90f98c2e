/**
 * The staking module: pools after OpenLedger's staking contract (lock, cooldown, per-owner bounds,
 * annual rate compounded continuously in exact fixed point, paid from the rewards reserve),
 * positions that back roles, voting power with delegation and checkpoints, and slashing with
 * evidence.
 *
 * <p>Invariants: the {@code staking} escrow account holds exactly the principal of every active
 * position plus every unbonding amount; an owner's voting units equal its staked principal, the
 * delegates' votes sum to the total voting power, and checkpoints only ever append at
 * non-decreasing block times; interest is paid only from the rewards reserve and never more than it
 * holds; an infraction is slashed at most once.
 */
package dev.openledger.ledger.staking;
