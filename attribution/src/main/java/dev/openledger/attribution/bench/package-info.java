/**
 * The attribution benchmark ({@code openledger bench attribution [--json]}): gradient-track latency
 * at 10k and 100k stored rows, span lookup over a 10M-token index, store bytes per row, index build
 * time.
 *
 * <p>Invariant: benchmarks only measure; every figure they print comes from a run of the same code
 * the node uses, on inputs generated from fixed seeds (plus the Brown corpus for the span index).
 */
package dev.openledger.attribution.bench;
