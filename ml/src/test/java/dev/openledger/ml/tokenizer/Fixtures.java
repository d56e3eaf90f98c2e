package dev.openledger.ml.tokenizer;

import dev.openledger.ml.corpus.BrownCorpus;
import dev.openledger.ml.testing.TestData;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A small tokenizer trained once on Brown press reportage (genre a), shared by the tokenizer tests.
 */
final class Fixtures {
  private static BpeTokenizer brown;

  private Fixtures() {}

  static synchronized BpeTokenizer brownTokenizer() {
    if (brown == null) {
      brown = train(1024);
    }
    return brown;
  }

  static BpeTokenizer train(int vocabSize) {
    try {
      BrownCorpus corpus = BrownCorpus.open(TestData.brownCorpus());
      BpeTrainer trainer = new BpeTrainer(BpeTrainer.Options.defaults(vocabSize));
      for (BrownCorpus.Document d : corpus.genre('a')) {
        trainer.add(BrownCorpus.text(d));
      }
      return trainer.train();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
