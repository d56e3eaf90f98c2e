/**
 * Benchmarks of the engine (kernels, decoding, training), run by {@code openledger bench}. Each
 * returns a record of measured figures; nothing here is used by tests, which never time anything.
 *
 * <p>Invariants: every measurement runs after a warm-up long enough for C2 to compile the Vector
 * API paths (until then they run as slow Java fallbacks), and reports the best or median of several
 * repetitions.
 */
package dev.openledger.ml.bench;
