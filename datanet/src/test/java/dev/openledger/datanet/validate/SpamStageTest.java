package dev.openledger.datanet.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openledger.datanet.bench.BrownCorpus;
import dev.openledger.datanet.text.TextNormalizer;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SpamStageTest {
  private final SpamStage cold = new SpamStage(ValidationParams.Spam.defaults(), new CorpusStats());

  private static StageResult check(SpamStage s, String text) {
    String clean = TextNormalizer.clean(text);
    return s.check(clean, TextNormalizer.words(TextNormalizer.dedupKey(clean)));
  }

  private static Reason reason(StageResult r) {
    assertThat(r).isInstanceOf(StageResult.Reject.class);
    return ((StageResult.Reject) r).rejection().reason();
  }

  @Test
  void proseFromEveryBrownGenrePassesAlmostAlways() throws Exception {
    BrownCorpus brown = BrownCorpus.at(Path.of(System.getProperty("openledger.repo.root")));
    int total = 0;
    int rejected = 0;
    for (char genre : "abcdefghjklmnpr".toCharArray()) {
      for (String para : brown.paragraphs(brown.files(genre).get(0))) {
        String clean = TextNormalizer.clean(para);
        List<String> words = TextNormalizer.words(TextNormalizer.dedupKey(clean));
        if (words.size() < 5) {
          continue;
        }
        total++;
        if (cold.check(clean, words) instanceof StageResult.Reject) {
          rejected++;
        }
      }
    }
    assertThat(total).isGreaterThan(500);
    assertThat(rejected).as("false rejections out of %d", total).isLessThanOrEqualTo(total / 200);
  }

  @Test
  void junkIsRejectedWithTheRightReason() {
    assertThat(
            reason(
                check(
                    cold,
                    "Visit https://a.example http://b.example www.c.example now for deals today")))
        .isEqualTo(Reason.LINK_SPAM);
    assertThat(
            reason(
                check(
                    cold,
                    "Click here! Buy now! Subscribe! Limited offer, act now, free money for you")))
        .isEqualTo(Reason.LINK_SPAM);
    assertThat(reason(check(cold, "12345 67890 11111 22222 33333 44444 $$$$ #### 99999 a")))
        .isEqualTo(Reason.LOW_ALPHA);
    assertThat(
            reason(
                check(
                    cold,
                    "buy buy buy buy buy buy buy buy buy buy buy buy cheap cheap cheap cheap")))
        .isEqualTo(Reason.REPETITIVE);
    assertThat(
            reason(
                check(
                    cold,
                    "the best deal in town the best deal in town the best deal in town the best deal in town")))
        .isEqualTo(Reason.REPETITIVE);
    StringBuilder noise = new StringBuilder();
    Random rnd = new Random(3);
    for (int w = 0; w < 25; w++) {
      for (int c = 0; c < 3 + rnd.nextInt(6); c++) {
        noise.append((char) ('a' + rnd.nextInt(26)));
      }
      noise.append(' ');
    }
    assertThat(reason(check(cold, noise.toString()))).isEqualTo(Reason.GIBBERISH);
  }

  @Test
  void dictionaryTestAppliesOnceTheVocabularyIsLargeEnough() {
    CorpusStats stats = new CorpusStats();
    for (int i = 0; i < 3000; i++) {
      stats.add(List.of("word" + i));
    }
    stats.add(
        TextNormalizer.words("the council voted to approve a new budget for schools and roads"));
    SpamStage warm = new SpamStage(ValidationParams.Spam.defaults(), stats);
    // Pronounceable but unknown words pass the vowel test and fail the dictionary test.
    String fake = "lomira tesuna parivo kelato mirasu netaro vilope danura sokeli ramoti";
    assertThat(reason(check(warm, fake))).isEqualTo(Reason.GIBBERISH);
    assertThat(check(cold, fake)).isInstanceOf(StageResult.Pass.class);
    assertThat(check(warm, "The council voted to approve a new budget for schools and roads"))
        .isInstanceOf(StageResult.Pass.class);
  }
}
