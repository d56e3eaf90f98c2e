package dev.openledger.ml.format;

import dev.openledger.ml.model.LlamaConfig;
import dev.openledger.ml.tokenizer.BpeTokenizer;

/**
 * A complete model as held in a Hugging Face model directory: architecture, weights in Hugging Face
 * Llama naming ({@link LlamaLayout}), tokenizer, and the ids that start and end a sequence.
 *
 * @param config the architecture
 * @param weights exactly the tensors {@link LlamaLayout#shapes} lists for {@code config}
 * @param tokenizer a tokenizer whose ids all fit the model's vocabulary
 * @param bosTokenId id that starts a sequence
 * @param eosTokenId id that ends a sequence
 */
public record HfModel(
    LlamaConfig config,
    NamedTensors weights,
    BpeTokenizer tokenizer,
    int bosTokenId,
    int eosTokenId) {
  public HfModel {
    LlamaLayout.check(config, weights);
    if (tokenizer.vocabSize() > config.vocabSize()) {
      throw new IllegalArgumentException(
          "the tokenizer has "
              + tokenizer.vocabSize()
              + " tokens but the model's vocabulary only "
              + config.vocabSize());
    }
    new ConfigJson.Contents(config, bosTokenId, eosTokenId); // checks the ids
  }
}
