/**
 * Engines order transactions into blocks; everything else is shared. {@link
 * dev.openledger.ledger.engine.LedgerEngine} is what the node and clients use: submit a signed
 * transaction and get its admission and, later, its outcome; read blocks, transactions, state and
 * proofs through {@link dev.openledger.ledger.engine.ChainReader}; subscribe to committed blocks.
 * {@link dev.openledger.ledger.engine.EmbeddedEngine} is the single in-process sequencer; a
 * replicated engine reuses {@link dev.openledger.ledger.engine.Chain} (the state machine and the
 * block executor) and the same store.
 *
 * <p>Invariants: a transaction's outcome future completes only after its block is durably stored;
 * signature checks happen on worker threads before ordering, never inside block execution; the
 * sequencer's block times never go backwards.
 */
package dev.openledger.ledger.engine;
