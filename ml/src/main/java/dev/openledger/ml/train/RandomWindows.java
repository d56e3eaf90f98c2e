package dev.openledger.ml.train;

import dev.openledger.ml.tensor.Rng;
import dev.openledger.ml.transformer.Batch;

/**
 * Language-model batches from one long token stream: each row is a window of T+1 tokens starting at
 * a position drawn from {@code Rng(seed, index)} (as nanoGPT's {@code get_batch}).
 */
public final class RandomWindows implements BatchSource {
  private final int[] tokens;
  private final int batchSize;
  private final int seqLen;
  private final long seed;

  public RandomWindows(int[] tokens, int batchSize, int seqLen, long seed) {
    if (tokens.length < seqLen + 2) {
      throw new IllegalArgumentException(
          "a token stream of " + tokens.length + " is too short for windows of " + (seqLen + 1));
    }
    this.tokens = tokens;
    this.batchSize = batchSize;
    this.seqLen = seqLen;
    this.seed = seed;
  }

  @Override
  public Batch batch(long index) {
    Rng rng = new Rng(Seeds.mix(seed, index, 0x57494E44L)); // "WIND"
    int[][] windows = new int[batchSize][];
    for (int b = 0; b < batchSize; b++) {
      int start = rng.nextInt(tokens.length - seqLen - 1);
      windows[b] = java.util.Arrays.copyOfRange(tokens, start, start + seqLen + 1);
    }
    return Batch.fromWindows(windows);
  }

  /** Every non-overlapping window of the stream in order, for evaluation: {@code count} batches. */
  public static Batch[] sequential(int[] tokens, int batchSize, int seqLen, int count) {
    Batch[] out = new Batch[count];
    int pos = 0;
    for (int i = 0; i < count; i++) {
      int[][] w = new int[batchSize][];
      for (int b = 0; b < batchSize; b++) {
        if (pos + seqLen + 1 > tokens.length) {
          pos = 0;
        }
        w[b] = java.util.Arrays.copyOfRange(tokens, pos, pos + seqLen + 1);
        pos += seqLen;
      }
      out[i] = Batch.fromWindows(w);
    }
    return out;
  }
}
