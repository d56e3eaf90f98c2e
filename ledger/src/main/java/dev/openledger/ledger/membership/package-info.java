/**
 * The validator set of a replicated chain as chain state (the {@code cluster} module): which validators
 * propose blocks and attest state roots, with the key each signs with and the Raft address its node
 * listens on. The set starts as the genesis section {@code modules.cluster} and changes only by governance
 * ({@code cluster/add_validator}, {@code cluster/remove_validator} with the governance authority as sender).
 *
 * <p>Invariants: a chain with a cluster section always holds a valid, non-empty set whose version grows by
 * one per change; a chain without one holds none and refuses changes; the set changes only inside a block,
 * so every replica that applied the same blocks holds the same set.
 */
package dev.openledger.ledger.membership;
