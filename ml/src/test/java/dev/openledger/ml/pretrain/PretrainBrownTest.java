package dev.openledger.ml.pretrain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openledger.ml.generate.Decoder;
import dev.openledger.ml.generate.GenerationConfig;
import dev.openledger.ml.generate.Generator;
import dev.openledger.ml.runtime.LoadedModel;
import dev.openledger.ml.tensor.Kernels;
import dev.openledger.ml.testing.TestData;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pre-training the tiny preset on one Brown genre (press reportage, 44 documents) for a short run
 * (240 steps, about 120k tokens): the held-out loss must fall well below what token frequencies
 * alone achieve — at least 0.5 nats, i.e. perplexity down by more than 1.6× — the model directory
 * must round-trip, and the cache must hand back the same model without training again.
 */
class PretrainBrownTest {

  @Test
  void tinyPresetBeatsTheUnigramBaselineAndIsCached(@TempDir Path home) throws Exception {
    Corpus corpus = Corpus.brownGenre(TestData.brownCorpus(), 'a');
    PretrainSpec spec = new PretrainSpec(Preset.TINY, 240, 7);
    ModelCache cache = new ModelCache(home.resolve("models"));
    int[] steps = {0};
    Path dir = cache.getOrTrain(corpus, spec, new Pretrainer(Kernels.best()), s -> steps[0]++);
    assertThat(steps[0]).isEqualTo(240);

    var info =
        dev.openledger.core.json.Json.mapper()
            .readTree(dir.resolve(ModelCache.TRAINING_INFO).toFile());
    double held = info.get("held_out_loss").asDouble();
    double unigram = info.get("unigram_loss").asDouble();
    // ln(vocab) ≈ 7.6 at initialisation; token frequencies alone give the unigram loss
    assertThat(held).as("held-out loss vs unigram %.3f", unigram).isLessThan(unigram - 0.5);

    LoadedModel m = LoadedModel.read(dir);
    assertThat(m.config().vocabSize()).isEqualTo(m.tokenizer().vocabSize());
    Generator g = new Generator(new Decoder(m.weights(), Kernels.best()));
    int[] prompt = {m.bosTokenId()};
    var c = g.generate(new Generator.Request(prompt, null, GenerationConfig.greedy(8, Set.of())));
    assertThat(c.tokens()).hasSize(8);

    // the same request is served from the cache
    Path again = cache.getOrTrain(corpus, spec, new Pretrainer(Kernels.best()), s -> steps[0]++);
    assertThat(again).isEqualTo(dir);
    assertThat(steps[0]).isEqualTo(240);
    assertThat(ModelCache.key(corpus, new PretrainSpec(Preset.TINY, 240, 8)))
        .isNotEqualTo(ModelCache.key(corpus, spec));
  }
}
