package dev.openledger.ledger.engine;

import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * How an embedded engine runs (not chain rules: those are in genesis).
 *
 * @param verifierThreads workers checking signatures before ordering
 * @param mempool pending-transaction bounds
 * @param clockMillis the sequencer's clock, read only to stamp new blocks (never by execution)
 */
public record EngineOptions(int verifierThreads, MempoolLimits mempool, LongSupplier clockMillis) {
  public EngineOptions {
    if (verifierThreads < 1) {
      throw new IllegalArgumentException("verifierThreads must be at least 1");
    }
    Objects.requireNonNull(mempool, "mempool");
    Objects.requireNonNull(clockMillis, "clockMillis");
  }

  /** A worker per available core, default mempool bounds, the system clock. */
  public static EngineOptions defaults() {
    return new EngineOptions(
        Runtime.getRuntime().availableProcessors(),
        MempoolLimits.defaults(),
        System::currentTimeMillis);
  }
}
