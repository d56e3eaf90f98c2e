/**
 * The per-example gradient store: one gradient vector per training row and per checkpoint, written
 * while the adapter trains, sealed, then memory-mapped for scoring.
 *
 * <p>Invariants: a vector follows a {@link dev.openledger.attribution.grad.SegmentLayout} (one
 * segment per LoRA tensor); the optional random projection is a pure function of its seed and is
 * never materialised; every checkpoint holds the same rows in the same order; a sealed store is
 * identified by the SHA-256 of its bytes, checked on every open, so a tampered store is refused.
 */
package dev.openledger.attribution.grad;
