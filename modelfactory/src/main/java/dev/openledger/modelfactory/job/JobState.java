package dev.openledger.modelfactory.job;

/**
 * Where a job is in its life: {@code QUEUED → RUNNING → SUCCEEDED | FAILED | CANCELLED}; a queued
 * job may also be cancelled directly. A job found {@code RUNNING} when the queue opens was
 * interrupted (crash, kill) and is resumed from its last checkpoint.
 */
public enum JobState {
  QUEUED,
  RUNNING,
  SUCCEEDED,
  FAILED,
  CANCELLED;

  /** Whether the job has ended (no further transitions). */
  public boolean isFinal() {
    return this == SUCCEEDED || this == FAILED || this == CANCELLED;
  }
}
