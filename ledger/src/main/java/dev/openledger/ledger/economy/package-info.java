/**
 * The economy's health figures, kept on chain: counters that the other modules feed through {@link
 * dev.openledger.ledger.economy.EconomyMetrics} (rewards, inferences, models, treasury flows,
 * votes), and at every epoch boundary a summary of concentration (Gini, Nakamoto coefficients, top
 * shares) and reward distribution computed in exact integer arithmetic.
 *
 * <p>Invariants: every figure is derived deterministically from state inside block execution, so
 * replicas and replays agree; an epoch is summarised once, at the first block after it ends, before
 * that block's transactions; counters only grow.
 */
package dev.openledger.ledger.economy;
