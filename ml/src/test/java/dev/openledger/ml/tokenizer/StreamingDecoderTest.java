package dev.openledger.ml.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StreamingDecoderTest {
  @Test
  void holdsBackBytesOfAnUnfinishedCharacter() {
    BpeTokenizer t = Fixtures.brownTokenizer();
    int[] ids = t.encode("👍");
    assertThat(ids.length).isGreaterThan(1); // four bytes, not merged in a news vocabulary
    StreamingDecoder d = new StreamingDecoder(t, false);
    for (int i = 0; i < ids.length - 1; i++) {
      assertThat(d.push(ids[i])).isEmpty();
    }
    assertThat(d.push(ids[ids.length - 1])).isEqualTo("👍");
  }

  @Test
  void flushReplacesAnUnfinishedTail() {
    BpeTokenizer t = Fixtures.brownTokenizer();
    int[] ids = t.encode("a👍");
    StreamingDecoder d = new StreamingDecoder(t, false);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < ids.length - 1; i++) {
      sb.append(d.push(ids[i]));
    }
    assertThat(sb.toString()).isEqualTo("a");
    assertThat(d.flush()).isEqualTo("\ufffd");
  }

  @Test
  void skipsSpecialTokensWhenAsked() {
    BpeTokenizer t = Fixtures.brownTokenizer();
    StreamingDecoder d = new StreamingDecoder(t, true);
    assertThat(d.push(t.addedTokenId(BpeTrainer.IM_END).orElseThrow())).isEmpty();
  }

  @Test
  void invalidBytesAreNotHeldBack() {
    assertThat(StreamingDecoder.completePrefix(new byte[] {'a', (byte) 0xE2, (byte) 0x82}))
        .isEqualTo(1);
    assertThat(
            StreamingDecoder.completePrefix(
                new byte[] {'a', (byte) 0xE2, (byte) 0x82, (byte) 0xAC}))
        .isEqualTo(4);
    assertThat(StreamingDecoder.completePrefix(new byte[] {(byte) 0x80})).isEqualTo(1);
    assertThat(StreamingDecoder.completePrefix(new byte[] {(byte) 0xFF})).isEqualTo(1);
  }
}
