package dev.openledger.ml.train;

import dev.openledger.ml.lora.LoraLayout;
import dev.openledger.ml.lora.LoraParameters;
import dev.openledger.ml.model.Parameters;
import dev.openledger.ml.model.TensorSpec;
import dev.openledger.ml.transformer.Activations;
import dev.openledger.ml.transformer.Batch;
import dev.openledger.ml.transformer.Gradients;
import dev.openledger.ml.transformer.Transformer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-example gradients of a LoRA adapter, for training-data attribution (TracIn, Pruthi et al.,
 * NeurIPS 2020; DataInf, Kwon et al., ICLR 2024): for each example, the gradient of its own loss —
 * the mean token loss over its scored tokens — with respect to every adapter parameter, as one flat
 * float vector.
 *
 * <p>Vector layout: the adapter's {@link LoraLayout}, i.e. layer by layer, targets in the order q,
 * k, v, o, gate, up, down, each {@code lora_A [r, in]} then {@code lora_B [out, r]}, row-major;
 * {@link #layout()} gives every segment's PEFT tensor name, offset and shape, and {@link
 * #dimension()} the length.
 *
 * <p>Computed from one batched backward pass per batch of examples: each sequence's factor
 * gradients are summed over its own rows only ({@code dB_i = Σ_{t∈i} dY_t·U_tᵀ}), which is exact
 * because sequences do not interact in the forward pass. The adapter runs without dropout
 * (evaluation mode); the base is frozen. Examples longer than {@code seqLen + 1} tokens are cut to
 * their first {@code seqLen + 1}.
 */
public final class PerExampleGradients {
  private final Transformer model;
  private final Parameters base;
  private final LoraParameters adapter;
  private final int batchSize;
  private final int seqLen;
  private final int padId;
  private final Map<Integer, Activations> acts = new HashMap<>();

  /**
   * @param batchSize examples per backward pass
   * @param seqLen tokens per example row (longer examples are cut)
   * @param padId token used to pad shorter examples (never scored)
   */
  public PerExampleGradients(
      Transformer model,
      Parameters base,
      LoraParameters adapter,
      int batchSize,
      int seqLen,
      int padId) {
    if (batchSize <= 0 || seqLen <= 0) {
      throw new IllegalArgumentException("batch size and sequence length must be positive");
    }
    this.model = model;
    this.base = base;
    this.adapter = adapter;
    this.batchSize = batchSize;
    this.seqLen = seqLen;
    this.padId = padId;
  }

  /** The segments of a gradient vector: PEFT tensor name, shape and offset, in vector order. */
  public List<TensorSpec> layout() {
    return adapter.layout().tensors();
  }

  /** Length of each gradient vector. */
  public int dimension() {
    return adapter.layout().size();
  }

  /** One gradient vector per example, in order. */
  public List<float[]> compute(List<Example> examples) {
    List<float[]> out = new ArrayList<>(examples.size());
    for (int from = 0; from < examples.size(); from += batchSize) {
      int n = Math.min(batchSize, examples.size() - from);
      Example[] rows = examples.subList(from, from + n).toArray(new Example[0]);
      Batch batch = ExampleBatches.pack(rows, seqLen, padId);
      Activations a =
          acts.computeIfAbsent(
              n, k -> new Activations(base.config(), k, seqLen, adapter.config(), false));
      Transformer.AdapterRun run = Transformer.AdapterRun.eval(adapter);
      model.forward(base, batch, a, run);
      LoraParameters[] grads = new LoraParameters[n];
      for (int i = 0; i < n; i++) {
        grads[i] = adapter.zerosLike();
      }
      model.backward(base, batch, a, run, Gradients.perExample(grads, batch));
      for (LoraParameters g : grads) {
        out.add(g.data());
      }
    }
    return out;
  }

  /**
   * The gradient for a query: {@code prompt} then {@code response}, loss on the response tokens
   * only.
   */
  public float[] query(int[] prompt, int[] response) {
    if (response.length == 0) {
      throw new IllegalArgumentException("a query needs at least one response token to score");
    }
    Example e =
        prompt.length == 0 ? new Example(response, 0) : Example.promptResponse(prompt, response);
    return compute(List.of(e)).get(0);
  }
}
