package dev.openledger.ml.train;

import dev.openledger.ml.nn.CrossEntropy;
import dev.openledger.ml.tensor.Rng;
import dev.openledger.ml.transformer.Batch;
import java.util.List;

/**
 * Batches of separate examples (fine-tuning rows), in epochs: epoch e visits every example once in
 * an order shuffled by {@code Rng(seed, e)}. Each example is cut to T+1 tokens and padded with
 * {@code padId}; padded and prompt positions have no target. Causal attention keeps padding at the
 * end from touching the real tokens.
 */
public final class ExampleBatches implements BatchSource {
  private final List<Example> examples;
  private final int batchSize;
  private final int seqLen;
  private final int padId;
  private final long seed;

  public ExampleBatches(List<Example> examples, int batchSize, int seqLen, int padId, long seed) {
    if (examples.isEmpty()) {
      throw new IllegalArgumentException("no examples to train on");
    }
    this.examples = List.copyOf(examples);
    this.batchSize = batchSize;
    this.seqLen = seqLen;
    this.padId = padId;
    this.seed = seed;
  }

  @Override
  public Batch batch(long index) {
    Example[] rows = new Example[batchSize];
    int n = examples.size();
    for (int b = 0; b < batchSize; b++) {
      long k = index * batchSize + b;
      long epoch = k / n;
      int[] order = permutation(n, epoch);
      rows[b] = examples.get(order[(int) (k % n)]);
    }
    return pack(rows, seqLen, padId);
  }

  /**
   * The examples in the given order as one batch (shorter ones padded); used for per-example
   * gradients.
   */
  public static Batch pack(Example[] rows, int seqLen, int padId) {
    int[] tokens = new int[rows.length * seqLen];
    int[] targets = new int[rows.length * seqLen];
    for (int b = 0; b < rows.length; b++) {
      Example e = rows[b];
      for (int t = 0; t < seqLen; t++) {
        int i = b * seqLen + t;
        tokens[i] = t < e.length() ? e.token(t) : padId;
        boolean scored = t + 1 < e.length() && t + 1 >= Math.max(1, e.promptLength());
        targets[i] = scored ? e.token(t + 1) : CrossEntropy.IGNORE;
      }
    }
    return new Batch(rows.length, seqLen, tokens, targets);
  }

  private int[] permutation(int n, long epoch) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    Rng rng = new Rng(Seeds.mix(seed, epoch, 0x45504F43L)); // "EPOC"
    for (int i = n - 1; i > 0; i--) { // Fisher–Yates
      int j = rng.nextInt(i + 1);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }
}
