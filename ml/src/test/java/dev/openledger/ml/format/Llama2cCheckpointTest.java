package dev.openledger.ml.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.openledger.ml.model.LlamaConfig;
import dev.openledger.ml.testing.TestModels;
import dev.openledger.ml.tokenizer.BpeTokenizer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Llama2cCheckpointTest {
  @Test
  void writeThenReadGivesTheSameWeights(@TempDir Path dir) throws Exception {
    for (boolean tied : new boolean[] {true, false}) {
      LlamaConfig c = TestModels.tiny(320, tied);
      NamedTensors w = TestModels.randomWeights(c, 3);
      Path file = dir.resolve("model" + tied + ".bin");
      Llama2cCheckpoint.write(file, c, w);
      Llama2cCheckpoint.Contents back = Llama2cCheckpoint.read(file);
      assertThat(back.config()).isEqualTo(c);
      assertThat(back.weights()).isEqualTo(w);
    }
  }

  @Test
  void exportsAModelDirectory(@TempDir Path dir) throws Exception {
    HfModel m = ModelDirectoryTest.model(false);
    ModelDirectory.write(dir.resolve("model"), m, DType.F32);
    Llama2cCheckpoint.exportModelDirectory(
        dir.resolve("model"), dir.resolve("model.bin"), dir.resolve("tokenizer.bin"));
    assertThat(Llama2cCheckpoint.read(dir.resolve("model.bin")).weights()).isEqualTo(m.weights());
    assertThat(Llama2cTokenizer.read(dir.resolve("tokenizer.bin"), 320).tokens()[5])
        .isEqualTo(m.tokenizer().tokenBytes(5));
  }

  @Test
  void headerAndSizeFollowRunC(@TempDir Path dir) throws Exception {
    LlamaConfig c = TestModels.tiny(320, false);
    Path file = dir.resolve("model.bin");
    Llama2cCheckpoint.write(file, c, TestModels.randomWeights(c, 3));
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    int[] header = new int[7];
    for (int i = 0; i < 7; i++) {
      header[i] = b.getInt();
    }
    // dim, hidden_dim, n_layers, n_heads, n_kv_heads, -vocab (untied), seq_len
    assertThat(header).containsExactly(16, 40, 2, 4, 2, -320, 32);
    long floats =
        LlamaLayout.parameterCount(c) + 2L * 32 * (4 / 2) * 1; // + freq_cis real and imag [S, HS/2]
    assertThat(Files.size(file)).isEqualTo(28 + 4 * floats);
    // the first float after the header is the embedding's first element
    assertThat(b.getFloat(28))
        .isEqualTo(TestModels.randomWeights(c, 3).get("model.embed_tokens.weight").data()[0]);
  }

  @Test
  void qkRowsAreInterleavedPerHead() {
    // one head of size 4, input width 1: HF rows [re0, re1, im0, im1] → run.c [re0, im0, re1, im1]
    float[] hf = {10, 11, 20, 21};
    assertThat(Llama2cCheckpoint.toRunC(hf, 1, 4, 1)).containsExactly(10, 20, 11, 21);
    float[] twoHeads = {0, 1, 2, 3, 4, 5, 6, 7};
    assertThat(Llama2cCheckpoint.toRunC(twoHeads, 2, 4, 1)).containsExactly(0, 2, 1, 3, 4, 6, 5, 7);
    float[] w = TestModels.gaussian(new SplittableRandom(1), 8 * 3, 1);
    assertThat(Llama2cCheckpoint.toHf(Llama2cCheckpoint.toRunC(w, 2, 4, 3), 2, 4, 3))
        .containsExactly(w);
  }

  /**
   * The permutation is the right one: run.c's interleaved rotation of the permuted projection
   * equals the permuted Hugging Face rotate-half rotation of the original projection, at every
   * position.
   */
  @Test
  void runCRopeOnPermutedWeightsEqualsHuggingFaceRope() {
    int heads = 2;
    int hs = 8;
    int in = 5;
    SplittableRandom r = new SplittableRandom(5);
    float[] w = TestModels.gaussian(r, heads * hs * in, 1);
    float[] x = TestModels.gaussian(r, in, 1);
    float[] wRunC = Llama2cCheckpoint.toRunC(w, heads, hs, in);
    for (int pos = 0; pos < 6; pos++) {
      float[] hfQ = matvec(w, x, heads * hs, in);
      float[] rcQ = matvec(wRunC, x, heads * hs, in);
      for (int h = 0; h < heads; h++) {
        for (int i = 0; i < hs / 2; i++) {
          double angle = pos / Math.pow(10000, 2.0 * i / hs);
          int a = h * hs + i;
          int b = a + hs / 2;
          float re = (float) (hfQ[a] * Math.cos(angle) - hfQ[b] * Math.sin(angle));
          float im = (float) (hfQ[b] * Math.cos(angle) + hfQ[a] * Math.sin(angle));
          hfQ[a] = re;
          hfQ[b] = im;
          // run.c: pair (2i, 2i+1) of the head, frequency index (2i mod hs) / hs
          int c = h * hs + 2 * i;
          float v0 = rcQ[c];
          float v1 = rcQ[c + 1];
          rcQ[c] = (float) (v0 * Math.cos(angle) - v1 * Math.sin(angle));
          rcQ[c + 1] = (float) (v0 * Math.sin(angle) + v1 * Math.cos(angle));
        }
      }
      assertThat(rcQ).containsExactly(Llama2cCheckpoint.toRunC(hfQ, heads, hs, 1));
    }
  }

  private static float[] matvec(float[] w, float[] x, int rows, int cols) {
    float[] y = new float[rows];
    for (int i = 0; i < rows; i++) {
      float s = 0;
      for (int j = 0; j < cols; j++) {
        s += w[i * cols + j] * x[j];
      }
      y[i] = s;
    }
    return y;
  }

  @Test
  void refusesModelsRunCCannotReproduce(@TempDir Path dir) {
    LlamaConfig theta = new LlamaConfig(16, 40, 2, 4, 2, 320, 32, 500000f, 1e-5f, true);
    assertThatThrownBy(
            () ->
                Llama2cCheckpoint.write(
                    dir.resolve("m.bin"), theta, TestModels.randomWeights(theta, 1)))
        .isInstanceOf(FormatException.class)
        .hasMessageContaining("rope_theta 10000");
    LlamaConfig eps = new LlamaConfig(16, 40, 2, 4, 2, 320, 32, 10000f, 1e-6f, true);
    assertThatThrownBy(
            () ->
                Llama2cCheckpoint.write(
                    dir.resolve("m.bin"), eps, TestModels.randomWeights(eps, 1)))
        .isInstanceOf(FormatException.class)
        .hasMessageContaining("rms_norm_eps 1e-5");
  }

  @Test
  void refusesCorruptCheckpoints(@TempDir Path dir) throws Exception {
    LlamaConfig c = TestModels.tiny(320, true);
    Path good = dir.resolve("good.bin");
    Llama2cCheckpoint.write(good, c, TestModels.randomWeights(c, 3));
    byte[] bytes = Files.readAllBytes(good);
    assertRefused(dir, Arrays.copyOf(bytes, 20), "shorter than the 28-byte header");
    assertRefused(dir, Arrays.copyOf(bytes, bytes.length - 4), "header implies");
    assertRefused(dir, Arrays.copyOf(bytes, bytes.length + 4), "header implies");
    assertRefused(dir, withInt(bytes, 0, -16), "sizes must be positive");
    assertRefused(dir, withInt(bytes, 5, 0), "vocab_size 0");
    assertRefused(dir, withInt(bytes, 3, 3), "not a multiple of nHeads");
    assertRefused(dir, withInt(bytes, 5, Integer.MAX_VALUE), "does not fit a Java array");
    assertRefused(dir, withInt(bytes, 5, 100_000), "header implies");
    assertRefused(
        dir, withInt(withInt(bytes, 0, 1 << 20), 3, 1 << 15), "does not fit a Java array");
  }

  private static byte[] withInt(byte[] bytes, int index, int value) {
    byte[] out = bytes.clone();
    ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).putInt(index * 4, value);
    return out;
  }

  private static void assertRefused(Path dir, byte[] bytes, String message) throws Exception {
    Path f = Files.createTempFile(dir, "bad", ".bin");
    Files.write(f, bytes);
    assertThatThrownBy(() -> Llama2cCheckpoint.read(f))
        .isInstanceOf(FormatException.class)
        .hasMessageContaining(message);
  }

  @Test
  void tokenizerBinHoldsTokenBytesAndMergeScores(@TempDir Path dir) throws Exception {
    BpeTokenizer t = ModelDirectoryTest.TOKENIZER;
    Path file = dir.resolve("tokenizer.bin");
    Llama2cTokenizer.write(file, t, 320);
    Llama2cTokenizer.Contents back = Llama2cTokenizer.read(file, 320);
    for (int id = 0; id < t.vocabSize(); id++) {
      assertThat(back.tokens()[id]).isEqualTo(t.tokenBytes(id));
    }
    assertThat(back.tokens()[3])
        .containsExactly(0); // byte 0x00 at id 3, where run.c's byte fallback looks
    assertThat(new String(back.tokens()[1], StandardCharsets.UTF_8)).isEqualTo("<|bos|>");
    assertThat(new String(back.tokens()[310], StandardCharsets.US_ASCII)).isEqualTo("<unused310>");
    int firstMerged = t.id(t.merges().get(0).result()).orElseThrow();
    int secondMerged = t.id(t.merges().get(1).result()).orElseThrow();
    assertThat(back.scores()[firstMerged]).isEqualTo(0f);
    assertThat(back.scores()[secondMerged]).isEqualTo(-1f);
    assertThat(back.scores()[1]).isEqualTo(Llama2cTokenizer.ADDED_SCORE);
    int max = Arrays.stream(back.tokens()).mapToInt(b -> b.length).max().orElseThrow();
    assertThat(back.maxTokenLength()).isEqualTo(max);

    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, Arrays.copyOf(bytes, bytes.length - 1));
    assertThatThrownBy(() -> Llama2cTokenizer.read(file, 320))
        .isInstanceOf(FormatException.class)
        .hasMessageContaining("token 319");
    Files.write(file, bytes);
    assertThatThrownBy(() -> Llama2cTokenizer.read(file, 300))
        .isInstanceOf(FormatException.class)
        .hasMessageContaining("bytes after the last");
  }
}
