package dev.openledger.datanet.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openledger.datanet.bench.BrownCorpus;
import dev.openledger.datanet.text.TextNormalizer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class RelevanceStageTest {

  private static List<String> words(String text) {
    return TextNormalizer.words(TextNormalizer.dedupKey(text));
  }

  @Test
  void anEnglishNewsDatanetRefusesOtherLanguagesAndKeepsItsGenre() throws Exception {
    BrownCorpus brown = BrownCorpus.at(Path.of(System.getProperty("openledger.repo.root")));
    List<String> news = brown.files('a');
    CorpusStats stats = new CorpusStats();
    stats.add(words("Press reportage: news stories on politics, courts, sport and society"));
    long accepted = 0;
    for (String f : news.subList(0, 20)) {
      for (String p : brown.paragraphs(f)) {
        stats.add(words(p));
        accepted++;
      }
    }
    RelevanceStage stage =
        new RelevanceStage(ValidationParams.Relevance.defaults(), stats, accepted);

    int total = 0;
    int refused = 0;
    for (String f : news.subList(20, 30)) {
      for (String p : brown.paragraphs(f)) {
        total++;
        if (stage.check(words(p)) instanceof StageResult.Reject) {
          refused++;
        }
      }
    }
    assertThat(refused)
        .as("held-out news paragraphs refused out of %d", total)
        .isLessThanOrEqualTo(total / 100);

    String french =
        "Le gouvernement a annoncé hier une nouvelle réforme des retraites, provoquant des manifestations dans plusieurs grandes villes du pays.";
    String german =
        "Der Bundestag hat am Donnerstag ein neues Gesetz zur Förderung erneuerbarer Energien beschlossen, das im kommenden Jahr in Kraft tritt.";
    for (String foreign : List.of(french, german)) {
      StageResult r = stage.check(words(foreign));
      assertThat(r).isInstanceOf(StageResult.Reject.class);
      assertThat(((StageResult.Reject) r).rejection().reason()).isEqualTo(Reason.IRRELEVANT);
    }
    // Before the warm-up the same row is graded, not refused.
    assertThat(
            new RelevanceStage(ValidationParams.Relevance.defaults(), stats, 10)
                .check(words(french)))
        .isInstanceOf(StageResult.Pass.class);
  }
}
