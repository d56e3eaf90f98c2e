/**
 * The datanet benchmark ({@code openledger bench datanet [--json]}): ingestion throughput and
 * duplicate-detection cost on the Brown corpus, and the corpus reader it uses.
 *
 * <p>Invariants: inputs are deterministic (fixed corpus files, fixed seeds); timing lives here and
 * never in pass/fail tests.
 */
package dev.openledger.datanet.bench;
