package dev.openledger.openlora.service;

import dev.openledger.ml.format.EngineTensors;
import dev.openledger.ml.format.HfModel;
import dev.openledger.ml.format.ModelDirectory;
import dev.openledger.ml.model.LlamaConfig;
import dev.openledger.ml.model.Parameters;
import dev.openledger.ml.tokenizer.BpeTokenizer;
import dev.openledger.ml.tokenizer.ChatTemplate;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The shared base model every adapter is applied to.
 *
 * @param id the base model's id: approved models name it as their base, {@code /v1/models} shows it
 *     as {@code parent}
 * @param weights engine weights (read-only while serving)
 * @param tokenizer its tokenizer
 * @param bosTokenId prepended to every prompt
 * @param eosTokenId ends every completion
 */
public record BaseModel(
    String id, Parameters weights, BpeTokenizer tokenizer, int bosTokenId, int eosTokenId) {
  public BaseModel {
    if (id == null || id.isBlank() || weights == null || tokenizer == null) {
      throw new IllegalArgumentException("id, weights and tokenizer are required");
    }
    if (tokenizer.vocabSize() > weights.config().vocabSize()) {
      throw new IllegalArgumentException(
          "the tokenizer has more tokens than the model's vocabulary");
    }
  }

  /** Reads a Hugging Face model directory. */
  public static BaseModel read(Path dir, String id) throws IOException {
    HfModel m = ModelDirectory.read(dir);
    return new BaseModel(
        id,
        EngineTensors.parameters(m.config(), m.weights()),
        m.tokenizer(),
        m.bosTokenId(),
        m.eosTokenId());
  }

  public LlamaConfig config() {
    return weights.config();
  }

  /** The ChatML template, when the tokenizer has its markers. */
  public Optional<ChatTemplate> chatTemplate() {
    try {
      return Optional.of(ChatTemplate.chatMl(tokenizer));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
