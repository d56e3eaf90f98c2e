/**
 * Serving metrics per model (adapter) in the Prometheus text exposition format 0.0.4: queue length,
 * running sequences, cache hits, misses and evictions, adapter load latency, time to first token,
 * tokens and tokens per second, requests by outcome; and the cache's resident bytes against its
 * bound.
 *
 * <p>Invariants: recording is lock-free (adders and atomics) and never blocks the decode loop;
 * counters only grow.
 */
package dev.openledger.openlora.metrics;
