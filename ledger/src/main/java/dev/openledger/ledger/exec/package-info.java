/**
 * Deterministic execution: ledger modules and their registration ({@link
 * dev.openledger.ledger.exec.LedgerModule}), the {@link dev.openledger.ledger.exec.StateMachine}
 * that applies one transaction, and the {@link dev.openledger.ledger.exec.BlockExecutor} that
 * applies an ordered list of transactions to a parent state and computes the block's roots. Engines
 * order transactions; this package only applies them, so every engine (embedded sequencer, Raft)
 * shares it.
 *
 * <p>Invariants: execution reads time, height and proposer only from the {@link
 * dev.openledger.ledger.exec.BlockContext} (never a clock), iterates only sorted collections, and
 * produces the same receipts, state changes and roots for the same parent state and transactions; a
 * transaction whose message fails changes only the sender's nonce and fee; module code never throws
 * for bad input (failures are {@link dev.openledger.core.Result} values with a reason code).
 */
package dev.openledger.ledger.exec;
