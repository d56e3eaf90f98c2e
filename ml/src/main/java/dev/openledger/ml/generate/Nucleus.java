package dev.openledger.ml.generate;

import dev.openledger.ml.tensor.Rng;
import java.util.Arrays;

/** Temperature and top-p sampling over one row of logits. */
final class Nucleus {
  private Nucleus() {}

  static int sample(float[] logits, float temperature, float topP, Rng rng) {
    int n = logits.length;
    double max = Double.NEGATIVE_INFINITY;
    for (float l : logits) {
      max = Math.max(max, l);
    }
    double[] p = new double[n];
    double sum = 0;
    for (int i = 0; i < n; i++) {
      p[i] = Math.exp((logits[i] - max) / temperature);
      sum += p[i];
    }
    for (int i = 0; i < n; i++) {
      p[i] /= sum;
    }
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    // most likely first; ties by id, so the order is fully determined
    Arrays.sort(order, (a, b) -> p[a] != p[b] ? Double.compare(p[b], p[a]) : Integer.compare(a, b));
    int keep = 0;
    double mass = 0;
    while (keep < n && (keep == 0 || mass < topP)) {
      mass += p[order[keep]];
      keep++;
    }
    double u = rng.nextDouble() * mass;
    double acc = 0;
    for (int i = 0; i < keep; i++) {
      acc += p[order[i]];
      if (u < acc) {
        return order[i];
      }
    }
    return order[keep - 1];
  }
}
