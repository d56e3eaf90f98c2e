package dev.openledger.ml.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class BpeTokenizerPropertyTest {
  /**
   * Strings over all of Unicode (no lone surrogates), weighted towards the characters that stress
   * the pre-tokenizer: spaces, apostrophes, digits, letters, and the added-token markers.
   */
  @Provide
  Arbitrary<String> text() {
    Arbitrary<String> anyCodePoint =
        Arbitraries.integers()
            .between(0, Character.MAX_CODE_POINT)
            .filter(cp -> cp < Character.MIN_SURROGATE || cp > Character.MAX_SURROGATE)
            .map(Character::toString);
    Arbitrary<String> pieces =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(4, anyCodePoint),
            net.jqwik.api.Tuple.of(
                3, Arbitraries.of(" ", "  ", "\t", "\n", "\r\n", "\u00a0", "'", "'s", "'ll")),
            net.jqwik.api.Tuple.of(3, Arbitraries.strings().alpha().numeric().ofMaxLength(6)),
            net.jqwik.api.Tuple.of(
                1,
                Arbitraries.of("<|im_start|>", "<|im_end|>", "<|bos|>", "<|", "|>", "👍🏽", "é")));
    return pieces.list().ofMaxSize(40).map(l -> String.join("", l));
  }

  @Property(tries = 300)
  void decodeOfEncodeIsIdentity(@ForAll("text") String s) {
    BpeTokenizer t = Fixtures.brownTokenizer();
    assertThat(t.decode(t.encode(s))).isEqualTo(s);
    assertThat(t.decode(t.encodeOrdinary(s))).isEqualTo(s);
  }

  @Property(tries = 200)
  void preTokenizerPiecesConcatenateToTheInput(@ForAll("text") String s) {
    assertThat(String.join("", Gpt2PreTokenizer.split(s))).isEqualTo(s);
  }

  @Property(tries = 200)
  void streamingDecoderEmitsTheSameText(@ForAll("text") String s) {
    BpeTokenizer t = Fixtures.brownTokenizer();
    StreamingDecoder d = new StreamingDecoder(t, false);
    StringBuilder sb = new StringBuilder();
    for (int id : t.encode(s)) {
      sb.append(d.push(id));
    }
    sb.append(d.flush());
    assertThat(sb.toString()).isEqualTo(s);
  }
}
