package dev.openledger.ml.nn;

import dev.openledger.ml.tensor.Mat;

/** Token embedding lookup: {@code out[i] = table[tokens[i]]}. */
public final class Embedding {
  private Embedding() {}

  /** {@code out [N, C]}, {@code table [V, C]}, {@code tokens [N]}. */
  public static void forward(Mat out, Mat table, int[] tokens) {
    for (int i = 0; i < out.rows(); i++) {
      int t = tokens[i];
      if (t < 0 || t >= table.rows()) {
        throw new IllegalArgumentException(
            "token id " + t + " outside the vocabulary of " + table.rows());
      }
      System.arraycopy(table.data(), table.index(t, 0), out.data(), out.index(i, 0), out.cols());
    }
  }

  /** {@code dtable[tokens[i]] += dout[i]}, in position order (one thread: a token may repeat). */
  public static void backward(Mat dtable, Mat dout, int[] tokens) {
    float[] d = dtable.data();
    float[] g = dout.data();
    for (int i = 0; i < dout.rows(); i++) {
      int o = dtable.index(tokens[i], 0);
      int s = dout.index(i, 0);
      for (int j = 0; j < dout.cols(); j++) {
        d[o + j] += g[s + j];
      }
    }
  }
}
