package dev.openledger.modelfactory;

import dev.openledger.ml.tensor.Kernels;
import dev.openledger.modelfactory.run.RunSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

/**
 * Where and how ModelFactory works.
 *
 * @param dataDir its directory: {@code jobs/}, {@code bases/}, {@code artifacts/}, {@code models/}
 * @param kernels the compute kernels training runs on
 * @param run checkpoint cadence
 * @param clock wall clock for job timestamps (display only)
 */
public record ModelFactoryConfig(Path dataDir, Kernels kernels, RunSettings run, Clock clock) {
  public ModelFactoryConfig {
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(kernels, "kernels");
    Objects.requireNonNull(run, "run");
    Objects.requireNonNull(clock, "clock");
  }
}
