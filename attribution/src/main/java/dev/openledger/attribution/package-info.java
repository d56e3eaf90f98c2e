/**
 * Proof of Attribution: per-example gradient stores, DataInf and TracIn scoring, the suffix-array
 * span index, and aggregation of scores into contributor shares.
 *
 * <p>Invariant: every score is a deterministic function of recorded inputs, so anyone can recompute
 * it.
 */
package dev.openledger.attribution;
