/**
 * The serving benchmark ({@link dev.openledger.openlora.bench.ServeBench}: S-LoRA-style workload,
 * power-law model popularity, Poisson arrivals, against merged-swap and copy-per-adapter baselines)
 * and the synthetic base models and adapters it and the tests are built from ({@link
 * dev.openledger.openlora.bench.SyntheticModels}).
 *
 * <p>Invariants: synthetic models are a pure function of their seeds; timing lives here, never in
 * tests.
 */
package dev.openledger.openlora.bench;
