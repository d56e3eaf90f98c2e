package dev.openledger.modelfactory.run;

/**
 * How often a run checkpoints: after every {@code everySteps} steps, or sooner once {@code
 * everySeconds} have passed since the last checkpoint, and always after the last step. Neither
 * changes the results (a resumed run is exact from any step); they bound how much work a crash
 * loses.
 *
 * @param everySteps steps between checkpoints (at least 1)
 * @param everySeconds seconds between checkpoints (at least 1)
 */
public record RunSettings(int everySteps, int everySeconds) {
  public RunSettings {
    if (everySteps < 1 || everySeconds < 1) {
      throw new IllegalArgumentException("checkpoint intervals must be positive");
    }
  }

  /** Every 50 steps or 60 seconds. */
  public static RunSettings defaults() {
    return new RunSettings(50, 60);
  }
}
