package dev.openledger.ml.model;

import dev.openledger.ml.tensor.Mat;
import dev.openledger.ml.tensor.Rng;
import dev.openledger.ml.tensor.Vec;
import java.util.Arrays;

/**
 * A model's parameters as one flat buffer with named views ({@link ParameterLayout}). The same type
 * holds gradients and AdamW moments, which mirror the weights element for element.
 *
 * <p>Views share the buffer: writing through a view writes the parameters.
 */
public final class Parameters {
  private final ParameterLayout layout;
  private final float[] data;

  /** Wraps {@code data}, which must be exactly {@code layout.size()} long. */
  public Parameters(ParameterLayout layout, float[] data) {
    if (data.length != layout.size()) {
      throw new IllegalArgumentException(
          "parameter buffer of " + data.length + " floats, layout needs " + layout.size());
    }
    this.layout = layout;
    this.data = data;
  }

  /** All-zero parameters (a gradient or optimizer moment buffer). */
  public static Parameters zeros(LlamaConfig config) {
    ParameterLayout layout = new ParameterLayout(config);
    return new Parameters(layout, new float[layout.size()]);
  }

  /**
   * Fresh weights for training from scratch, drawn in buffer order from {@code seed}: linear and
   * embedding weights ~ N(0, 0.02²), the residual output projections (o_proj, down_proj) ~ N(0,
   * (0.02/√(2L))²) as in GPT-2 (Radford et al., 2019, §2.3), RMSNorm weights 1.
   */
  public static Parameters init(LlamaConfig config, long seed) {
    Parameters p = zeros(config);
    Rng rng = new Rng(seed);
    double residualStd = 0.02 / Math.sqrt(2.0 * config.nLayers());
    for (TensorSpec s : p.layout.tensors()) {
      String n = s.name();
      boolean norm = n.endsWith("norm.weight");
      double std =
          n.endsWith("o_proj.weight") || n.endsWith("down_proj.weight") ? residualStd : 0.02;
      for (int i = s.offset(); i < s.offset() + s.size(); i++) {
        p.data[i] = norm ? 1f : (float) (std * rng.nextGaussian());
      }
    }
    return p;
  }

  /** A zeroed buffer with this one's layout. */
  public Parameters zerosLike() {
    return new Parameters(layout, new float[layout.size()]);
  }

  /** A deep copy. */
  public Parameters copy() {
    return new Parameters(layout, data.clone());
  }

  public ParameterLayout layout() {
    return layout;
  }

  public LlamaConfig config() {
    return layout.config();
  }

  /** The flat buffer itself (shared, not a copy). */
  public float[] data() {
    return data;
  }

  /** Sets every element to 0. */
  public void zero() {
    Arrays.fill(data, 0f);
  }

  /** The named tensor as a flat vector view. */
  public Vec tensor(String name) {
    TensorSpec s = layout.spec(name);
    return new Vec(data, s.offset(), s.size());
  }

  /** The named 2-D tensor as a matrix view. */
  public Mat matrix(String name) {
    TensorSpec s = layout.spec(name);
    int[] shape = s.shape();
    if (shape.length != 2) {
      throw new IllegalArgumentException(name + " is not a matrix");
    }
    return new Mat(data, s.offset(), shape[0], shape[1]);
  }

  /** Token embedding {@code [V, C]}. */
  public Mat embed() {
    return matrix(TensorNames.EMBED);
  }

  /** Output head {@code [V, C]}: the embedding itself when tied. */
  public Mat head() {
    return config().tiedEmbeddings() ? embed() : matrix(TensorNames.LM_HEAD);
  }

  /** RMSNorm weight before attention {@code [C]}. */
  public Vec attnNorm(int layer) {
    return tensor(TensorNames.attnNorm(layer));
  }

  /** RMSNorm weight before the MLP {@code [C]}. */
  public Vec mlpNorm(int layer) {
    return tensor(TensorNames.mlpNorm(layer));
  }

  /** Final RMSNorm weight {@code [C]}. */
  public Vec finalNorm() {
    return tensor(TensorNames.FINAL_NORM);
  }

  /** One projection {@code [out, in]}. */
  public Mat linear(int layer, LinearKind kind) {
    return matrix(TensorNames.linear(layer, kind));
  }

  /** q, k and v stacked: {@code [C + 2·KV, C]} (they are contiguous in the layout). */
  public Mat qkv(int layer) {
    LlamaConfig c = config();
    TensorSpec q = layout.spec(TensorNames.linear(layer, LinearKind.Q));
    return new Mat(data, q.offset(), c.dim() + 2 * c.kvDim(), c.dim());
  }

  /** gate and up stacked: {@code [2H, C]} (contiguous in the layout). */
  public Mat gateUp(int layer) {
    LlamaConfig c = config();
    TensorSpec g = layout.spec(TensorNames.linear(layer, LinearKind.GATE));
    return new Mat(data, g.offset(), 2 * c.hiddenDim(), c.dim());
  }
}
