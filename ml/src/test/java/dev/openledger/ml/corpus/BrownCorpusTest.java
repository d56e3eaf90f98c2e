package dev.openledger.ml.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.openledger.ml.testing.TestData;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrownCorpusTest {
  @Test
  void detagRejoinsWordsIntoProse() {
    String tagged =
        "\n\n\tThe/at jury/nn said/vbd ``/`` no/at evidence/nn ''/'' ,/, (/( it/pps said/vbd )/) ./.\n\n\n"
            + "\tAtlanta's/np$ mayor/nn won/vbd 1/2/cd !/.\n";
    assertThat(BrownCorpus.detag(tagged))
        .isEqualTo("The jury said \"no evidence\", (it said).\nAtlanta's mayor won 1/2!\n");
  }

  @Test
  void opensThe500DocumentsIn15Genres() throws Exception {
    BrownCorpus corpus = BrownCorpus.open(TestData.brownCorpus());
    assertThat(corpus.documents()).hasSize(500);
    assertThat(corpus.documents().stream().map(BrownCorpus.Document::genre).distinct()).hasSize(15);
    assertThat(corpus.genre('A')).hasSize(44);
    assertThat(corpus.documents().get(0).id()).isEqualTo("ca01");
    assertThat(BrownCorpus.text(corpus.documents().get(0)))
        .startsWith("The Fulton County Grand Jury said Friday");
  }

  @Test
  void aDirectoryWithoutDocumentsIsAnError(@TempDir Path dir) {
    assertThatThrownBy(() -> BrownCorpus.open(dir))
        .isInstanceOf(NoSuchFileException.class)
        .hasMessageContaining("no Brown corpus");
  }
}
