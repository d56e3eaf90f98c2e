package dev.openledger.ml.bench;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Measures the machine's float32 FMA peak from Java: twelve independent chains of vector FMAs on registers
 * only (no loads or stores), enough to cover the FMA latency on every current x86 and ARM core.
 */
public final class FmaPeak {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

  private FmaPeak() {}

  /** GFLOP/s of one thread running the loop for about {@code millis} (after a warm-up of the same length). */
  public static double singleThreadGflops(long millis) {
    run(millis); // warm-up: let C2 compile and inline the loop
    return run(millis);
  }

  /** GFLOP/s summed over {@code threads} threads running the loop at once. */
  public static double multiThreadGflops(int threads, long millis) throws InterruptedException {
    double[] result = new double[threads];
    Thread[] ts = new Thread[threads];
    for (int t = 0; t < threads; t++) {
      int i = t;
      ts[t] = new Thread(() -> {
        run(millis);
        result[i] = run(millis);
      });
      ts[t].start();
    }
    double sum = 0;
    for (int t = 0; t < threads; t++) {
      ts[t].join();
      sum += result[t];
    }
    return sum;
  }

  private static double run(long millis) {
    long iters = 0;
    float sink = 0;
    long start = System.nanoTime();
    long end = start + millis * 1_000_000L;
    long now;
    do {
      sink += block(200_000);
      iters += 200_000;
      now = System.nanoTime();
    } while (now < end);
    if (sink == 42f) {
      System.err.print(""); // keeps the result alive
    }
    double flops = iters * 12.0 * 2 * S.length();
    return flops / (now - start);
  }

  private static float block(int n) {
    FloatVector a = FloatVector.broadcast(S, 0.999f);
    FloatVector b = FloatVector.broadcast(S, 1e-4f);
    FloatVector c0 = FloatVector.broadcast(S, 1f), c1 = c0.add(1f), c2 = c0.add(2f), c3 = c0.add(3f);
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
    return c0.add(c1).add(c2).add(c3).add(c4).add(c5).add(c6).add(c7).add(c8).add(c9).add(c10).add(c11)
        .reduceLanes(VectorOperators.ADD);
  }
}
