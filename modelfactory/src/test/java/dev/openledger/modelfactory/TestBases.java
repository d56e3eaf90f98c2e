package dev.openledger.modelfactory;

import dev.openledger.ml.corpus.BrownCorpus;
import dev.openledger.ml.format.DType;
import dev.openledger.ml.format.EngineTensors;
import dev.openledger.ml.format.HfModel;
import dev.openledger.ml.format.ModelDirectory;
import dev.openledger.ml.model.LlamaConfig;
import dev.openledger.ml.model.Parameters;
import dev.openledger.ml.pretrain.Corpus;
import dev.openledger.ml.pretrain.ModelCache;
import dev.openledger.ml.pretrain.Preset;
import dev.openledger.ml.pretrain.PretrainSpec;
import dev.openledger.ml.pretrain.Pretrainer;
import dev.openledger.ml.tensor.Kernels;
import dev.openledger.ml.tokenizer.BpeTokenizer;
import dev.openledger.ml.tokenizer.BpeTrainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Base models for tests. */
final class TestBases {
  private TestBases() {}

  /**
   * Genres the shared pre-trained base learns from (press, religion, learned, fiction, romance).
   */
  static final String PRETRAIN_GENRES = "adjkp";

  static final int PRETRAIN_STEPS = 300;

  /**
   * A small randomly initialised model (dim 32, 2 layers, context 64) with a 400-token BPE
   * vocabulary trained on two Brown documents: enough to exercise every path of a job in seconds.
   */
  static Path random(Path dir) throws IOException {
    if (Files.isRegularFile(dir.resolve(ModelDirectory.CONFIG))) {
      return dir;
    }
    BrownCorpus brown = TestData.brown();
    BpeTrainer bpe = new BpeTrainer(BpeTrainer.Options.defaults(400));
    for (String p :
        TestData.paragraphs(List.of(brown.documents().get(0), brown.documents().get(200)))) {
      bpe.add(p);
    }
    BpeTokenizer tok = bpe.train();
    LlamaConfig c = new LlamaConfig(32, 64, 2, 4, 2, tok.vocabSize(), 64, 10000f, 1e-5f, true);
    Parameters w = Parameters.init(c, 3);
    HfModel m =
        new HfModel(
            c,
            EngineTensors.of(w),
            tok,
            tok.addedTokenId(BpeTrainer.BOS).orElseThrow(),
            tok.addedTokenId(BpeTrainer.EOS).orElseThrow());
    ModelDirectory.write(dir, m, DType.F32);
    return dir;
  }

  /**
   * The tiny preset pre-trained on five Brown genres for {@value #PRETRAIN_STEPS} steps, cached
   * under {@code modelfactory/target/test-models} so it is trained once per build directory.
   */
  static synchronized Path pretrained() throws IOException {
    List<String> texts = new ArrayList<>();
    for (BrownCorpus.Document d : TestData.brown().documents()) {
      if (PRETRAIN_GENRES.indexOf(d.genre()) >= 0) {
        texts.add(BrownCorpus.text(d));
      }
    }
    Corpus corpus = Corpus.split(texts);
    ModelCache cache =
        new ModelCache(TestData.repoRoot().resolve("modelfactory/target/test-models"));
    return cache.getOrTrain(
        corpus,
        new PretrainSpec(Preset.TINY, PRETRAIN_STEPS, 11),
        new Pretrainer(Kernels.best()),
        s -> {});
  }
}
