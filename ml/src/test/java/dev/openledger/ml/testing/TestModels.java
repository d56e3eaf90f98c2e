package dev.openledger.ml.testing;

import dev.openledger.ml.format.LlamaLayout;
import dev.openledger.ml.format.NamedTensors;
import dev.openledger.ml.format.PeftAdapter;
import dev.openledger.ml.format.PeftNames;
import dev.openledger.ml.format.Tensor;
import dev.openledger.ml.lora.LoraConfig;
import dev.openledger.ml.model.LinearKind;
import dev.openledger.ml.model.LlamaConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/** Small models and adapters with seeded random weights. */
public final class TestModels {
  private TestModels() {}

  /**
   * dim 16, hidden 40, 2 layers, 4 query heads sharing 2 kv heads, given vocabulary, 32 positions.
   */
  public static LlamaConfig tiny(int vocab, boolean tied) {
    return new LlamaConfig(16, 40, 2, 4, 2, vocab, 32, 10000f, 1e-5f, tied);
  }

  public static NamedTensors randomWeights(LlamaConfig c, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<Tensor> out = new ArrayList<>();
    for (Map.Entry<String, int[]> e : LlamaLayout.shapes(c).entrySet()) {
      out.add(
          new Tensor(e.getKey(), e.getValue(), gaussian(r, (int) Tensor.numel(e.getValue()), 0.1)));
    }
    return NamedTensors.of(out);
  }

  public static PeftAdapter randomAdapter(LlamaConfig base, LoraConfig lora, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<Tensor> out = new ArrayList<>();
    for (int l = 0; l < base.nLayers(); l++) {
      for (LinearKind k : lora.targets()) {
        out.add(
            Tensor.of(
                PeftNames.loraA(l, k),
                gaussian(r, lora.rank() * k.inDim(base), 0.1),
                lora.rank(),
                k.inDim(base)));
        out.add(
            Tensor.of(
                PeftNames.loraB(l, k),
                gaussian(r, k.outDim(base) * lora.rank(), 0.1),
                k.outDim(base),
                lora.rank()));
      }
    }
    return new PeftAdapter(lora, Optional.of("openledger/tiny-base"), NamedTensors.of(out));
  }

  public static float[] gaussian(SplittableRandom r, int n, double std) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      // Box-Muller: deterministic for a seed
      double u = 1 - r.nextDouble();
      double v = r.nextDouble();
      a[i] = (float) (std * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v));
    }
    return a;
  }
}
