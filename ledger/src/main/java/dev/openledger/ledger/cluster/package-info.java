/**
 * The ledger replicated over Apache Ratis (Raft): {@link dev.openledger.ledger.cluster.RatisEngine} orders
 * blocks through the replicated log and every validator applies them to its own store.
 *
 * <p>Invariants: the log carries signed block proposals and signed attestations (each a pair of the staking
 * module's validator votes: block hash and state root) ({@link dev.openledger.ledger.cluster.ClusterEntry});
 * applying an entry depends only on the entry and the replica's store, so every replica that applies the
 * same log holds the same blocks and state roots; the validator set is chain state (module {@code cluster},
 * changed by governance), so every replica switches at the same block; a block and the log position it came
 * from are written in one atomic batch, so a replay after a crash neither loses nor applies twice; a replica
 * whose execution disagrees with a proposal stops applying rather than store a state it cannot attest, and
 * the disagreement becomes signed evidence, which validators other than the offender submit to the chain's
 * slashing when the chain's rule accepts it.
 */
package dev.openledger.ledger.cluster;
