package dev.openledger.modelfactory.job;

/**
 * What a listener hears about jobs; the HTTP layer streams these as server-sent events named by
 * {@link #type()}, and the CLI draws its progress bar from them. Progress figures that depend on
 * the clock (tokens per second, ETA) live only here, never in a job's artifacts.
 */
public sealed interface JobEvent permits JobEvent.StateChanged, JobEvent.Phase, JobEvent.Progress {

  /** The job the event is about. */
  long jobId();

  /** The event's name on the wire ({@code state}, {@code phase}, {@code progress}). */
  String type();

  /**
   * A job moved to a new state.
   *
   * @param detail the error message for FAILED, the model for SUCCEEDED, else empty
   */
  record StateChanged(long jobId, JobState state, String detail) implements JobEvent {
    @Override
    public String type() {
      return "state";
    }
  }

  /**
   * A running job entered a phase: {@code preparing}, {@code training}, {@code gradients} (sealing
   * the gradient store), {@code evaluating}, {@code artifacts}.
   *
   * @param resumedFromStep the checkpoint step training continues from (0 for a fresh start)
   */
  record Phase(long jobId, String phase, int resumedFromStep) implements JobEvent {
    @Override
    public String type() {
      return "phase";
    }
  }

  /**
   * One optimizer step done.
   *
   * @param step steps done (1-based)
   * @param totalSteps steps in the run
   * @param epoch epochs done, fractional
   * @param epochs epochs in the run
   * @param loss the step's mean token loss
   * @param learningRate the step's learning rate
   * @param tokensPerSecond scored tokens per second in this process so far
   * @param etaSeconds estimated seconds to the end of training (-1 before a rate is known)
   */
  record Progress(
      long jobId,
      int step,
      int totalSteps,
      double epoch,
      int epochs,
      float loss,
      float learningRate,
      double tokensPerSecond,
      long etaSeconds)
      implements JobEvent {
    @Override
    public String type() {
      return "progress";
    }

    /** Fraction of training done, in [0, 1]. */
    public double fraction() {
      return totalSteps == 0 ? 1 : (double) step / totalSteps;
    }
  }
}
