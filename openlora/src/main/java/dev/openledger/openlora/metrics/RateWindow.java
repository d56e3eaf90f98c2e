package dev.openledger.openlora.metrics;

/** Events per second over the last {@value #SECONDS} whole seconds, from one-second buckets. */
final class RateWindow {
  static final int SECONDS = 10;
  private final long[] counts = new long[SECONDS];
  private final long[] second = new long[SECONDS];

  synchronized void add(long nowNanos, long n) {
    long s = nowNanos / 1_000_000_000L;
    int i = (int) Math.floorMod(s, (long) SECONDS);
    if (second[i] != s) {
      second[i] = s;
      counts[i] = 0;
    }
    counts[i] += n;
  }

  synchronized double perSecond(long nowNanos) {
    long s = nowNanos / 1_000_000_000L;
    long total = 0;
    for (int i = 0; i < SECONDS; i++) {
      if (second[i] > s - SECONDS && second[i] <= s) {
        total += counts[i];
      }
    }
    return total / (double) SECONDS;
  }
}
