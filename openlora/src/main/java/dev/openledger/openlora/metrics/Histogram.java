package dev.openledger.openlora.metrics;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/** A Prometheus histogram with fixed upper bounds (seconds), recorded without locks. */
public final class Histogram {
  private final double[] bounds;
  private final AtomicLongArray counts;
  private final LongAdder count = new LongAdder();
  private final DoubleAdder sum = new DoubleAdder();

  public Histogram(double... bounds) {
    for (int i = 1; i < bounds.length; i++) {
      if (!(bounds[i] > bounds[i - 1])) {
        throw new IllegalArgumentException("bucket bounds must increase");
      }
    }
    this.bounds = bounds.clone();
    this.counts = new AtomicLongArray(bounds.length);
  }

  /** Records one observation in seconds. */
  public void observe(double seconds) {
    for (int i = 0; i < bounds.length; i++) {
      if (seconds <= bounds[i]) {
        counts.incrementAndGet(i);
        break;
      }
    }
    count.increment();
    sum.add(seconds);
  }

  public long count() {
    return count.sum();
  }

  public double sum() {
    return sum.sum();
  }

  /**
   * Appends {@code name_bucket}, {@code name_sum} and {@code name_count} lines with {@code labels}
   * (e.g. {@code model="a"}).
   */
  void write(PrometheusText out, String name, String labels) {
    long cumulative = 0;
    for (int i = 0; i < bounds.length; i++) {
      cumulative += counts.get(i);
      out.sample(
          name + "_bucket",
          join(labels, "le=\"" + PrometheusText.number(bounds[i]) + "\""),
          cumulative);
    }
    long n = count();
    out.sample(name + "_bucket", join(labels, "le=\"+Inf\""), n);
    out.sample(name + "_sum", labels, sum());
    out.sample(name + "_count", labels, n);
  }

  private static String join(String a, String b) {
    return a.isEmpty() ? b : a + "," + b;
  }
}
