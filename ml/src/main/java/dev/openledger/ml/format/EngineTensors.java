package dev.openledger.ml.format;

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

/**
 * Copies between the engine's flat buffers ({@link Parameters}, {@link LoraParameters}) and the
 * named tensors the file formats hold. Both sides use Hugging Face / PEFT names, so the copy is by
 * name, checked against the layout: a missing, extra or misshapen tensor is an {@link
 * IllegalArgumentException} naming it.
 */
public final class EngineTensors {
  private EngineTensors() {}

  /** The model's weights as named tensors (copies). */
  public static NamedTensors of(Parameters p) {
    return copyOut(p.layout().tensors(), p.data());
  }

  /**
   * The engine's buffer for {@code weights}, which must be exactly the tensors of a model of {@code
   * c}.
   */
  public static Parameters parameters(LlamaConfig c, NamedTensors weights) {
    LlamaLayout.check(c, weights);
    ParameterLayout layout = new ParameterLayout(c);
    float[] data = new float[layout.size()];
    copyIn(layout.tensors(), weights, data);
    return new Parameters(layout, data);
  }

  /** An adapter's factors as a PEFT adapter (copies). */
  public static PeftAdapter adapter(LoraParameters p, Optional<String> baseModel) {
    return new PeftAdapter(p.config(), baseModel, copyOut(p.layout().tensors(), p.data()));
  }

  /** The engine's buffer for {@code adapter}, checked against the base model {@code base}. */
  public static LoraParameters loraParameters(LlamaConfig base, PeftAdapter adapter) {
    adapter.check(base);
    LoraLayout layout = new LoraLayout(base, adapter.config());
    float[] data = new float[layout.size()];
    copyIn(layout.tensors(), adapter.tensors(), data);
    return new LoraParameters(layout, data);
  }

  private static NamedTensors copyOut(List<TensorSpec> specs, float[] data) {
    List<Tensor> out = new ArrayList<>(specs.size());
    for (TensorSpec s : specs) {
      out.add(
          new Tensor(
              s.name(), s.shape(), Arrays.copyOfRange(data, s.offset(), s.offset() + s.size())));
    }
    return NamedTensors.of(out);
  }

  private static void copyIn(List<TensorSpec> specs, NamedTensors tensors, float[] data) {
    if (tensors.size() != specs.size()) {
      throw new IllegalArgumentException(
          tensors.size() + " tensors given, the layout has " + specs.size());
    }
    for (TensorSpec s : specs) {
      Tensor t = tensors.get(s.name());
      if (!t.hasShape(s.shape())) {
        throw new IllegalArgumentException(
            "tensor '"
                + s.name()
                + "' has shape "
                + Arrays.toString(t.shape())
                + ", expected "
                + Arrays.toString(s.shape()));
      }
      System.arraycopy(t.data(), 0, data, s.offset(), s.size());
    }
  }
}
