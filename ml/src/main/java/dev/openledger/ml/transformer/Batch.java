package dev.openledger.ml.transformer;

import dev.openledger.ml.nn.CrossEntropy;

/**
 * A batch of B sequences of T tokens, row-major ({@code tokens[b·T + t]}).
 *
 * @param batchSize B
 * @param seqLen T
 * @param tokens input ids {@code [B·T]}
 * @param targets the id each position should predict {@code [B·T]} ({@link CrossEntropy#IGNORE} for
 *     none), or null for a forward pass without a loss
 */
public record Batch(int batchSize, int seqLen, int[] tokens, int[] targets) {

  public Batch {
    if (batchSize <= 0 || seqLen <= 0 || tokens.length != batchSize * seqLen) {
      throw new IllegalArgumentException(
          "batch of "
              + batchSize
              + "x"
              + seqLen
              + " needs "
              + batchSize * seqLen
              + " tokens, got "
              + tokens.length);
    }
    if (targets != null && targets.length != tokens.length) {
      throw new IllegalArgumentException("targets must be as many as tokens");
    }
  }

  /** Rows {@code B·T}. */
  public int rows() {
    return batchSize * seqLen;
  }

  /**
   * The usual language-model batch from B windows of T+1 tokens each: inputs are the first T,
   * targets the last T.
   */
  public static Batch fromWindows(int[][] windows) {
    int b = windows.length;
    int t = windows[0].length - 1;
    int[] in = new int[b * t];
    int[] out = new int[b * t];
    for (int i = 0; i < b; i++) {
      if (windows[i].length != t + 1) {
        throw new IllegalArgumentException("all windows must have the same length");
      }
      System.arraycopy(windows[i], 0, in, i * t, t);
      System.arraycopy(windows[i], 1, out, i * t, t);
    }
    return new Batch(b, t, in, out);
  }
}
