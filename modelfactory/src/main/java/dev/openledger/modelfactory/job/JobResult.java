package dev.openledger.modelfactory.job;

import dev.openledger.core.crypto.Hash;
import java.util.Objects;

/**
 * What a successful job produced.
 *
 * @param model the model's name
 * @param version its version in the catalog
 * @param artifacts the artifacts hash
 * @param adapter the adapter's PEFT content hash
 * @param evaluation the evaluation report's one-line summary
 */
public record JobResult(
    String model, int version, Hash artifacts, Hash adapter, String evaluation) {
  public JobResult {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(artifacts, "artifacts");
    Objects.requireNonNull(adapter, "adapter");
    Objects.requireNonNull(evaluation, "evaluation");
  }
}
