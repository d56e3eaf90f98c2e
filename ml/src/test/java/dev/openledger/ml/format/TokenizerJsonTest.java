package dev.openledger.ml.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import dev.openledger.ml.corpus.BrownCorpus;
import dev.openledger.ml.testing.TestData;
import dev.openledger.ml.tokenizer.BpeTokenizer;
import dev.openledger.ml.tokenizer.BpeTrainer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TokenizerJsonTest {
  static BpeTokenizer trained;
  static BpeTokenizer gpt2;
  static String sample;

  @BeforeAll
  static void setUp() throws Exception {
    BrownCorpus corpus = BrownCorpus.open(TestData.brownCorpus());
    BpeTrainer trainer = new BpeTrainer(BpeTrainer.Options.defaults(2000));
    for (BrownCorpus.Document d : corpus.genre('b')) {
      trainer.add(BrownCorpus.text(d));
    }
    trained = trainer.train();
    Path g = TestData.gpt2Encoder();
    gpt2 = Gpt2Vocabulary.read(g.resolve("encoder.json"), g.resolve("vocab.bpe"));
    sample =
        BrownCorpus.text(corpus.genre('k').get(0)).substring(0, 4000)
            + "\n<|bos|>naïve café 日本語 👨‍👩‍👧‍👦 I'm   spaced\t\tout 1,234.5 <|im_start|>user\nhi<|im_end|>\n<|endoftext|>";
  }

  @Test
  void writeThenReadGivesAnEqualTokenizer(@TempDir Path dir) throws Exception {
    for (BpeTokenizer t : new BpeTokenizer[] {trained, gpt2}) {
      Path file = dir.resolve("tokenizer.json");
      TokenizerJson.write(file, t);
      BpeTokenizer back = TokenizerJson.read(file);
      assertThat(back).isEqualTo(t);
      assertThat(back.encode(sample)).isEqualTo(t.encode(sample));
      assertThat(TokenizerJson.toJson(back)).isEqualTo(Files.readString(file));
    }
  }

  /**
   * Hugging Face's own (Rust) tokenizers library loads our file and produces our ids and our text.
   */
  @Test
  void huggingFaceTokenizersLoadsOurFileAndAgreesOnIds(@TempDir Path dir) throws Exception {
    for (BpeTokenizer t : new BpeTokenizer[] {trained, gpt2}) {
      Path file = dir.resolve("tokenizer.json");
      TokenizerJson.write(file, t);
      try (HuggingFaceTokenizer hf =
          HuggingFaceTokenizer.newInstance(
              file,
              Map.of("addSpecialTokens", "false", "truncation", "false", "padding", "false"))) {
        long[] hfIds = hf.encode(sample, false, false).getIds();
        int[] ours = t.encode(sample);
        assertThat(Arrays.stream(hfIds).mapToInt(Math::toIntExact).toArray()).isEqualTo(ours);
        assertThat(hf.decode(hfIds, false)).isEqualTo(t.decode(ours));
      }
    }
  }

  @Test
  void acceptsMergesAsPairsAndAFileWithoutOptionalParts() throws Exception {
    String json =
        "{\"model\":{\"type\":\"BPE\",\"vocab\":"
            + byteVocab(",\"ab\":256")
            + ",\"merges\":[[\"a\",\"b\"]]},"
            + "\"pre_tokenizer\":{\"type\":\"ByteLevel\",\"add_prefix_space\":false}}";
    BpeTokenizer t = TokenizerJson.parse(json.getBytes(StandardCharsets.UTF_8));
    assertThat(t.encode("ab")).containsExactly(256);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "not JSON | {\"model\": | not valid JSON",
        "array root | [] | must be a JSON object",
        "trailing garbage | {}} | not valid JSON",
        "no model | {\"pre_tokenizer\":{\"type\":\"ByteLevel\"}} | no 'model'",
        "WordPiece | {\"pre_tokenizer\":{\"type\":\"ByteLevel\"},\"model\":{\"type\":\"WordPiece\"}} | type 'WordPiece'",
        "normalizer | {\"normalizer\":{\"type\":\"NFC\"}} | 'normalizer' is not supported",
        "truncation | {\"truncation\":{\"max_length\":5}} | 'truncation' is not supported",
        "Metaspace | {\"pre_tokenizer\":{\"type\":\"Metaspace\"}} | type 'Metaspace'",
        "no pre-tokenizer | {\"pre_tokenizer\":null,\"model\":{}} | must be ByteLevel",
        "template | {\"pre_tokenizer\":{\"type\":\"ByteLevel\"},\"post_processor\":{\"type\":\"TemplateProcessing\"}} | type 'TemplateProcessing'",
        "unknown field | {\"pre_tokenizer\":{\"type\":\"ByteLevel\"},\"model\":{},\"extra\":1} | [extra]",
        "duplicate key | {\"version\":\"1.0\",\"version\":\"1.0\"} | Duplicate field",
      })
  void refusesMalformedOrUnsupportedFiles(String name, String json, String message) {
    assertThatThrownBy(() -> TokenizerJson.parse(json.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(FormatException.class)
        .hasMessageContaining(message);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "missing byte | | -\"a\" | byte 0x61",
        "id gap | ,\"ab\":257 | | no token has id 256",
        "id twice | ,\"ab\":255 | | id 255 is given to both",
        "negative id | ,\"ab\":-1 | | has id -1, not a non-negative int",
        "merge of unknown token | | | 'ab', which is not in the vocabulary",
        "dropout | ,\"ab\":256 | dropout | 'dropout' is not supported",
        "byte fallback | ,\"ab\":256 | byte_fallback | 'byte_fallback' is not supported",
        "prefix | ,\"ab\":256 | prefix | 'continuing_subword_prefix' is not supported",
        "lstrip | ,\"ab\":256 | lstrip | 'lstrip' is not supported",
        "added id mismatch | ,\"ab\":256 | addedmismatch | is 'ab' in vocab but '<x>' in added_tokens",
      })
  void refusesInconsistentModels(String name, String extraVocab, String variant, String message) {
    String vocab = byteVocab(extraVocab == null ? "" : extraVocab);
    if ("-\"a\"".equals(variant)) {
      vocab = vocab.replace("\"a\":97,", "\"zz\":97,");
    }
    String model = "\"type\":\"BPE\",\"vocab\":" + vocab + ",\"merges\":[\"a b\"]";
    String added = "[]";
    switch (variant == null ? "" : variant) {
      case "dropout" -> model += ",\"dropout\":0.1";
      case "byte_fallback" -> model += ",\"byte_fallback\":true";
      case "prefix" -> model += ",\"continuing_subword_prefix\":\"##\"";
      case "lstrip" -> added = "[{\"id\":256,\"content\":\"ab\",\"lstrip\":true}]";
      case "addedmismatch" -> added = "[{\"id\":256,\"content\":\"<x>\",\"special\":true}]";
      default -> {}
    }
    String json =
        "{\"added_tokens\":"
            + added
            + ",\"pre_tokenizer\":{\"type\":\"ByteLevel\"},\"model\":{"
            + model
            + "}}";
    assertThatThrownBy(() -> TokenizerJson.parse(json.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(FormatException.class)
        .hasMessageContaining(message);
  }

  @Test
  void refusesAnOversizedFileBeforeReadingIt(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("tokenizer.json");
    try (var ch =
        java.nio.channels.FileChannel.open(
            file,
            java.nio.file.StandardOpenOption.CREATE_NEW,
            java.nio.file.StandardOpenOption.WRITE)) {
      ch.write(java.nio.ByteBuffer.wrap(new byte[] {' '}), TokenizerJson.MAX_BYTES); // sparse
    }
    assertThatThrownBy(() -> TokenizerJson.read(file))
        .isInstanceOf(FormatException.class)
        .hasMessageContaining("more than");
  }

  /** A JSON vocab of the 256 byte tokens (byte b has id b) plus {@code extra} entries. */
  static String byteVocab(String extra) {
    StringBuilder sb = new StringBuilder("{");
    for (int b = 0; b < 256; b++) {
      String c = String.valueOf(dev.openledger.ml.tokenizer.ByteLevel.charOf(b));
      String escaped = c.equals("\"") ? "\\\"" : c.equals("\\") ? "\\\\" : c;
      sb.append(b == 0 ? "" : ",").append('"').append(escaped).append("\":").append(b);
    }
    return sb.append(extra).append('}').toString();
  }
}
