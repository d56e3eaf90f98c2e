package dev.openledger.ml.runtime;

import dev.openledger.ml.format.DType;
import dev.openledger.ml.format.EngineTensors;
import dev.openledger.ml.format.HfModel;
import dev.openledger.ml.format.ModelDirectory;
import dev.openledger.ml.model.LlamaConfig;
import dev.openledger.ml.model.Parameters;
import dev.openledger.ml.tokenizer.BpeTokenizer;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A model opened from (or about to be written to) a Hugging Face model directory: engine weights,
 * tokenizer and the sequence markers.
 *
 * @param config architecture
 * @param weights engine weights (a private copy)
 * @param tokenizer the model's tokenizer
 * @param bosTokenId id that starts a sequence
 * @param eosTokenId id that ends one
 */
public record LoadedModel(
    LlamaConfig config,
    Parameters weights,
    BpeTokenizer tokenizer,
    int bosTokenId,
    int eosTokenId) {

  /**
   * Reads {@code config.json}, {@code model.safetensors} and {@code tokenizer.json} from {@code
   * dir}.
   */
  public static LoadedModel read(Path dir) throws IOException {
    HfModel m = ModelDirectory.read(dir);
    return new LoadedModel(
        m.config(),
        EngineTensors.parameters(m.config(), m.weights()),
        m.tokenizer(),
        m.bosTokenId(),
        m.eosTokenId());
  }

  /** Writes the model as a Hugging Face model directory with float32 weights. */
  public void write(Path dir) throws IOException {
    ModelDirectory.write(dir, toHf(), DType.F32);
  }

  /** The model in the formats' representation (copies the weights). */
  public HfModel toHf() {
    return new HfModel(config, EngineTensors.of(weights), tokenizer, bosTokenId, eosTokenId);
  }
}
