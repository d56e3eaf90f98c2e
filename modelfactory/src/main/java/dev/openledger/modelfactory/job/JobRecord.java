package dev.openledger.modelfactory.job;

import dev.openledger.modelfactory.spec.FineTuneSpec;
import java.util.Objects;
import java.util.Optional;

/**
 * A job as persisted in {@code jobs/<id>/job.json}.
 *
 * @param id the job's number (1, 2, … in submission order)
 * @param spec what to train
 * @param state where the job is
 * @param createdAtMillis submission time (wall clock, for display)
 * @param updatedAtMillis time of the last state change (wall clock, for display)
 * @param attempts how many times a worker has started the job (more than 1: it was resumed)
 * @param cancelRequested a cancel was asked while it ran; it stops at the next step boundary
 * @param failure why it failed (FAILED only)
 * @param result the model it produced (SUCCEEDED only)
 */
public record JobRecord(
    long id,
    FineTuneSpec spec,
    JobState state,
    long createdAtMillis,
    long updatedAtMillis,
    int attempts,
    boolean cancelRequested,
    Optional<Failure> failure,
    Optional<JobResult> result) {

  public JobRecord {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(failure, "failure");
    Objects.requireNonNull(result, "result");
    if (id < 1) {
      throw new IllegalArgumentException("job ids start at 1");
    }
    if (failure.isPresent() != (state == JobState.FAILED)
        || result.isPresent() != (state == JobState.SUCCEEDED)) {
      throw new IllegalArgumentException(
          "a failure goes with FAILED and a result with SUCCEEDED, not with " + state);
    }
  }

  /**
   * Why a job failed.
   *
   * @param code stable reason, e.g. {@code io_error}, {@code internal_error}
   * @param message what happened
   */
  public record Failure(String code, String message) {}

  /** A new job, queued. */
  public static JobRecord queued(long id, FineTuneSpec spec, long nowMillis) {
    return new JobRecord(
        id,
        spec,
        JobState.QUEUED,
        nowMillis,
        nowMillis,
        0,
        false,
        Optional.empty(),
        Optional.empty());
  }

  /** This job started (again) by a worker. */
  public JobRecord started(long nowMillis) {
    return new JobRecord(
        id,
        spec,
        JobState.RUNNING,
        createdAtMillis,
        nowMillis,
        attempts + 1,
        cancelRequested,
        Optional.empty(),
        Optional.empty());
  }

  public JobRecord cancelRequested(long nowMillis) {
    return new JobRecord(
        id, spec, state, createdAtMillis, nowMillis, attempts, true, failure, result);
  }

  public JobRecord cancelled(long nowMillis) {
    return new JobRecord(
        id,
        spec,
        JobState.CANCELLED,
        createdAtMillis,
        nowMillis,
        attempts,
        cancelRequested,
        Optional.empty(),
        Optional.empty());
  }

  public JobRecord failed(Failure why, long nowMillis) {
    return new JobRecord(
        id,
        spec,
        JobState.FAILED,
        createdAtMillis,
        nowMillis,
        attempts,
        cancelRequested,
        Optional.of(why),
        Optional.empty());
  }

  public JobRecord succeeded(JobResult r, long nowMillis) {
    return new JobRecord(
        id,
        spec,
        JobState.SUCCEEDED,
        createdAtMillis,
        nowMillis,
        attempts,
        cancelRequested,
        Optional.empty(),
        Optional.of(r));
  }
}
