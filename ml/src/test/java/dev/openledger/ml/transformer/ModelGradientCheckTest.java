package dev.openledger.ml.transformer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openledger.ml.lora.LoraConfig;
import dev.openledger.ml.lora.LoraParameters;
import dev.openledger.ml.model.LlamaConfig;
import dev.openledger.ml.model.Parameters;
import dev.openledger.ml.model.TensorSpec;
import dev.openledger.ml.nn.CrossEntropy;
import dev.openledger.ml.tensor.GradCheck;
import dev.openledger.ml.tensor.Kernels;
import dev.openledger.ml.tensor.VectorKernels;
import dev.openledger.ml.tensor.WorkerPool;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Finite-difference checks of the whole model's backward pass: every base weight (tied and untied
 * head) and every adapter weight of a tiny model, against the mean token loss of a batch with an
 * ignored position.
 */
class ModelGradientCheckTest {
  private static final Kernels K = new VectorKernels(new WorkerPool(2));

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void baseWeights(boolean tied) {
    LlamaConfig c = TinyModels.config(tied);
    Parameters w = TinyModels.weights(c, 11);
    Batch batch = withIgnored(TinyModels.batch(c, 2, 6, 12));
    Transformer model = new Transformer(c, K);
    Activations acts = new Activations(c, 2, 6);
    DoubleSupplier loss = () -> model.forward(w, batch, acts, null);
    double unused = loss.getAsDouble(); // the forward pass fills what the backward reads
    Parameters g = w.zerosLike();
    model.backward(w, batch, acts, null, Gradients.ofBase(g, batch));
    for (TensorSpec s : w.layout().tensors()) {
      GradCheck.check(s.name(), w.data(), s.offset(), slice(g.data(), s), s.size(), 1, loss);
    }
  }

  @Test
  void adapterWeightsWithBaseFrozen() {
    LlamaConfig c = TinyModels.config(false);
    Parameters w = TinyModels.weights(c, 21);
    LoraConfig lc = TinyModels.allTargets(0f);
    LoraParameters lora = TinyModels.adapter(c, lc, 22);
    Batch batch = withIgnored(TinyModels.batch(c, 2, 5, 23));
    Transformer model = new Transformer(c, K);
    Activations acts = new Activations(c, 2, 5, lc, false);
    Transformer.AdapterRun run = Transformer.AdapterRun.eval(lora);
    DoubleSupplier loss = () -> model.forward(w, batch, acts, run);
    double unused = loss.getAsDouble(); // the forward pass fills what the backward reads
    LoraParameters g = lora.zerosLike();
    model.backward(w, batch, acts, run, Gradients.ofLora(g, batch));
    for (TensorSpec s : lora.layout().tensors()) {
      GradCheck.check(s.name(), lora.data(), s.offset(), slice(g.data(), s), s.size(), 1, loss);
    }
  }

  @Test
  void baseWeightsThroughAnAdapter() {
    LlamaConfig c = TinyModels.config(true);
    Parameters w = TinyModels.weights(c, 31);
    LoraConfig lc = TinyModels.allTargets(0f);
    LoraParameters lora = TinyModels.adapter(c, lc, 32);
    Batch batch = TinyModels.batch(c, 1, 6, 33);
    Transformer model = new Transformer(c, K);
    Activations acts = new Activations(c, 1, 6, lc, false);
    Transformer.AdapterRun run = Transformer.AdapterRun.eval(lora);
    DoubleSupplier loss = () -> model.forward(w, batch, acts, run);
    double unused = loss.getAsDouble(); // the forward pass fills what the backward reads
    Parameters g = w.zerosLike();
    model.backward(
        w,
        batch,
        acts,
        run,
        new Gradients(g, null, null, CrossEntropy.meanWeights(batch.targets())));
    // the adapter's dX feeds every lower layer: check the embedding, which sees all of it
    TensorSpec embed = w.layout().tensors().get(0);
    GradCheck.check(
        embed.name(), w.data(), embed.offset(), slice(g.data(), embed), embed.size(), 1, loss);
  }

  @Test
  void perExampleGradientsEqualEachSequenceAlone() {
    LlamaConfig c = TinyModels.config(false);
    Parameters w = TinyModels.weights(c, 41);
    LoraConfig lc = TinyModels.allTargets(0f);
    LoraParameters lora = TinyModels.adapter(c, lc, 42);
    Batch batch = withIgnored(TinyModels.batch(c, 3, 5, 43));
    Transformer model = new Transformer(c, K);
    Transformer.AdapterRun run = Transformer.AdapterRun.eval(lora);
    Activations acts = new Activations(c, 3, 5, lc, false);
    model.forward(w, batch, acts, run);
    LoraParameters[] pe = {lora.zerosLike(), lora.zerosLike(), lora.zerosLike()};
    model.backward(w, batch, acts, run, Gradients.perExample(pe, batch));
    for (int b = 0; b < 3; b++) {
      Batch one =
          new Batch(
              1,
              5,
              java.util.Arrays.copyOfRange(batch.tokens(), b * 5, b * 5 + 5),
              java.util.Arrays.copyOfRange(batch.targets(), b * 5, b * 5 + 5));
      Activations a1 = new Activations(c, 1, 5, lc, false);
      model.forward(w, one, a1, run);
      LoraParameters g = lora.zerosLike();
      model.backward(w, one, a1, run, Gradients.ofLora(g, one));
      for (int i = 0; i < g.data().length; i++) {
        assertThat(pe[b].data()[i])
            .as("sequence %d element %d", b, i)
            .isCloseTo(
                g.data()[i],
                org.assertj.core.data.Offset.offset(1e-6f + 1e-5f * Math.abs(g.data()[i])));
      }
    }
  }

  /** Marks one position as having no target, so the check covers ignored positions too. */
  public static Batch withIgnored(Batch b) {
    int[] t = b.targets().clone();
    t[1] = CrossEntropy.IGNORE;
    return new Batch(b.batchSize(), b.seqLen(), b.tokens(), t);
  }

  static float[] slice(float[] data, TensorSpec s) {
    return java.util.Arrays.copyOfRange(data, s.offset(), s.offset() + s.size());
  }
}
