/**
 * The governance module: an OpenZeppelin Governor (settings, simple counting, votes at a snapshot,
 * quorum fraction, timelock; a grace period after which a queued proposal expires) on the
 * block-time clock, whose proposals carry ledger messages that execute with the governance
 * authority as their sender.
 *
 * <p>Invariants: a proposal's state is a function of its record, the voting-power checkpoints and
 * the time; each account votes at most once per proposal with its power at the snapshot; a
 * proposal's messages take effect all together or not at all, and only from a queued proposal whose
 * timelock has passed.
 */
package dev.openledger.ledger.gov;
