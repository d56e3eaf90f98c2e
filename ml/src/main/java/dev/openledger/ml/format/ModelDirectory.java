package dev.openledger.ml.format;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openledger.core.json.Json;
import dev.openledger.ml.tokenizer.BpeTokenizer;
import dev.openledger.ml.tokenizer.BpeTrainer;
import dev.openledger.ml.tokenizer.ChatTemplate;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/**
 * A Hugging Face-style model directory:
 *
 * <pre>
 * config.json            architecture (Llama field names), bos/eos ids        — {@link ConfigJson}
 * model.safetensors      weights, Hugging Face Llama tensor names            — {@link LlamaLayout}
 * tokenizer.json         byte-level BPE tokenizer                             — {@link TokenizerJson}
 * tokenizer_config.json  for Python's AutoTokenizer: class, bos/eos, ChatML chat_template (written, not read)
 * </pre>
 */
public final class ModelDirectory {
  public static final String CONFIG = "config.json";
  public static final String WEIGHTS = "model.safetensors";
  public static final String TOKENIZER = "tokenizer.json";
  public static final String TOKENIZER_CONFIG = "tokenizer_config.json";

  private ModelDirectory() {}

  /** Writes {@code model} into {@code dir} (created if needed), weights stored as {@code dtype}. */
  public static void write(Path dir, HfModel model, DType dtype) throws IOException {
    Files.createDirectories(dir);
    ConfigJson.Contents contents =
        new ConfigJson.Contents(model.config(), model.bosTokenId(), model.eosTokenId());
    SafeTensors.write(dir.resolve(WEIGHTS), model.weights(), Map.of("format", "pt"), dtype);
    TokenizerJson.write(dir.resolve(TOKENIZER), model.tokenizer());
    FileSupport.writeAtomically(
        dir.resolve(TOKENIZER_CONFIG), tokenizerConfig(model).getBytes(StandardCharsets.UTF_8));
    // config.json last: its presence marks a complete directory
    FileSupport.writeAtomically(
        dir.resolve(CONFIG), ConfigJson.toJson(contents, dtype).getBytes(StandardCharsets.UTF_8));
  }

  /** Reads and cross-checks a model directory. */
  public static HfModel read(Path dir) throws IOException {
    ConfigJson.Contents c = readConfig(dir);
    BpeTokenizer tokenizer = TokenizerJson.read(require(dir, TOKENIZER));
    NamedTensors weights = SafeTensors.read(require(dir, WEIGHTS));
    try {
      return new HfModel(c.config(), weights, tokenizer, c.bosTokenId(), c.eosTokenId());
    } catch (IllegalArgumentException e) {
      throw new FormatException(dir.getFileName() + ": " + e.getMessage(), e);
    }
  }

  /** Reads only {@code config.json} (cheap: for listing models). */
  public static ConfigJson.Contents readConfig(Path dir) throws IOException {
    return ConfigJson.parse(FileSupport.readBounded(require(dir, CONFIG), 1 << 20, CONFIG));
  }

  private static Path require(Path dir, String name) throws NoSuchFileException {
    Path p = dir.resolve(name);
    if (!Files.isRegularFile(p)) {
      throw new NoSuchFileException(
          p.toString(), null, "not a model directory: " + name + " is missing");
    }
    return p;
  }

  private static String tokenizerConfig(HfModel model) {
    BpeTokenizer t = model.tokenizer();
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    n.put("tokenizer_class", "PreTrainedTokenizerFast");
    n.put("bos_token", t.token(model.bosTokenId()));
    n.put("eos_token", t.token(model.eosTokenId()));
    t.addedTokenId(BpeTrainer.PAD).ifPresent(id -> n.put("pad_token", BpeTrainer.PAD));
    n.put("add_bos_token", false);
    n.put("add_eos_token", false);
    n.put("clean_up_tokenization_spaces", false);
    n.put("model_max_length", model.config().maxSeqLen());
    if (t.addedTokenId(BpeTrainer.IM_START).isPresent()
        && t.addedTokenId(BpeTrainer.IM_END).isPresent()) {
      n.put("chat_template", ChatTemplate.JINJA);
    }
    return Json.writePretty(n) + "\n";
  }
}
