package dev.openledger.ml.train;

import dev.openledger.ml.lora.LoraParameters;
import dev.openledger.ml.model.Parameters;
import dev.openledger.ml.model.TensorSpec;
import dev.openledger.ml.nn.CrossEntropy;
import dev.openledger.ml.tensor.Rng;
import dev.openledger.ml.transformer.Activations;
import dev.openledger.ml.transformer.Batch;
import dev.openledger.ml.transformer.Gradients;
import dev.openledger.ml.transformer.Transformer;

/**
 * What a {@link Trainer} optimises: a flat parameter buffer, its gradient buffer, and a loss over
 * batches.
 */
public sealed interface Objective permits Objective.Full, Objective.Lora {

  /** The trained parameters (updated in place). */
  float[] params();

  /** Gradients, same layout as {@link #params()}. */
  float[] grads();

  /** Which parameters get weight decay. */
  boolean[] decayMask();

  /** The worker pool the model runs on (the optimizer update uses it too). */
  dev.openledger.ml.tensor.WorkerPool pool();

  /**
   * Runs forward and backward on {@code batch}, adding {@code scale ×} the gradient of its mean
   * token loss into {@link #grads()}; {@code dropout} seeds adapter dropout.
   *
   * @return the batch's mean token loss
   */
  float accumulate(Batch batch, float scale, Rng dropout);

  /** Full training of a base model: every weight is trained. */
  final class Full implements Objective {
    private final Transformer model;
    private final Parameters weights;
    private final Parameters grads;
    private final Activations acts;

    public Full(Transformer model, Parameters weights, int batchSize, int seqLen) {
      this.model = model;
      this.weights = weights;
      this.grads = weights.zerosLike();
      this.acts = new Activations(weights.config(), batchSize, seqLen);
    }

    public Parameters weights() {
      return weights;
    }

    @Override
    public float[] params() {
      return weights.data();
    }

    @Override
    public float[] grads() {
      return grads.data();
    }

    @Override
    public boolean[] decayMask() {
      boolean[] mask = new boolean[weights.data().length];
      for (TensorSpec s : weights.layout().tensors()) {
        if (s.shape().length == 2) { // matrices decay; RMSNorm weights do not
          java.util.Arrays.fill(mask, s.offset(), s.offset() + s.size(), true);
        }
      }
      return mask;
    }

    @Override
    public dev.openledger.ml.tensor.WorkerPool pool() {
      return model.kernels().pool();
    }

    @Override
    public float accumulate(Batch batch, float scale, Rng dropout) {
      float loss = model.forward(weights, batch, acts, null);
      model.backward(
          weights, batch, acts, null, new Gradients(grads, null, null, scaled(batch, scale)));
      return loss;
    }
  }

  /** LoRA training: the adapter is trained, the base is frozen. */
  final class Lora implements Objective {
    private final Transformer model;
    private final Parameters base;
    private final LoraParameters adapter;
    private final LoraParameters grads;
    private final Activations acts;

    public Lora(
        Transformer model, Parameters base, LoraParameters adapter, int batchSize, int seqLen) {
      this.model = model;
      this.base = base;
      this.adapter = adapter;
      this.grads = adapter.zerosLike();
      this.acts = new Activations(base.config(), batchSize, seqLen, adapter.config(), true);
    }

    public LoraParameters adapter() {
      return adapter;
    }

    @Override
    public float[] params() {
      return adapter.data();
    }

    @Override
    public float[] grads() {
      return grads.data();
    }

    @Override
    public boolean[] decayMask() {
      boolean[] mask = new boolean[adapter.data().length];
      java.util.Arrays.fill(mask, true);
      return mask;
    }

    @Override
    public dev.openledger.ml.tensor.WorkerPool pool() {
      return model.kernels().pool();
    }

    @Override
    public float accumulate(Batch batch, float scale, Rng dropout) {
      Transformer.AdapterRun run = new Transformer.AdapterRun(adapter, dropout);
      float loss = model.forward(base, batch, acts, run);
      model.backward(
          base, batch, acts, run, new Gradients(null, grads, null, scaled(batch, scale)));
      return loss;
    }
  }

  private static float[] scaled(Batch batch, float scale) {
    float[] w = CrossEntropy.meanWeights(batch.targets());
    for (int i = 0; i < w.length; i++) {
      w[i] *= scale;
    }
    return w;
  }
}
