/**
 * The fine-tuning benchmark: a demo-sized job (one Brown genre as a datanet, default settings) run
 * end to end in a temporary directory, timed by phase, with training throughput in scored tokens
 * per second.
 *
 * <p>Invariant: timings are reported, never asserted; the run's results are the same as any other
 * run of the same spec.
 */
package dev.openledger.modelfactory.bench;
