package dev.openledger.ml.format;

import dev.openledger.ml.lora.LoraConfig;
import dev.openledger.ml.model.LinearKind;
import dev.openledger.ml.model.LlamaConfig;
import java.util.Arrays;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A LoRA adapter as stored in a PEFT adapter directory: hyper-parameters, the base model it was
 * trained on, and its A/B matrices under PEFT names ({@link PeftNames}).
 *
 * @param config rank, alpha, dropout, target modules
 * @param baseModel {@code base_model_name_or_path}, when the file names one
 * @param tensors {@code lora_A} {@code [r, in]} and {@code lora_B} {@code [out, r]} for every layer
 *     and target
 */
public record PeftAdapter(LoraConfig config, Optional<String> baseModel, NamedTensors tensors) {
  public PeftAdapter {
    if (config == null || baseModel == null || tensors == null) {
      throw new IllegalArgumentException("config, baseModel and tensors are required");
    }
  }

  /**
   * Checks the adapter against the base model it is applied to: exactly one A and one B for every
   * layer and target module, with shapes {@code [r, in]} and {@code [out, r]}.
   *
   * @throws IllegalArgumentException naming the first tensor that is missing, unexpected or
   *     misshapen
   */
  public void check(LlamaConfig base) {
    int r = config.rank();
    TreeSet<String> expected = new TreeSet<>();
    for (int l = 0; l < base.nLayers(); l++) {
      for (LinearKind k : config.targets()) {
        expectShape(PeftNames.loraA(l, k), new int[] {r, k.inDim(base)});
        expectShape(PeftNames.loraB(l, k), new int[] {k.outDim(base), r});
        expected.add(PeftNames.loraA(l, k));
        expected.add(PeftNames.loraB(l, k));
      }
    }
    for (String name : tensors.names()) {
      if (!expected.contains(name)) {
        String why =
            PeftNames.parse(name)
                .map(
                    key ->
                        key.layer() >= base.nLayers()
                            ? " (layer "
                                + key.layer()
                                + " but the base model has "
                                + base.nLayers()
                                + ")"
                            : " (" + key.kind().peftName() + " is not in target_modules)")
                .orElse(" (not a Llama LoRA A/B weight)");
        throw new IllegalArgumentException("unexpected adapter tensor '" + name + "'" + why);
      }
    }
  }

  private void expectShape(String name, int[] shape) {
    Tensor t =
        tensors
            .find(name)
            .orElseThrow(
                () -> new IllegalArgumentException("missing adapter tensor '" + name + "'"));
    if (!t.hasShape(shape)) {
      throw new IllegalArgumentException(
          "adapter tensor '"
              + name
              + "' has shape "
              + Arrays.toString(t.shape())
              + ", expected "
              + Arrays.toString(shape));
    }
  }
}
