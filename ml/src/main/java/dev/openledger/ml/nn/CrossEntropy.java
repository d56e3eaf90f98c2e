package dev.openledger.ml.nn;

import dev.openledger.ml.tensor.Kernels;
import dev.openledger.ml.tensor.Mat;

/**
 * Softmax cross-entropy over the vocabulary. A target of {@link #IGNORE} (-1) marks a position
 * without a loss (padding, or a prompt token when only the response is scored).
 */
public final class CrossEntropy {
  /** Target value of a position that has no loss. */
  public static final int IGNORE = -1;

  private CrossEntropy() {}

  /**
   * {@code probs [N, V] = softmax(logits [N, V])} row by row. {@code probs} may be {@code logits}.
   */
  public static void softmax(Kernels k, Mat probs, Mat logits) {
    k.pool()
        .parallelFor(
            logits.rows(),
            20L * logits.cols(),
            (r0, r1) -> {
              for (int r = r0; r < r1; r++) {
                if (probs != logits) {
                  System.arraycopy(
                      logits.data(),
                      logits.index(r, 0),
                      probs.data(),
                      probs.index(r, 0),
                      logits.cols());
                }
                k.softmax(probs.row(r));
              }
            });
  }

  /**
   * {@code losses[i] = −log probs[i, targets[i]]} (0 where the target is ignored).
   *
   * @return the mean loss over the positions that have a target (NaN when none has)
   */
  public static float forward(float[] losses, Mat probs, int[] targets) {
    double sum = 0;
    int n = 0;
    for (int i = 0; i < probs.rows(); i++) {
      int y = targets[i];
      if (y == IGNORE) {
        losses[i] = 0f;
        continue;
      }
      checkTarget(y, probs.cols());
      losses[i] = (float) -Math.log(Math.max(probs.get(i, y), Float.MIN_VALUE));
      sum += losses[i];
      n++;
    }
    return n == 0 ? Float.NaN : (float) (sum / n);
  }

  /**
   * {@code dlogits[i] = weights[i]·(probs[i] − onehot(targets[i]))}, the gradient of {@code Σ_i
   * weights[i]·loss_i}; rows with an ignored target get 0. {@code dlogits} may be {@code probs}.
   */
  public static void backward(Kernels k, Mat dlogits, Mat probs, int[] targets, float[] weights) {
    k.pool()
        .parallelFor(
            probs.rows(),
            2L * probs.cols(),
            (r0, r1) -> {
              for (int i = r0; i < r1; i++) {
                int y = targets[i];
                if (y == IGNORE) {
                  dlogits.row(i).zero();
                  continue;
                }
                if (dlogits != probs) {
                  System.arraycopy(
                      probs.data(),
                      probs.index(i, 0),
                      dlogits.data(),
                      dlogits.index(i, 0),
                      probs.cols());
                }
                dlogits.set(i, y, dlogits.get(i, y) - 1f);
                k.scale(dlogits.row(i), weights[i]);
              }
            });
  }

  /**
   * Weights that make {@link #backward} the gradient of the mean loss over all positions with a
   * target.
   */
  public static float[] meanWeights(int[] targets) {
    int n = 0;
    for (int y : targets) {
      if (y != IGNORE) {
        n++;
      }
    }
    float[] w = new float[targets.length];
    for (int i = 0; i < targets.length; i++) {
      w[i] = targets[i] == IGNORE ? 0f : 1f / n;
    }
    return w;
  }

  /**
   * Weights that make {@link #backward} the gradient of {@code Σ_b loss_b}, where {@code loss_b} is
   * the mean loss of sequence b alone (rows of {@code seqLen} positions): the per-example losses,
   * summed.
   */
  public static float[] perSequenceWeights(int[] targets, int seqLen) {
    float[] w = new float[targets.length];
    for (int b = 0; b * seqLen < targets.length; b++) {
      int n = 0;
      for (int t = 0; t < seqLen; t++) {
        if (targets[b * seqLen + t] != IGNORE) {
          n++;
        }
      }
      for (int t = 0; t < seqLen; t++) {
        int i = b * seqLen + t;
        w[i] = targets[i] == IGNORE ? 0f : 1f / n;
      }
    }
    return w;
  }

  private static void checkTarget(int y, int vocab) {
    if (y < 0 || y >= vocab) {
      throw new IllegalArgumentException("target id " + y + " outside the vocabulary of " + vocab);
    }
  }
}
