/**
 * The ledger replicated over Apache Ratis (Raft): {@link dev.openledger.ledger.cluster.RatisEngine} orders
 * blocks through the replicated log and every validator applies them to its own store.
 *
 * <p>Invariants: the log carries signed block proposals, signed state-root attestations and admin-signed
 * membership changes ({@link dev.openledger.ledger.cluster.ClusterEntry}); applying an entry depends only on
 * the entry and the replica's store, so every replica that applies the same log holds the same blocks and
 * state roots; a block and the log position it came from are written in one atomic batch, so a replay after
 * a crash neither loses nor applies twice; a replica whose execution disagrees with a proposal stops
 * applying rather than store a state it cannot attest, and the disagreement becomes signed evidence.
 */
package dev.openledger.ledger.cluster;
