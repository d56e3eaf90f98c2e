/**
 * Persistence of the chain: blocks, receipts, the transaction index, the flat state and the
 * state-tree nodes, behind {@link dev.openledger.ledger.store.LedgerStore} with a RocksDB
 * implementation and an in-memory one that pass the same contract tests.
 *
 * <p>Invariants: {@link dev.openledger.ledger.store.LedgerStore#commit} is atomic — after a crash
 * at any moment a reader sees either all of a block (block, receipts, index, state writes, tree
 * nodes, head) or none of it — and durable once it returns (RocksDB: one {@code WriteBatch} written
 * with {@code sync}); blocks are committed at consecutive heights only; a storage failure is thrown
 * as {@link dev.openledger.ledger.store.StorageException} with its cause, never swallowed.
 */
package dev.openledger.ledger.store;
