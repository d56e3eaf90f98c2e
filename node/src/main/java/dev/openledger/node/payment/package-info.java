/**
 * The payment module over HTTP: channels, API key bindings and settled batches read from the chain,
 * and the chain's check of a usage receipt against a settled batch.
 *
 * <p>Invariant: every answer is read from one committed state snapshot; nothing here writes chain
 * state.
 */
package dev.openledger.node.payment;
