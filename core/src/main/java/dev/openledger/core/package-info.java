/**
 * Primitives every other module builds on: byte helpers, {@link dev.openledger.core.Result}.
 *
 * <p>Invariant: nothing in {@code dev.openledger.core} imports another project module.
 */
package dev.openledger.core;
