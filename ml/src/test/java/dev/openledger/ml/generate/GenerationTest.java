package dev.openledger.ml.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.openledger.ml.lora.LoraConfig;
import dev.openledger.ml.lora.LoraMerge;
import dev.openledger.ml.lora.LoraParameters;
import dev.openledger.ml.model.LinearKind;
import dev.openledger.ml.model.LlamaConfig;
import dev.openledger.ml.model.Parameters;
import dev.openledger.ml.tensor.Kernels;
import dev.openledger.ml.tensor.Mat;
import dev.openledger.ml.tensor.Rng;
import dev.openledger.ml.tensor.VectorKernels;
import dev.openledger.ml.tensor.WorkerPool;
import dev.openledger.ml.transformer.Activations;
import dev.openledger.ml.transformer.Batch;
import dev.openledger.ml.transformer.TinyModels;
import dev.openledger.ml.transformer.Transformer;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The decoder against the training forward pass; batching, adapters, merging and sampling. */
class GenerationTest {
  private static final Kernels K = new VectorKernels(new WorkerPool(2));
  private static final LlamaConfig C =
      new LlamaConfig(32, 48, 2, 4, 2, 50, 24, 10000f, 1e-5f, false);
  private static final LoraConfig LC = new LoraConfig(4, 8f, 0f, EnumSet.allOf(LinearKind.class));

  private static int[] tokens(int n, long seed) {
    Rng r = new Rng(seed);
    int[] t = new int[n];
    for (int i = 0; i < n; i++) {
      t[i] = r.nextInt(C.vocabSize());
    }
    return t;
  }

  /** Logits of the training forward pass for one sequence {@code [T, V]}. */
  private static Mat forwardLogits(Parameters w, LoraParameters lora, int[] seq) {
    Transformer model = new Transformer(C, K);
    Activations a = new Activations(C, 1, seq.length, lora == null ? null : lora.config(), false);
    model.forward(
        w,
        new Batch(1, seq.length, seq, null),
        a,
        lora == null ? null : Transformer.AdapterRun.eval(lora));
    return a.logits().copy();
  }

  @Test
  void decoderAgreesWithTheTrainingForwardPassWithAndWithoutAnAdapter() {
    Parameters w = TinyModels.weights(C, 1);
    LoraParameters lora = TinyModels.adapter(C, LC, 2);
    int[] seq = tokens(20, 3);
    for (LoraParameters adapter : new LoraParameters[] {null, lora}) {
      Mat ref = forwardLogits(w, adapter, seq);
      Decoder d = new Decoder(w, K);
      Decoder.Sequence s = d.start(adapter == null ? null : new ServingAdapter("a", adapter));
      // prefill half the sequence in one step, then one token at a time
      Mat first = d.step(List.of(new Decoder.Feed(s, java.util.Arrays.copyOf(seq, 10))));
      assertRowClose(first.row(0).toArray(), ref.row(9).toArray());
      for (int t = 10; t < seq.length; t++) {
        Mat l = d.step(List.of(new Decoder.Feed(s, new int[] {seq[t]})));
        assertRowClose(l.row(0).toArray(), ref.row(t).toArray());
      }
      assertThat(s.position()).isEqualTo(20);
    }
  }

  @Test
  void batchedMultiAdapterDecodingEqualsEachSequenceAlone() {
    Parameters w = TinyModels.weights(C, 4);
    List<ServingAdapter> adapters = new ArrayList<>();
    adapters.add(null);
    for (int i = 0; i < 3; i++) {
      adapters.add(new ServingAdapter("a" + i, TinyModels.adapter(C, LC, 10 + i)));
    }
    adapters.add(adapters.get(1)); // two sequences share an adapter: one group
    List<Generator.Request> reqs = new ArrayList<>();
    for (int i = 0; i < adapters.size(); i++) {
      reqs.add(
          new Generator.Request(
              tokens(3 + i, 20 + i), adapters.get(i), GenerationConfig.greedy(12, Set.of())));
    }
    List<Completion> batched = new Generator(new Decoder(w, K)).generate(reqs, (r, t) -> {});
    for (int i = 0; i < reqs.size(); i++) {
      Completion alone = new Generator(new Decoder(w, K)).generate(reqs.get(i));
      assertThat(batched.get(i).tokens()).as("request %d", i).isEqualTo(alone.tokens());
      assertThat(batched.get(i).tokens()).hasSize(12);
    }
    // and the logits themselves are identical, not merely the argmax
    Decoder d = new Decoder(w, K);
    List<Decoder.Feed> feeds = new ArrayList<>();
    for (int i = 0; i < adapters.size(); i++) {
      feeds.add(new Decoder.Feed(d.start(adapters.get(i)), reqs.get(i).prompt()));
    }
    Mat all = d.step(feeds);
    for (int i = 0; i < adapters.size(); i++) {
      Decoder solo = new Decoder(w, K);
      Mat one =
          solo.step(List.of(new Decoder.Feed(solo.start(adapters.get(i)), reqs.get(i).prompt())));
      assertThat(all.row(i).toArray()).isEqualTo(one.row(0).toArray());
    }
    // different adapters really do change the output
    assertThat(batched.get(1).tokens()).isNotEqualTo(batched.get(0).tokens());
  }

  @Test
  @SuppressWarnings("try") // the merge is held for the try block and undone when it closes
  void mergedAndUnmergedAdapterGiveTheSameLogitsAndUnmergeRestoresTheBase() {
    Parameters w = TinyModels.weights(C, 5);
    float[] original = w.data().clone();
    LoraParameters lora = TinyModels.adapter(C, LC, 6);
    int[] seq = tokens(16, 7);
    Mat unmerged = forwardLogits(w, lora, seq);
    Decoder.Sequence s;
    try (LoraMerge.Merged m = LoraMerge.merge(w, lora, K)) {
      assertThat(w.data()).isNotEqualTo(original);
      Mat merged = forwardLogits(w, null, seq);
      // merging rounds every changed weight once; through two layers that moves logits by ~1e-5
      for (int t = 0; t < seq.length; t++) {
        assertRowClose(merged.row(t).toArray(), unmerged.row(t).toArray(), 2e-4f);
      }
      Decoder d = new Decoder(w, K);
      s = d.start(null);
      Mat dec = d.step(List.of(new Decoder.Feed(s, seq)));
      assertRowClose(dec.row(0).toArray(), unmerged.row(seq.length - 1).toArray(), 2e-4f);
    }
    assertThat(w.data()).isEqualTo(original);
  }

  @Test
  void aFreshAdapterChangesNothing() {
    Parameters w = TinyModels.weights(C, 8);
    LoraParameters fresh = LoraParameters.fresh(C, LC, 9);
    int[] seq = tokens(12, 10);
    assertThat(forwardLogits(w, fresh, seq).data()).isEqualTo(forwardLogits(w, null, seq).data());
    Decoder d = new Decoder(w, K);
    Mat with = d.step(List.of(new Decoder.Feed(d.start(new ServingAdapter("fresh", fresh)), seq)));
    Mat without = d.step(List.of(new Decoder.Feed(d.start(null), seq)));
    assertThat(with.data()).isEqualTo(without.data());
  }

  @Test
  void stopTokensLimitsAndContext() {
    Parameters w = TinyModels.weights(C, 11);
    Generator g = new Generator(new Decoder(w, K));
    int[] prompt = tokens(4, 12);
    Completion free =
        g.generate(new Generator.Request(prompt, null, GenerationConfig.greedy(6, Set.of())));
    assertThat(free.reason()).isEqualTo(Completion.StopReason.MAX_TOKENS);
    assertThat(free.tokens()).hasSize(6);
    int stop = free.tokens()[2];
    Completion stopped =
        g.generate(new Generator.Request(prompt, null, GenerationConfig.greedy(6, Set.of(stop))));
    assertThat(stopped.reason()).isEqualTo(Completion.StopReason.STOP_TOKEN);
    int firstStop = 0;
    while (free.tokens()[firstStop] != stop) {
      firstStop++;
    }
    assertThat(stopped.tokens()).isEqualTo(java.util.Arrays.copyOf(free.tokens(), firstStop));
    Completion full =
        g.generate(
            new Generator.Request(tokens(20, 13), null, GenerationConfig.greedy(100, Set.of())));
    assertThat(full.reason()).isEqualTo(Completion.StopReason.CONTEXT_FULL);
    assertThat(full.tokens()).hasSize(C.maxSeqLen() - 20 + 1);
    assertThatThrownBy(
            () ->
                g.generate(
                    new Generator.Request(
                        tokens(25, 1), null, GenerationConfig.greedy(1, Set.of()))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("exceeds the context");
  }

  @Test
  void samplersFollowTheirDistributions() {
    Rng rng = new Rng(1);
    float[] logits = {0f, (float) Math.log(3), -50f};
    assertThat(Sampler.greedy().sample(logits.clone(), rng)).isEqualTo(1);
    assertThat(Sampler.of(0f, 1f).sample(logits.clone(), rng)).isEqualTo(1);
    int ones = 0;
    Sampler t1 = Sampler.of(1f, 1f);
    for (int i = 0; i < 4000; i++) {
      ones += t1.sample(logits.clone(), rng) == 1 ? 1 : 0;
    }
    assertThat(ones / 4000.0).isBetween(0.72, 0.78); // p = 3/4
    Sampler nucleus = Sampler.of(1f, 0.5f); // the top token alone already holds 3/4 ≥ 0.5
    for (int i = 0; i < 200; i++) {
      assertThat(nucleus.sample(logits.clone(), rng)).isEqualTo(1);
    }
    Sampler hot = Sampler.of(1f, 0.99f); // keeps tokens 1 and 0, never the −50 one
    for (int i = 0; i < 500; i++) {
      assertThat(hot.sample(logits.clone(), rng)).isNotEqualTo(2);
    }
  }

  private static void assertRowClose(float[] actual, float[] expected) {
    assertRowClose(actual, expected, 2e-5f);
  }

  private static void assertRowClose(float[] actual, float[] expected, float rel) {
    for (int i = 0; i < expected.length; i++) {
      assertThat(actual[i])
          .as("logit %d", i)
          .isCloseTo(
              expected[i],
              org.assertj.core.data.Offset.offset(rel * Math.max(1f, Math.abs(expected[i]))));
    }
  }
}
