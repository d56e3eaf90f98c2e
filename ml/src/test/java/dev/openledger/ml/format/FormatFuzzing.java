package dev.openledger.ml.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openledger.ml.tokenizer.BpeTokenizer;

/** What every format fuzz target checks once a parser has answered. */
final class FormatFuzzing {
  private FormatFuzzing() {}

  /** A refusal is a {@link FormatException} that says what is wrong. */
  static void assertClear(FormatException e) {
    assertThat(e.getMessage()).isNotBlank();
  }

  /** A tokenizer that loaded must work: encoding and decoding a mixed text is not an error. */
  static void assertUsable(BpeTokenizer tok) {
    int[] ids = tok.encode("Hello, wörld! 123 \t\n<|endoftext|> ☃");
    for (int id : ids) {
      assertThat(id).isBetween(0, tok.vocabSize() - 1);
    }
    tok.decode(ids);
  }
}
