package dev.openledger.ml.transformer;

import dev.openledger.ml.lora.LoraConfig;
import dev.openledger.ml.lora.LoraParameters;
import dev.openledger.ml.model.LinearKind;
import dev.openledger.ml.model.LlamaConfig;
import dev.openledger.ml.model.Parameters;
import dev.openledger.ml.tensor.Rng;
import java.util.EnumSet;

/** Tiny fixed-seed models for gradient checks and golden tests. */
public final class TinyModels {
  private TinyModels() {}

  /**
   * dim 16, 2 layers, 4 query heads over 2 key/value heads (head size 4), MLP 24, vocabulary 23.
   */
  public static LlamaConfig config(boolean tied) {
    return new LlamaConfig(16, 24, 2, 4, 2, 23, 8, 10000f, 1e-5f, tied);
  }

  /**
   * Weights drawn with a larger spread than training initialisation (std 0.3, norm weights around
   * 1), so that every term of the gradient is well above float rounding in a finite-difference
   * check.
   */
  public static Parameters weights(LlamaConfig c, long seed) {
    Parameters p = Parameters.zeros(c);
    Rng rng = new Rng(seed);
    float[] d = p.data();
    for (var s : p.layout().tensors()) {
      boolean norm = s.name().endsWith("norm.weight");
      for (int i = s.offset(); i < s.offset() + s.size(); i++) {
        d[i] = norm ? (float) (1 + 0.2 * rng.nextGaussian()) : (float) (0.3 * rng.nextGaussian());
      }
    }
    return p;
  }

  public static LoraConfig allTargets(float dropout) {
    return new LoraConfig(3, 6f, dropout, EnumSet.allOf(LinearKind.class));
  }

  /** An adapter with both factors random (a fresh one has B = 0, which hides dA). */
  public static LoraParameters adapter(LlamaConfig c, LoraConfig lc, long seed) {
    LoraParameters p = LoraParameters.zeros(c, lc);
    Rng rng = new Rng(seed);
    for (int i = 0; i < p.data().length; i++) {
      p.data()[i] = (float) (0.3 * rng.nextGaussian());
    }
    return p;
  }

  public static Batch batch(LlamaConfig c, int b, int t, long seed) {
    Rng rng = new Rng(seed);
    int[][] windows = new int[b][t + 1];
    for (int i = 0; i < b; i++) {
      for (int j = 0; j <= t; j++) {
        windows[i][j] = rng.nextInt(c.vocabSize());
      }
    }
    return Batch.fromWindows(windows);
  }
}
