package dev.openledger.openlora.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * An S-LoRA-style synthetic workload (Sheng et al., MLSys 2024, §7.1): each request picks its
 * adapter from a power-law (Zipf) popularity over {@code n} adapters, arrives after an exponential
 * gap (Poisson arrivals), and has uniformly drawn prompt and output lengths. A pure function of the
 * seed.
 */
record Workload(int adapters, List<Item> items) {

  /**
   * One request: its adapter (0 is the most popular), arrival offset, prompt tokens and output
   * length.
   */
  record Item(int adapter, long arrivalNanos, int[] prompt, int outputTokens) {}

  static Workload generate(
      int n,
      int requests,
      double ratePerSecond,
      double alpha,
      int vocab,
      int minLen,
      int maxLen,
      long seed) {
    Random rnd = new Random(seed);
    double[] cdf = new double[n];
    double sum = 0;
    for (int k = 0; k < n; k++) {
      sum += 1.0 / Math.pow(k + 1, alpha);
      cdf[k] = sum;
    }
    List<Item> items = new ArrayList<>(requests);
    double t = 0;
    for (int i = 0; i < requests; i++) {
      t += -Math.log(1 - rnd.nextDouble()) / ratePerSecond;
      double u = rnd.nextDouble() * sum;
      int a = 0;
      while (cdf[a] < u) {
        a++;
      }
      int[] prompt = new int[minLen + rnd.nextInt(maxLen - minLen + 1)];
      for (int j = 0; j < prompt.length; j++) {
        prompt[j] = 3 + rnd.nextInt(vocab - 3);
      }
      items.add(new Item(a, (long) (t * 1e9), prompt, minLen + rnd.nextInt(maxLen - minLen + 1)));
    }
    return new Workload(n, items);
  }

  long outputTokens() {
    long s = 0;
    for (Item i : items) {
      s += i.outputTokens();
    }
    return s;
  }

  int distinctAdapters() {
    return (int) items.stream().mapToInt(Item::adapter).distinct().count();
  }
}
