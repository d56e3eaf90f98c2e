package dev.openledger.ml.lora;

import dev.openledger.ml.model.LinearKind;
import dev.openledger.ml.model.Parameters;
import dev.openledger.ml.tensor.Kernels;
import dev.openledger.ml.tensor.Mat;
import java.util.ArrayList;
import java.util.List;

/**
 * Merging an adapter into the base weights, {@code W ← W + (alpha/r)·B·A} (Hu et al., 2022, §4.1:
 * no extra inference latency), and undoing it. The merge keeps a copy of every weight it changes
 * and {@link Merged#unmerge()} puts the copies back, so the base is restored bit for bit
 * (subtracting {@code B·A} again would leave rounding residue).
 */
public final class LoraMerge {
  private LoraMerge() {}

  /** A merged adapter; {@link #unmerge()} (or {@link #close()}) restores the base. */
  public static final class Merged implements AutoCloseable {
    private final List<Mat> targets;
    private final List<Mat> originals;
    private boolean active = true;

    private Merged(List<Mat> targets, List<Mat> originals) {
      this.targets = targets;
      this.originals = originals;
    }

    /** Restores the weights as they were before the merge. Idempotent. */
    public void unmerge() {
      if (!active) {
        return;
      }
      for (int i = 0; i < targets.size(); i++) {
        Mat t = targets.get(i);
        System.arraycopy(originals.get(i).data(), 0, t.data(), t.offset(), t.rows() * t.cols());
      }
      active = false;
    }

    @Override
    public void close() {
      unmerge();
    }
  }

  /** Adds the adapter into {@code base} in place. */
  public static Merged merge(Parameters base, LoraParameters adapter, Kernels k) {
    if (!adapter.layout().model().equals(base.config())) {
      throw new IllegalArgumentException("adapter was made for another model shape");
    }
    List<Mat> targets = new ArrayList<>();
    List<Mat> originals = new ArrayList<>();
    float s = adapter.scaling();
    for (int l = 0; l < base.config().nLayers(); l++) {
      for (LinearKind kind : adapter.config().targets()) {
        Mat w = base.linear(l, kind);
        targets.add(w);
        originals.add(w.copy());
        Mat ba = Mat.zeros(w.rows(), w.cols());
        k.matmulAB(ba, adapter.b(l, kind), adapter.a(l, kind), false); // [out, r]·[r, in]
        for (int i = 0; i < w.rows(); i++) {
          k.axpy(s, ba.row(i), w.row(i));
        }
      }
    }
    return new Merged(targets, originals);
  }
}
