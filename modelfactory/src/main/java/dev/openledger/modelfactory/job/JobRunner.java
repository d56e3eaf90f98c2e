package dev.openledger.modelfactory.job;

import java.io.IOException;
import java.util.function.BooleanSupplier;

/**
 * Runs one job to its end, resuming where an earlier attempt stopped; the {@link Worker} calls it.
 */
public interface JobRunner {

  /** How a run ended (a failure is an exception). */
  sealed interface Outcome permits Succeeded, Interrupted {}

  /** The job produced a model. */
  record Succeeded(JobResult result) implements Outcome {}

  /** The run stopped early because {@code stop} turned true; its last checkpoint is on disk. */
  record Interrupted(int step) implements Outcome {}

  /**
   * Runs {@code job}.
   *
   * @param stop polled between steps: cancel requested or the worker shutting down
   * @throws IOException when the job's files cannot be read or written (the job fails with the
   *     message)
   */
  Outcome run(JobRecord job, BooleanSupplier stop) throws IOException;

  /** Removes a job's work files once it has ended (cancelled, failed or succeeded). */
  void cleanup(JobRecord job) throws IOException;
}
