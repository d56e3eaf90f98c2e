/**
 * The chain: signed transactions, blocks, the deterministic state machine and its modules, the
 * state commitment, storage and the engines that order transactions.
 *
 * <p>Invariant: the ledger never imports ML code; it records hashes, scores and money that
 * off-chain services compute and submit as signed transactions.
 */
package dev.openledger.ledger;
