/**
 * The per-datanet contributor leaderboard, computed from contribution outcomes.
 *
 * <p>Invariants: a pure function of its input (the same outcomes in any order give the same table);
 * ties are broken by address, so the order is total and deterministic.
 */
package dev.openledger.datanet.leaderboard;
