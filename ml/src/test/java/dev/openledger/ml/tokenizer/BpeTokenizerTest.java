package dev.openledger.ml.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BpeTokenizerTest {
  /** The 256 byte tokens, then the given extra tokens. */
  static List<String> bytesPlus(String... extra) {
    List<String> v = new ArrayList<>();
    for (int b = 0; b < 256; b++) {
      v.add(String.valueOf(ByteLevel.charOf(b)));
    }
    v.addAll(List.of(extra));
    return v;
  }

  static int byteId(char c) {
    return c; // in bytesPlus, byte b has id b
  }

  @Test
  void mergesApplyByRankNotByPosition() {
    // "abc": (b,c) has the lower rank, so "a" + "bc" — not "ab" + "c".
    BpeTokenizer t =
        BpeTokenizer.create(
            bytesPlus("bc", "ab", "abc"),
            List.of(new Merge("b", "c"), new Merge("a", "b"), new Merge("a", "bc")),
            List.of(),
            BpeTokenizer.Options.GPT2);
    assertThat(t.encode("abc")).containsExactly(258);
    assertThat(t.encode("abd")).containsExactly(257, byteId('d'));
    // Equal ranks resolve leftmost first: "aaa" with (a,a) → "aa" + "a".
    BpeTokenizer aa =
        BpeTokenizer.create(
            bytesPlus("aa"), List.of(new Merge("a", "a")), List.of(), BpeTokenizer.Options.GPT2);
    assertThat(aa.encode("aaa")).containsExactly(256, byteId('a'));
    assertThat(aa.encode("aaaa")).containsExactly(256, 256);
  }

  @Test
  void mergesNeverCrossPreTokenizerPieces() {
    BpeTokenizer t =
        BpeTokenizer.create(
            bytesPlus("ab"), List.of(new Merge("a", "b")), List.of(), BpeTokenizer.Options.GPT2);
    assertThat(t.encode("ab")).containsExactly(256);
    assertThat(t.encode("a b")).containsExactly(byteId('a'), byteId(' '), byteId('b'));
    assertThat(t.encode("a1b")).containsExactly(byteId('a'), byteId('1'), byteId('b'));
  }

  @Test
  void addedTokensAreAtomicInEncodeAndPlainTextInEncodeOrdinary() {
    BpeTokenizer t = Fixtures.brownTokenizer();
    int start = t.addedTokenId(BpeTrainer.IM_START).orElseThrow();
    int[] ids = t.encode("hi<|im_start|>there");
    assertThat(ids).contains(start);
    assertThat(t.decode(ids)).isEqualTo("hi<|im_start|>there");
    int[] plain = t.encodeOrdinary("hi<|im_start|>there");
    assertThat(plain).doesNotContain(start);
    assertThat(t.decode(plain)).isEqualTo("hi<|im_start|>there");
    assertThat(t.decode(t.encode("<|bos|>text<|eos|>"), true)).isEqualTo("text");
  }

  @Test
  void longestAddedTokenWinsAtAPosition() {
    BpeTokenizer t =
        BpeTokenizer.create(
            bytesPlus("<x>", "<x>>"),
            List.of(),
            List.of(new AddedToken(256, "<x>", true), new AddedToken(257, "<x>>", true)),
            BpeTokenizer.Options.GPT2);
    assertThat(t.encode("<x>>")).containsExactly(257);
    assertThat(t.encode("a<x>b")).containsExactly(byteId('a'), 256, byteId('b'));
  }

  @Test
  void nonAsciiAndEmojiRoundTrip() {
    BpeTokenizer t = Fixtures.brownTokenizer();
    String s = "naïve café — Ελληνικά 日本語 👨‍👩‍👧‍👦 🇺🇸\u0000\u0085\ufeff";
    assertThat(t.decode(t.encode(s))).isEqualTo(s);
  }

  @Test
  void loneSurrogatesBecomeReplacementCharacters() {
    BpeTokenizer t = Fixtures.brownTokenizer();
    assertThat(t.decode(t.encode("a\ud800b\udc00"))).isEqualTo("a\ufffdb\ufffd");
  }

  @Test
  void addPrefixSpaceAppliesPerSegment() {
    BpeTokenizer base = Fixtures.brownTokenizer();
    BpeTokenizer prefixed =
        BpeTokenizer.create(
            base.vocab(), base.merges(), base.addedTokens(), new BpeTokenizer.Options(true, false));
    assertThat(prefixed.encode("the")).isEqualTo(base.encode(" the"));
    assertThat(prefixed.encode(" the")).isEqualTo(base.encode(" the"));
  }

  @Test
  void ignoreMergesEmitsWholeVocabularyPieces() {
    // "abc" is a token but no merge path reaches it from bytes: only ignore_merges finds it.
    List<String> vocab = bytesPlus("abc");
    BpeTokenizer merging =
        BpeTokenizer.create(vocab, List.of(), List.of(), BpeTokenizer.Options.GPT2);
    BpeTokenizer whole =
        BpeTokenizer.create(vocab, List.of(), List.of(), new BpeTokenizer.Options(false, true));
    assertThat(merging.encode("abc")).hasSize(3);
    assertThat(whole.encode("abc")).containsExactly(256);
  }

  @Test
  void inconsistentPartsAreRejectedWithTheirNames() {
    List<String> noByte = bytesPlus();
    noByte.set('x', "xx");
    assertThatThrownBy(
            () -> BpeTokenizer.create(noByte, List.of(), List.of(), BpeTokenizer.Options.GPT2))
        .hasMessageContaining("byte 0x78");
    assertThatThrownBy(
            () ->
                BpeTokenizer.create(
                    bytesPlus(),
                    List.of(new Merge("a", "b")),
                    List.of(),
                    BpeTokenizer.Options.GPT2))
        .hasMessageContaining("'ab'");
    assertThatThrownBy(
            () ->
                BpeTokenizer.create(
                    bytesPlus("ab"),
                    List.of(new Merge("a", "b"), new Merge("a", "b")),
                    List.of(),
                    BpeTokenizer.Options.GPT2))
        .hasMessageContaining("listed twice");
    assertThatThrownBy(
            () ->
                BpeTokenizer.create(
                    bytesPlus("a"), List.of(), List.of(), BpeTokenizer.Options.GPT2))
        .hasMessageContaining("appears twice");
    assertThatThrownBy(
            () ->
                BpeTokenizer.create(
                    bytesPlus("<s>"),
                    List.of(),
                    List.of(new AddedToken(256, "</s>", true)),
                    BpeTokenizer.Options.GPT2))
        .hasMessageContaining("</s>");
    assertThatThrownBy(
            () ->
                BpeTokenizer.create(
                    bytesPlus("plain text"), List.of(), List.of(), BpeTokenizer.Options.GPT2))
        .hasMessageContaining("neither an added token nor byte-level");
    assertThatThrownBy(() -> Fixtures.brownTokenizer().decode(new int[] {1 << 20}))
        .hasMessageContaining("outside the vocabulary");
  }
}
