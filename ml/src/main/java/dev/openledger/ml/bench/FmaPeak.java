package dev.openledger.ml.bench;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Measures the machine's float32 FMA peak from Java: twelve independent chains of vector FMAs on
 * registers only (no loads or stores), enough to cover the FMA latency on every current x86 and ARM
 * core. Reported as the best of many short blocks, like the kernels it is compared with.
 */
public final class FmaPeak {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

  /** Where each run leaves its result, so the JIT cannot drop the arithmetic as dead code. */
  private static volatile float sink;

  private FmaPeak() {}

  /**
   * GFLOP/s of one thread running the loop for about {@code millis} at a time, once the JIT has
   * compiled it.
   */
  public static double singleThreadGflops(long millis) {
    return settled(millis);
  }

  /**
   * Runs the loop for {@code millis} at a time until its best rate stops growing (by more than 2%,
   * at most 20 runs): on a busy machine C2 may take several runs to compile and inline the loop,
   * and a rate measured before that is the interpreter's, not the machine's.
   */
  private static double settled(long millis) {
    double best = run(millis);
    for (int i = 0; i < 20; i++) {
      double next = run(millis);
      if (next <= best * 1.02) {
        return Math.max(best, next);
      }
      best = next;
    }
    return best;
  }

  /** GFLOP/s summed over {@code threads} threads running the loop at once. */
  public static double multiThreadGflops(int threads, long millis) throws InterruptedException {
    double[] result = new double[threads];
    Thread[] ts = new Thread[threads];
    for (int t = 0; t < threads; t++) {
      int i = t;
      ts[t] = new Thread(() -> result[i] = settled(millis));
      ts[t].start();
    }
    double sum = 0;
    for (int t = 0; t < threads; t++) {
      ts[t].join();
      sum += result[t];
    }
    return sum;
  }

  // The best rate over many short blocks (~0.15 ms each): on a shared machine the OS slices time,
  // and the best block is the rate of an unshared core, measured the same way as the kernels (best
  // of many runs).
  private static double run(long millis) {
    int n = 100_000;
    double best = 0;
    float acc = 0;
    long end = System.nanoTime() + millis * 1_000_000L;
    do {
      long t0 = System.nanoTime();
      acc += block(n);
      long t = System.nanoTime() - t0;
      best = Math.max(best, n * 12.0 * 2 * S.length() / t);
    } while (System.nanoTime() < end);
    sink = acc;
    return best;
  }

  private static float block(int n) {
    FloatVector a = FloatVector.broadcast(S, 0.999f);
    FloatVector b = FloatVector.broadcast(S, 1e-4f);
    FloatVector c0 = FloatVector.broadcast(S, 1f),
        c1 = c0.add(1f),
        c2 = c0.add(2f),
        c3 = c0.add(3f);
    FloatVector c4 = c0.add(4f), c5 = c0.add(5f), c6 = c0.add(6f), c7 = c0.add(7f);
    FloatVector c8 = c0.add(8f), c9 = c0.add(9f), c10 = c0.add(10f), c11 = c0.add(11f);
    for (int i = 0; i < n; i++) {
      c0 = c0.fma(a, b);
      c1 = c1.fma(a, b);
      c2 = c2.fma(a, b);
      c3 = c3.fma(a, b);
      c4 = c4.fma(a, b);
      c5 = c5.fma(a, b);
      c6 = c6.fma(a, b);
      c7 = c7.fma(a, b);
      c8 = c8.fma(a, b);
      c9 = c9.fma(a, b);
      c10 = c10.fma(a, b);
      c11 = c11.fma(a, b);
    }
    return c0.add(c1)
        .add(c2)
        .add(c3)
        .add(c4)
        .add(c5)
        .add(c6)
        .add(c7)
        .add(c8)
        .add(c9)
        .add(c10)
        .add(c11)
        .reduceLanes(VectorOperators.ADD);
  }
}
