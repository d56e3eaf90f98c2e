package dev.openledger.ml.generate;

import dev.openledger.ml.lora.LoraConfig;
import dev.openledger.ml.lora.LoraParameters;
import dev.openledger.ml.model.LinearKind;
import dev.openledger.ml.model.LlamaConfig;
import dev.openledger.ml.tensor.Mat;
import java.util.EnumMap;
import java.util.Map;

/**
 * An adapter prepared for decoding: per layer and target, {@code A [r, in]} as trained and {@code
 * B} transposed to {@code Bᵀ [r, out]} with the scale {@code alpha/r} folded in, so the expand step
 * is r contiguous vector updates of each output row. Immutable after construction; shareable across
 * decoders.
 */
public final class ServingAdapter {
  private final String name;
  private final LlamaConfig model;
  private final LoraConfig config;
  private final Map<LinearKind, Mat>[] a;
  private final Map<LinearKind, Mat>[] scaledBt;

  // Java cannot create an array of a generic type, so the per-layer map arrays are made raw and
  // used typed.
  @SuppressWarnings({"unchecked", "rawtypes"})
  public ServingAdapter(String name, LoraParameters weights) {
    this.name = name;
    this.model = weights.layout().model();
    this.config = weights.config();
    int layers = model.nLayers();
    this.a = new Map[layers];
    this.scaledBt = new Map[layers];
    float s = weights.scaling();
    for (int l = 0; l < layers; l++) {
      a[l] = new EnumMap<>(LinearKind.class);
      scaledBt[l] = new EnumMap<>(LinearKind.class);
      for (LinearKind k : config.targets()) {
        a[l].put(k, weights.a(l, k).copy());
        Mat b = weights.b(l, k);
        Mat bt = Mat.zeros(b.cols(), b.rows());
        for (int i = 0; i < b.rows(); i++) {
          for (int j = 0; j < b.cols(); j++) {
            bt.set(j, i, b.get(i, j) * s);
          }
        }
        scaledBt[l].put(k, bt);
      }
    }
  }

  /** A label for logs and grouping (the adapter's identity is the object, not the name). */
  public String name() {
    return name;
  }

  public LlamaConfig model() {
    return model;
  }

  public LoraConfig config() {
    return config;
  }

  public boolean targets(LinearKind kind) {
    return config.targets().contains(kind);
  }

  /** {@code A [r, in]}. */
  Mat a(int layer, LinearKind kind) {
    return a[layer].get(kind);
  }

  /** {@code (alpha/r)·Bᵀ [r, out]}. */
  Mat scaledBt(int layer, LinearKind kind) {
    return scaledBt[layer].get(kind);
  }

  @Override
  public String toString() {
    return "ServingAdapter[" + name + ", r=" + config.rank() + ", " + config.targets() + "]";
  }
}
