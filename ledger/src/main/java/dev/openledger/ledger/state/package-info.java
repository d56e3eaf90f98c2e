/**
 * The ledger state: a sorted key-value map with per-module namespaces, read through {@link
 * dev.openledger.ledger.state.StateReader} and changed through {@link
 * dev.openledger.ledger.state.State}, with copy-on-write {@link
 * dev.openledger.ledger.state.StateOverlay}s for transactions and blocks.
 *
 * <p>Invariants: keys are ordered by unsigned bytes and iteration follows that order (never hash
 * order); every key of a module starts with its namespace {@code name + "/"}, and no namespace is a
 * prefix of another; an overlay's writes reach its base only through {@link
 * dev.openledger.ledger.state.StateOverlay#commitTo}.
 */
package dev.openledger.ledger.state;
