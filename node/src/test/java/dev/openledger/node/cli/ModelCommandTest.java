package dev.openledger.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openledger.ml.format.Llama2cCheckpoint;
import dev.openledger.ml.runtime.LoadedModel;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code openledger model ...} in-process: pretrain (and its cache), generate, export, and bad
 * input.
 */
class ModelCommandTest {
  @TempDir static Path dir;
  static String previousCache;

  record Run(int code, String out, String err) {}

  static Run cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Run(code, out.toString(), err.toString());
  }

  @BeforeAll
  static void corpus() throws Exception {
    previousCache = System.getProperty("openledger.cache.dir");
    System.setProperty("openledger.cache.dir", dir.resolve("cache").toString());
    Path corpus = Files.createDirectories(dir.resolve("corpus"));
    String[] themes = {
      "the river ran past the old mill and the miller watched the water",
      "a farmer sold his grain in the town market before the winter came",
      "the children walked to school along the road beside the river"
    };
    for (int d = 0; d < themes.length; d++) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < 40; i++) {
        sb.append(themes[d]).append(i % 3 == 0 ? ". " : ", and ");
      }
      Files.writeString(corpus.resolve("doc" + d + ".txt"), sb.toString());
    }
  }

  @AfterAll
  static void restore() {
    if (previousCache == null) {
      System.clearProperty("openledger.cache.dir");
    } else {
      System.setProperty("openledger.cache.dir", previousCache);
    }
  }

  @Test
  void pretrainGenerateAndExport() throws Exception {
    Path model = dir.resolve("model");
    Run first =
        cli(
            "model",
            "pretrain",
            "--corpus",
            dir.resolve("corpus").toString(),
            "--preset",
            "tiny",
            "--steps",
            "3",
            "--seed",
            "5",
            "--out",
            model.toString());
    assertThat(first.code()).as(first.err()).isZero();
    assertThat(first.err())
        .contains("pre-training tiny for 3 steps")
        .contains("step 3/3")
        .contains("tok/s");
    assertThat(first.out()).contains("model written to").contains("held_out_loss");
    LoadedModel m = LoadedModel.read(model);
    assertThat(m.config().dim()).isEqualTo(128);

    Run again =
        cli(
            "model",
            "pretrain",
            "--corpus",
            dir.resolve("corpus").toString(),
            "--preset",
            "tiny",
            "--steps",
            "3",
            "--seed",
            "5",
            "--out",
            dir.resolve("model2").toString());
    assertThat(again.code()).as(again.err()).isZero();
    assertThat(again.err()).contains("using the cached model").doesNotContain("step 1/3");
    assertThat(Files.readAllBytes(dir.resolve("model2/model.safetensors")))
        .isEqualTo(Files.readAllBytes(model.resolve("model.safetensors")));

    Run gen =
        cli(
            "model",
            "generate",
            "--model",
            model.toString(),
            "--prompt",
            "the river",
            "--max-tokens",
            "5",
            "--temperature",
            "0");
    assertThat(gen.code()).as(gen.err()).isZero();
    assertThat(gen.out()).startsWith("the river");
    assertThat(gen.err()).containsPattern("\\[\\d+ tokens, stopped: (max_tokens|stop_token)\\]");

    Path bin = dir.resolve("export/model.bin");
    Files.createDirectories(bin.getParent());
    Run export =
        cli("model", "export-llama2c", "--model", model.toString(), "--out", bin.toString());
    assertThat(export.code()).as(export.err()).isZero();
    assertThat(Llama2cCheckpoint.read(bin).config().dim()).isEqualTo(128);
    assertThat(Files.size(dir.resolve("export/tokenizer.bin"))).isPositive();
  }

  @Test
  void badInputGivesAUsageErrorOrAClearFailure() {
    Run preset =
        cli(
            "model",
            "pretrain",
            "--corpus",
            dir.resolve("corpus").toString(),
            "--preset",
            "huge",
            "--out",
            dir.resolve("x").toString());
    assertThat(preset.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(preset.err()).contains("unknown preset 'huge'");
    Run missing =
        cli("model", "generate", "--model", dir.resolve("nowhere").toString(), "--prompt", "hi");
    assertThat(missing.code()).isEqualTo(ExitCodes.FAILURE);
    assertThat(missing.err()).contains("config.json");
    Run temp =
        cli(
            "model",
            "generate",
            "--model",
            dir.resolve("nowhere").toString(),
            "--prompt",
            "hi",
            "--temperature",
            "-1");
    assertThat(temp.code()).isEqualTo(ExitCodes.USAGE);
    Run bench = cli("bench", "infer", "--threads", "0");
    assertThat(bench.code()).isEqualTo(ExitCodes.USAGE);
  }
}
