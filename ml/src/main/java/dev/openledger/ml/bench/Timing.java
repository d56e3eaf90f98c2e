package dev.openledger.ml.bench;

import java.util.Arrays;

/** Repeats a task: warm-up for a while, then timed repetitions. */
final class Timing {
  private Timing() {}

  /**
   * Seconds per run of {@code task}: warm-up for {@code warmupMs}, then the median of {@code reps}
   * runs.
   */
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

  /**
   * Median wall seconds and mean process-CPU seconds per run, after a warm-up of {@code warmupMs}.
   */
  record WallAndCpu(double wallSeconds, double cpuSeconds) {}

  static WallAndCpu wallAndCpu(Runnable task, long warmupMs, int reps) {
    long end = System.nanoTime() + warmupMs * 1_000_000L;
    do {
      task.run();
    } while (System.nanoTime() < end);
    double[] t = new double[reps];
    long cpu0 = processCpuNanos();
    for (int i = 0; i < reps; i++) {
      long t0 = System.nanoTime();
      task.run();
      t[i] = (System.nanoTime() - t0) / 1e9;
    }
    long cpu1 = processCpuNanos();
    Arrays.sort(t);
    return new WallAndCpu(t[reps / 2], cpu0 < 0 ? Double.NaN : (cpu1 - cpu0) / 1e9 / reps);
  }

  /** CPU time of the whole process (all threads), or -1 where the JVM does not report it. */
  static long processCpuNanos() {
    java.lang.management.OperatingSystemMXBean os =
        java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
      return sun.getProcessCpuTime();
    }
    return -1;
  }

  /**
   * Seconds per run: the fastest of the runs within {@code measureMs} after a warm-up of {@code
   * warmupMs}.
   */
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
