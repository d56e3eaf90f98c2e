package dev.openledger.modelfactory.data;

import dev.openledger.ml.tensor.Rng;
import dev.openledger.ml.train.BatchSource;
import dev.openledger.ml.train.Example;
import dev.openledger.ml.train.ExampleBatches;
import dev.openledger.ml.transformer.Batch;
import java.util.List;

/**
 * Training examples in epochs: position {@code k} of the run's row stream (micro-batch {@code k /
 * B}, slot {@code k mod B}) is example {@code perm_e[k mod n]} of epoch {@code e = k / n}, where
 * {@code perm_e} is a Fisher–Yates shuffle drawn from {@code Rng(orderSeed ^ e·c)}. A pure function
 * of the index, so a resumed run reads the same batches; {@link #rows} tells which examples a
 * micro-batch holds (for per-example gradients). Not thread-safe (it caches the last epoch's
 * permutation).
 */
public final class EpochBatches implements BatchSource {
  private final List<Example> examples;
  private final int batchSize;
  private final int seqLen;
  private final int padId;
  private final long orderSeed;
  private final int[] scored;
  private long cachedEpoch = -1;
  private int[] cachedPerm;

  public EpochBatches(
      List<Example> examples, int batchSize, int seqLen, int padId, long orderSeed) {
    if (examples.isEmpty()) {
      throw new IllegalArgumentException("no examples to train on");
    }
    this.examples = List.copyOf(examples);
    this.batchSize = batchSize;
    this.seqLen = seqLen;
    this.padId = padId;
    this.orderSeed = orderSeed;
    this.scored = new int[examples.size()];
    for (int i = 0; i < scored.length; i++) {
      scored[i] = Math.min(examples.get(i).tokens().length, seqLen + 1) - 1;
    }
  }

  /** Tokens example {@code i} is scored on: its length after the cut-off, minus the first. */
  public int scoredTokens(int i) {
    return scored[i];
  }

  public int size() {
    return examples.size();
  }

  /** Example indices of micro-batch {@code index}, in slot order. */
  public int[] rows(long index) {
    int[] out = new int[batchSize];
    for (int b = 0; b < batchSize; b++) {
      out[b] = exampleAt(index * batchSize + b);
    }
    return out;
  }

  /** The epoch (from 0) that stream position {@code k} belongs to. */
  public long epochOf(long k) {
    return k / examples.size();
  }

  /** The example at stream position {@code k}. */
  public int exampleAt(long k) {
    long epoch = k / examples.size();
    return permutation(epoch)[(int) (k % examples.size())];
  }

  @Override
  public Batch batch(long index) {
    int[] idx = rows(index);
    Example[] rows = new Example[idx.length];
    for (int b = 0; b < idx.length; b++) {
      rows[b] = examples.get(idx[b]);
    }
    return ExampleBatches.pack(rows, seqLen, padId);
  }

  private int[] permutation(long epoch) {
    if (epoch != cachedEpoch) {
      int n = examples.size();
      int[] p = new int[n];
      for (int i = 0; i < n; i++) {
        p[i] = i;
      }
      Rng rng = new Rng(orderSeed ^ (epoch * 0xC2B2AE3D27D4EB4FL)); // one stream per epoch
      for (int i = n - 1; i > 0; i--) {
        int j = rng.nextInt(i + 1);
        int t = p[i];
        p[i] = p[j];
        p[j] = t;
      }
      cachedPerm = p;
      cachedEpoch = epoch;
    }
    return cachedPerm;
  }
}
