package dev.openledger.ml.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openledger.ml.lora.LoraConfig;
import dev.openledger.ml.model.LinearKind;
import dev.openledger.ml.model.LlamaConfig;
import dev.openledger.ml.testing.TestModels;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Every parser, fed a valid file with one byte changed or cut short anywhere, either accepts it or
 * throws {@link FormatException}: never another exception. (A fuzzer will push harder; this is the
 * floor.)
 */
class CorruptInputPropertyTest {
  /** How a valid input is damaged: one byte replaced, or the input cut at a position. */
  record Damage(int where, byte value, boolean truncate) {
    byte[] apply(byte[] valid) {
      int i = Math.floorMod(where, valid.length);
      if (truncate) {
        return Arrays.copyOf(valid, i);
      }
      byte[] out = valid.clone();
      out[i] = value;
      return out;
    }
  }

  interface Parser {
    void parse(byte[] bytes) throws IOException;
  }

  static final byte[] TOKENIZER =
      TokenizerJson.toJson(ModelDirectoryTest.TOKENIZER).getBytes(StandardCharsets.UTF_8);
  static final LlamaConfig BASE = TestModels.tiny(320, false);
  static final byte[] CONFIG =
      ConfigJson.toJson(new ConfigJson.Contents(BASE, 1, 2), DType.F32)
          .getBytes(StandardCharsets.UTF_8);
  static final byte[] ADAPTER_CONFIG =
      AdapterConfigJson.toJson(
              new AdapterConfigJson.Contents(
                  new LoraConfig(4, 8f, 0.05f, EnumSet.of(LinearKind.Q, LinearKind.V)),
                  Optional.of("base")))
          .getBytes(StandardCharsets.UTF_8);

  static void assertFailsCleanly(Parser parser, byte[] input) {
    try {
      parser.parse(input);
    } catch (FormatException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    } catch (Exception | StackOverflowError e) {
      throw new AssertionError("damaged input gave " + e, e);
    }
  }

  @Property(tries = 300)
  void tokenizerJson(@ForAll int where, @ForAll byte value, @ForAll boolean truncate) {
    assertFailsCleanly(TokenizerJson::parse, new Damage(where, value, truncate).apply(TOKENIZER));
  }

  @Property(tries = 300)
  void configJson(@ForAll int where, @ForAll byte value, @ForAll boolean truncate) {
    assertFailsCleanly(ConfigJson::parse, new Damage(where, value, truncate).apply(CONFIG));
  }

  @Property(tries = 300)
  void adapterConfigJson(@ForAll int where, @ForAll byte value, @ForAll boolean truncate) {
    assertFailsCleanly(
        AdapterConfigJson::parse, new Damage(where, value, truncate).apply(ADAPTER_CONFIG));
  }

  @Property(tries = 100)
  void gpt2Vocabulary(
      @ForAll int where,
      @ForAll byte value,
      @ForAll boolean truncate,
      @ForAll boolean damageMerges) {
    byte[] encoder = "{\"a\":0,\"b\":1,\"ab\":2}".getBytes(StandardCharsets.UTF_8);
    byte[] merges = "#version: 0.2\na b\n".getBytes(StandardCharsets.UTF_8);
    Damage d = new Damage(where, value, truncate);
    // a two-letter vocabulary lacks most bytes: even intact, it is refused cleanly
    assertFailsCleanly(
        b -> Gpt2Vocabulary.parse(damageMerges ? encoder : b, damageMerges ? b : merges),
        d.apply(damageMerges ? merges : encoder));
  }

  @Property(tries = 100)
  void llama2cCheckpointAndTokenizer(
      @ForAll @IntRange(min = 0, max = 200) int where,
      @ForAll byte value,
      @ForAll boolean truncate,
      @ForAll boolean header)
      throws IOException {
    Path dir = Files.createTempDirectory("corrupt");
    try {
      Path model = dir.resolve("model.bin");
      Path tok = dir.resolve("tokenizer.bin");
      Llama2cCheckpoint.write(model, BASE, TestModels.randomWeights(BASE, 1));
      Llama2cTokenizer.write(tok, ModelDirectoryTest.TOKENIZER, 320);
      // header=true damages the 28 header bytes, where every field matters
      int at = header ? where % 28 : where;
      Damage d = new Damage(at, value, truncate);
      Files.write(model, d.apply(Files.readAllBytes(model)));
      Files.write(tok, d.apply(Files.readAllBytes(tok)));
      assertFailsCleanly(b -> Llama2cCheckpoint.read(model), new byte[0]);
      assertFailsCleanly(b -> Llama2cTokenizer.read(tok, 320), new byte[0]);
    } finally {
      try (var files = Files.list(dir)) {
        for (Path p : files.toList()) {
          Files.delete(p);
        }
      }
      Files.delete(dir);
    }
  }
}
