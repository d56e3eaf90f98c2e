package dev.openledger.ml.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class BpeTrainerTest {
  @Test
  void sameTextAndOptionsGiveTheSameTokenizer() {
    BpeTokenizer a = Fixtures.train(600);
    BpeTokenizer b = Fixtures.train(600);
    assertThat(a).isEqualTo(b);
    assertThat(a.merges()).isEqualTo(b.merges());
  }

  @Test
  void layoutPutsSpecialsAroundBytesAndMerges() {
    BpeTokenizer t = Fixtures.brownTokenizer();
    assertThat(t.vocabSize()).isEqualTo(1024);
    assertThat(t.vocab().subList(0, 3))
        .containsExactly(BpeTrainer.PAD, BpeTrainer.BOS, BpeTrainer.EOS);
    for (int b = 0; b < 256; b++) {
      assertThat(t.tokenBytes(3 + b)).containsExactly((byte) b);
    }
    assertThat(t.vocab().subList(1022, 1024))
        .containsExactly(BpeTrainer.IM_START, BpeTrainer.IM_END);
    assertThat(t.addedTokens()).extracting(AddedToken::id).containsExactly(0, 1, 2, 1022, 1023);
    assertThat(t.addedTokens()).allMatch(AddedToken::special);
  }

  @Test
  void theMostFrequentPairIsMergedFirst() {
    BpeTrainer trainer = new BpeTrainer(new BpeTrainer.Options(256 + 2, 1, List.of(), List.of()));
    trainer.add("xy xy xy ab");
    BpeTokenizer t = trainer.train();
    // " x"+"y"? No: pieces are "xy", " xy", " xy", " ab"; the most frequent pair is (x, y) with 3.
    assertThat(t.merges().get(0)).isEqualTo(new Merge("x", "y"));
    assertThat(t.merges().get(1)).isEqualTo(new Merge("Ġ", "xy"));
    assertThat(t.encode(" xy")).hasSize(1);
  }

  @Test
  void stopsWhenNoPairIsFrequentEnough() {
    BpeTrainer trainer = new BpeTrainer(new BpeTrainer.Options(5000, 2, List.of(), List.of()));
    trainer.add("abc abd");
    BpeTokenizer t = trainer.train();
    // Pieces "abc", " abd": only (a,b) occurs twice.
    assertThat(t.merges()).containsExactly(new Merge("a", "b"));
    assertThat(t.vocabSize()).isEqualTo(257);
  }

  @Test
  void neverLearnsATokenThatSpellsASpecialToken() {
    BpeTrainer trainer = new BpeTrainer(new BpeTrainer.Options(300, 1, List.of("###"), List.of()));
    trainer.add("### ### ### ###");
    BpeTokenizer t = trainer.train();
    assertThat(t.merges()).noneMatch(m -> m.result().equals("###"));
    assertThat(t.encode("###")).containsExactly(0);
  }

  @Test
  void compressesHeldOutText() throws Exception {
    BpeTokenizer t = Fixtures.brownTokenizer();
    String heldOut = BpeTokenizerTestText.FICTION;
    int bytes = heldOut.getBytes(StandardCharsets.UTF_8).length;
    // A 1k vocabulary trained on news still packs English fiction at well over 2.5 bytes per token.
    assertThat((double) bytes / t.encode(heldOut).length).isGreaterThan(2.5);
  }
}
