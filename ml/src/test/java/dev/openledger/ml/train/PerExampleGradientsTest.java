package dev.openledger.ml.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openledger.ml.lora.LoraConfig;
import dev.openledger.ml.lora.LoraParameters;
import dev.openledger.ml.model.LinearKind;
import dev.openledger.ml.model.LlamaConfig;
import dev.openledger.ml.model.Parameters;
import dev.openledger.ml.model.TensorSpec;
import dev.openledger.ml.tensor.GradCheck;
import dev.openledger.ml.tensor.Rng;
import dev.openledger.ml.tensor.VectorKernels;
import dev.openledger.ml.tensor.WorkerPool;
import dev.openledger.ml.transformer.Activations;
import dev.openledger.ml.transformer.Batch;
import dev.openledger.ml.transformer.Gradients;
import dev.openledger.ml.transformer.TinyModels;
import dev.openledger.ml.transformer.Transformer;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The public per-example gradient API: layout, batching with a ragged tail, and query gradients.
 */
class PerExampleGradientsTest {
  private static final LlamaConfig C = TinyModels.config(true);
  private static final LoraConfig LC =
      new LoraConfig(2, 4f, 0.2f, EnumSet.of(LinearKind.Q, LinearKind.V, LinearKind.UP));
  private static final Transformer MODEL = new Transformer(C, new VectorKernels(new WorkerPool(2)));

  private static int[] tokens(int n, long seed) {
    Rng r = new Rng(seed);
    int[] t = new int[n];
    for (int i = 0; i < n; i++) {
      t[i] = r.nextInt(C.vocabSize());
    }
    return t;
  }

  @Test
  void layoutCoversTheVectorInPeftOrder() {
    PerExampleGradients peg =
        new PerExampleGradients(
            MODEL, TinyModels.weights(C, 1), TinyModels.adapter(C, LC, 2), 3, 7, 0);
    List<TensorSpec> layout = peg.layout();
    int next = 0;
    for (TensorSpec s : layout) {
      assertThat(s.offset()).isEqualTo(next);
      next += s.size();
    }
    assertThat(next).isEqualTo(peg.dimension());
    assertThat(layout.get(0).name())
        .isEqualTo("base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight");
    assertThat(layout.get(1).name())
        .isEqualTo("base_model.model.model.layers.0.self_attn.q_proj.lora_B.weight");
    assertThat(layout.get(2).name())
        .isEqualTo("base_model.model.model.layers.0.self_attn.v_proj.lora_A.weight");
  }

  @Test
  void eachVectorIsTheGradientOfThatExampleAlone() {
    Parameters base = TinyModels.weights(C, 3);
    LoraParameters lora = TinyModels.adapter(C, LC, 4);
    List<Example> examples = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      examples.add(new Example(tokens(4 + i, 10 + i), i % 3)); // ragged lengths, some with prompts
    }
    List<float[]> grads = new PerExampleGradients(MODEL, base, lora, 3, 7, 0).compute(examples);
    assertThat(grads).hasSize(5);
    for (int i = 0; i < 5; i++) {
      Batch one = ExampleBatches.pack(new Example[] {examples.get(i)}, 7, 0);
      Activations a = new Activations(C, 1, 7, LC, false);
      Transformer.AdapterRun run = Transformer.AdapterRun.eval(lora);
      MODEL.forward(base, one, a, run);
      LoraParameters g = lora.zerosLike();
      MODEL.backward(base, one, a, run, Gradients.ofLora(g, one));
      for (int j = 0; j < g.data().length; j++) {
        assertThat(grads.get(i)[j])
            .isCloseTo(
                g.data()[j],
                org.assertj.core.data.Offset.offset(1e-6f + 1e-5f * Math.abs(g.data()[j])));
      }
    }
  }

  @Test
  void queryGradientScoresOnlyTheResponse() {
    Parameters base = TinyModels.weights(C, 5);
    LoraParameters lora = TinyModels.adapter(C, LC, 6);
    int[] prompt = tokens(3, 7);
    int[] response = tokens(4, 8);
    float[] g = new PerExampleGradients(MODEL, base, lora, 2, 8, 0).query(prompt, response);
    // the loss it differentiates: mean −log p(response token | everything before it)
    int[] all = new int[7];
    System.arraycopy(prompt, 0, all, 0, 3);
    System.arraycopy(response, 0, all, 3, 4);
    Batch b = ExampleBatches.pack(new Example[] {Example.promptResponse(prompt, response)}, 8, 0);
    long scored = java.util.Arrays.stream(b.targets()).filter(t -> t >= 0).count();
    assertThat(scored).isEqualTo(4);
    Activations a = new Activations(C, 1, 8, LC, false);
    GradCheck.check(
        "query gradient",
        lora.data(),
        0,
        g,
        lora.data().length,
        7,
        () -> MODEL.forward(base, b, a, Transformer.AdapterRun.eval(lora)));
  }
}
