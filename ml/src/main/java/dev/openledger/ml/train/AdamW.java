package dev.openledger.ml.train;

/**
 * AdamW (Loshchilov and Hutter, "Decoupled Weight Decay Regularization", ICLR 2019, Algorithm 2)
 * over a flat parameter buffer, with first and second moments in buffers of the same layout:
 *
 * <pre>
 *   m = β1·m + (1−β1)·g          v = β2·v + (1−β2)·g²
 *   θ −= lr·( m/(1−β1ᵗ) / (√(v/(1−β2ᵗ)) + ε) + λ·θ )     (λ only where decay[i])
 * </pre>
 *
 * Element-wise, so the update is the same for any evaluation order.
 */
public final class AdamW {
  private final float[] m;
  private final float[] v;
  private final boolean[] decay;

  /**
   * Fresh moments for {@code size} parameters; {@code decay[i]} says whether parameter i is
   * decayed.
   */
  public AdamW(boolean[] decay) {
    this(decay, new float[decay.length], new float[decay.length]);
  }

  /** Moments restored from a checkpoint. */
  public AdamW(boolean[] decay, float[] m, float[] v) {
    if (m.length != decay.length || v.length != decay.length) {
      throw new IllegalArgumentException("moment buffers do not match the parameters");
    }
    this.decay = decay;
    this.m = m;
    this.v = v;
  }

  /** First moment (shared). */
  public float[] m() {
    return m;
  }

  /** Second moment (shared). */
  public float[] v() {
    return v;
  }

  /** One update of {@code params} from {@code grads}; {@code t} is the 1-based step count. */
  public void step(float[] params, float[] grads, TrainConfig c, float lr, int t) {
    step(params, grads, c, lr, t, null);
  }

  /**
   * The same update with the element range split over {@code pool} (each element is independent).
   */
  public void step(
      float[] params,
      float[] grads,
      TrainConfig c,
      float lr,
      int t,
      dev.openledger.ml.tensor.WorkerPool pool) {
    if (pool == null) {
      update(params, grads, c, lr, t, 0, params.length);
      return;
    }
    int chunk = 4096;
    int n = (params.length + chunk - 1) / chunk;
    pool.parallelFor(
        n,
        10L * chunk,
        (c0, c1) ->
            update(params, grads, c, lr, t, c0 * chunk, Math.min(c1 * chunk, params.length)));
  }

  private void update(
      float[] params, float[] grads, TrainConfig c, float lr, int t, int from, int to) {
    float b1 = c.beta1();
    float b2 = c.beta2();
    double bc1 = 1 - StrictMath.pow(b1, t);
    double bc2 = 1 - StrictMath.pow(b2, t);
    float wd = c.weightDecay();
    float eps = c.epsilon();
    for (int i = from; i < to; i++) {
      float g = grads[i];
      float mi = b1 * m[i] + (1 - b1) * g;
      float vi = b2 * v[i] + (1 - b2) * g * g;
      m[i] = mi;
      v[i] = vi;
      float mhat = (float) (mi / bc1);
      float vhat = (float) (vi / bc2);
      float update = mhat / ((float) Math.sqrt(vhat) + eps);
      if (decay[i]) {
        update += wd * params[i];
      }
      params[i] -= lr * update;
    }
  }

  /**
   * Scales {@code grads} so their global L2 norm is at most {@code maxNorm} (Pascanu et al., ICML
   * 2013).
   *
   * @return the norm before clipping (summed in double, in index order)
   */
  public static float clipGlobalNorm(float[] grads, float maxNorm) {
    double ss = 0;
    for (float g : grads) {
      ss += (double) g * g;
    }
    float norm = (float) Math.sqrt(ss);
    if (maxNorm > 0 && norm > maxNorm) {
      float s = maxNorm / (norm + 1e-6f);
      for (int i = 0; i < grads.length; i++) {
        grads[i] *= s;
      }
    }
    return norm;
  }
}
