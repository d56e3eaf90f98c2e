package dev.openledger.modelfactory.registry;

import java.util.Objects;

/**
 * A finished model in the local catalog.
 *
 * @param registration what goes on chain
 * @param jobId the job that produced it
 * @param createdAtMillis when the job finished (wall clock, for display)
 * @param evaluation the evaluation report's one-line summary
 */
public record ModelRecord(
    ModelRegistration registration, long jobId, long createdAtMillis, String evaluation) {
  public ModelRecord {
    Objects.requireNonNull(registration, "registration");
    Objects.requireNonNull(evaluation, "evaluation");
  }

  public String name() {
    return registration.name();
  }

  public int version() {
    return registration.version();
  }
}
