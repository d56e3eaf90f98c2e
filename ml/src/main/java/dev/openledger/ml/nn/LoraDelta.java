package dev.openledger.ml.nn;

import dev.openledger.ml.tensor.Kernels;
import dev.openledger.ml.tensor.Mat;
import dev.openledger.ml.tensor.Rng;

/**
 * The adapter term of a LoRA projection (Hu et al., 2022): {@code y += s·dropout(x)·Aᵀ·Bᵀ}, and its
 * backward pass. With {@code U = s·x̃·Aᵀ [N, r]} saved:
 *
 * <pre>
 *   dB  += dYᵀ·U            [out, r]
 *   dU   = s·dY·B           [N, r]
 *   dA  += dUᵀ·x̃            [r, in]
 *   dX  += (dU·A) ⊙ mask    [N, in]
 * </pre>
 *
 * Per-example gradients restrict the two sums over rows to one sequence's rows, so each is {@code
 * dB_i = Σ_{t∈i} dY_t·U_tᵀ}: exactly the gradient of that sequence's loss alone, because sequences
 * do not interact in the forward pass.
 */
public final class LoraDelta {
  private final Kernels k;

  public LoraDelta(Kernels kernels) {
    this.k = kernels;
  }

  /**
   * Fills {@code mask [N, in]} with inverted-dropout multipliers: 0 with probability p, else
   * 1/(1−p).
   */
  public static void sampleMask(Mat mask, float p, Rng rng) {
    float keep = 1f / (1f - p);
    for (int i = 0; i < mask.rows(); i++) {
      for (int j = 0; j < mask.cols(); j++) {
        mask.set(i, j, rng.nextFloat() < p ? 0f : keep);
      }
    }
  }

  /** {@code y [N, out] += s·x̃·Aᵀ·Bᵀ}; saves U (and x̃ when there is a mask) in {@code acts}. */
  public void forward(Mat y, LoraTarget t, LoraActs acts) {
    Mat x = acts.input();
    if (acts.mask() != null) {
      Mat d = acts.dropped();
      for (int i = 0; i < x.rows(); i++) {
        for (int j = 0; j < x.cols(); j++) {
          d.set(i, j, x.get(i, j) * acts.mask().get(i, j));
        }
      }
    }
    Mat u = acts.u();
    k.matmulABt(u, acts.adapterInput(), t.a(), false);
    for (int i = 0; i < u.rows(); i++) {
      k.scale(u.row(i), t.scaling());
    }
    k.matmulABt(y, u, t.b(), true);
  }

  /**
   * Adds the adapter's share of {@code dX} into {@code dx} and its factor gradients into {@code
   * sink}.
   */
  public void backward(Mat dx, Mat dy, LoraTarget t, LoraActs acts, LoraGradSink sink) {
    Mat u = acts.u();
    Mat du = acts.du();
    Mat xt = acts.adapterInput();
    k.matmulAB(du, dy, t.b(), false);
    for (int i = 0; i < du.rows(); i++) {
      k.scale(du.row(i), t.scaling());
    }
    if (sink instanceof LoraGradSink.Summed s) {
      k.matmulAtB(s.dB(), dy, u, true);
      k.matmulAtB(s.dA(), du, xt, true);
    } else if (sink instanceof LoraGradSink.PerExample p) {
      int t0 = p.seqLen();
      for (int b = 0; b < p.dA().length; b++) {
        k.matmulAtB(p.dB()[b], dy.rows(b * t0, (b + 1) * t0), u.rows(b * t0, (b + 1) * t0), true);
        k.matmulAtB(p.dA()[b], du.rows(b * t0, (b + 1) * t0), xt.rows(b * t0, (b + 1) * t0), true);
      }
    }
    if (acts.mask() == null) {
      k.matmulAB(dx, du, t.a(), true);
    } else {
      Mat tmp = acts.dropped(); // x̃ is no longer needed: reuse it for dX̃
      k.matmulAB(tmp, du, t.a(), false);
      Mat mask = acts.mask();
      for (int i = 0; i < dx.rows(); i++) {
        for (int j = 0; j < dx.cols(); j++) {
          dx.set(i, j, dx.get(i, j) + tmp.get(i, j) * mask.get(i, j));
        }
      }
    }
  }
}
