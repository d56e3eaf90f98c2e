package dev.openledger.ml.runtime;

import dev.openledger.ml.format.NamedTensors;
import dev.openledger.ml.format.PeftAdapter;
import dev.openledger.ml.format.Tensor;
import dev.openledger.ml.lora.LoraLayout;
import dev.openledger.ml.lora.LoraParameters;
import dev.openledger.ml.model.LlamaConfig;
import dev.openledger.ml.model.ParameterLayout;
import dev.openledger.ml.model.Parameters;
import dev.openledger.ml.model.TensorSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Copies between the engine's flat buffers and the formats' named tensors (same names, same shapes). */
public final class EngineTensors {
  private EngineTensors() {}

  /** The model's weights as Hugging Face Llama tensors. */
  public static NamedTensors toNamed(Parameters p) {
    return named(p.layout().tensors(), p.data());
  }

  /** Engine weights from Hugging Face Llama tensors; every tensor must be present with its exact shape. */
  public static Parameters fromNamed(LlamaConfig config, NamedTensors tensors) {
    ParameterLayout layout = new ParameterLayout(config);
    float[] data = new float[layout.size()];
    copyIn(layout.tensors(), tensors, data);
    return new Parameters(layout, data);
  }

  /** An adapter as a PEFT adapter (names {@code base_model.model.model.layers.N.….lora_A.weight}). */
  public static PeftAdapter toPeft(LoraParameters lora, Optional<String> baseModel) {
    return new PeftAdapter(lora.config(), baseModel, named(lora.layout().tensors(), lora.data()));
  }

  /** Engine adapter weights from a PEFT adapter checked against {@code model}. */
  public static LoraParameters fromPeft(LlamaConfig model, PeftAdapter adapter) {
    adapter.check(model);
    LoraLayout layout = new LoraLayout(model, adapter.config());
    float[] data = new float[layout.size()];
    copyIn(layout.tensors(), adapter.tensors(), data);
    return new LoraParameters(layout, data);
  }

  private static NamedTensors named(List<TensorSpec> specs, float[] data) {
    List<Tensor> out = new ArrayList<>(specs.size());
    for (TensorSpec s : specs) {
      out.add(new Tensor(s.name(), s.shape(), Arrays.copyOfRange(data, s.offset(), s.offset() + s.size())));
    }
    return NamedTensors.of(out);
  }

  private static void copyIn(List<TensorSpec> specs, NamedTensors tensors, float[] data) {
    if (tensors.size() != specs.size()) {
      throw new IllegalArgumentException("expected " + specs.size() + " tensors, got " + tensors.size());
    }
    for (TensorSpec s : specs) {
      Tensor t = tensors.find(s.name()).orElseThrow(
          () -> new IllegalArgumentException("missing tensor " + s.name()));
      if (!Arrays.equals(t.shape(), s.shape())) {
        throw new IllegalArgumentException("tensor " + s.name() + " has shape " + Arrays.toString(t.shape())
            + ", expected " + Arrays.toString(s.shape()));
      }
      System.arraycopy(t.data(), 0, data, s.offset(), s.size());
    }
  }
}
