package dev.openledger.ml.bench;

import java.util.Arrays;

/** Repeats a task: warm-up for a while, then timed repetitions. */
final class Timing {
  private Timing() {}

  /** Seconds per run of {@code task}: warm-up for {@code warmupMs}, then the median of {@code reps} runs. */
  static double medianSeconds(Runnable task, long warmupMs, int reps) {
    long end = System.nanoTime() + warmupMs * 1_000_000L;
    do {
      task.run();
    } while (System.nanoTime() < end);
    double[] t = new double[reps];
    for (int i = 0; i < reps; i++) {
      long t0 = System.nanoTime();
      task.run();
      t[i] = (System.nanoTime() - t0) / 1e9;
    }
    Arrays.sort(t);
    return t[reps / 2];
  }

  /** Seconds per run: the fastest of the runs within {@code measureMs} after a warm-up of {@code warmupMs}. */
  static double bestSeconds(Runnable task, long warmupMs, long measureMs) {
    long end = System.nanoTime() + warmupMs * 1_000_000L;
    do {
      task.run();
    } while (System.nanoTime() < end);
    double best = Double.MAX_VALUE;
    end = System.nanoTime() + measureMs * 1_000_000L;
    do {
      long t0 = System.nanoTime();
      task.run();
      best = Math.min(best, (System.nanoTime() - t0) / 1e9);
    } while (System.nanoTime() < end);
    return best;
  }
}
