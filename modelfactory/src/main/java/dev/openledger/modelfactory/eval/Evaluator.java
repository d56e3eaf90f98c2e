package dev.openledger.modelfactory.eval;

import dev.openledger.core.crypto.Hash;
import dev.openledger.ml.generate.Completion;
import dev.openledger.ml.generate.Decoder;
import dev.openledger.ml.generate.GenerationConfig;
import dev.openledger.ml.generate.Generator;
import dev.openledger.ml.generate.ServingAdapter;
import dev.openledger.ml.lora.LoraParameters;
import dev.openledger.ml.model.Parameters;
import dev.openledger.ml.nn.CrossEntropy;
import dev.openledger.ml.tensor.Kernels;
import dev.openledger.ml.tokenizer.BpeTokenizer;
import dev.openledger.ml.train.Example;
import dev.openledger.ml.train.ExampleBatches;
import dev.openledger.ml.transformer.Activations;
import dev.openledger.ml.transformer.Batch;
import dev.openledger.ml.transformer.Transformer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Scores base and adapter on held-out rows and draws sample continuations from both.
 *
 * <p>Per datanet, the held-out examples are packed {@code batchSize} at a time exactly as in
 * training (cut to {@code seqLen + 1} tokens, padding unscored); each batch runs once through the
 * base alone and once with the adapter (no dropout); the per-token losses of scored positions are
 * summed in double precision in a fixed order.
 */
public final class Evaluator {
  /** Tokens of a held-out row (after BOS) given as the prompt of a sample. */
  public static final int PROMPT_TOKENS = 8;

  /** New tokens a sample generates at most. */
  public static final int SAMPLE_TOKENS = 32;

  private final Transformer model;
  private final Parameters base;
  private final Kernels kernels;
  private final BpeTokenizer tokenizer;
  private final int eos;

  public Evaluator(
      Transformer model, Parameters base, Kernels kernels, BpeTokenizer tokenizer, int eos) {
    this.model = model;
    this.base = base;
    this.kernels = kernels;
    this.tokenizer = tokenizer;
    this.eos = eos;
  }

  /** One datanet's held-out examples. */
  public record HeldOut(Hash datanetId, int version, String label, List<Example> examples) {}

  /**
   * Evaluates {@code adapter} against the base.
   *
   * @param samplesPerDatanet sample generations per datanet (from its first held-out rows)
   */
  public EvaluationReport evaluate(
      Hash baseModel,
      Hash adapterHash,
      LoraParameters adapter,
      List<HeldOut> sets,
      int batchSize,
      int seqLen,
      int samplesPerDatanet) {
    List<DatanetEvaluation> per = new ArrayList<>();
    HeldOutScores overall = null;
    for (HeldOut set : sets) {
      HeldOutScores s = score(adapter, set.examples(), batchSize, seqLen);
      per.add(new DatanetEvaluation(set.datanetId(), set.version(), s));
      overall = overall == null ? s : overall.plus(s);
    }
    if (overall == null) {
      throw new IllegalArgumentException("nothing to evaluate: no held-out set");
    }
    return new EvaluationReport(
        EvaluationReport.FORMAT,
        EvaluationReport.METHOD,
        baseModel,
        adapterHash,
        per,
        overall,
        samples(adapter, sets, samplesPerDatanet));
  }

  private HeldOutScores score(
      LoraParameters adapter, List<Example> examples, int batchSize, int seqLen) {
    double baseSum = 0;
    double adapterSum = 0;
    long tokens = 0;
    Map<Integer, Activations> plainActs = new HashMap<>();
    Map<Integer, Activations> adapterActs = new HashMap<>();
    Transformer.AdapterRun run = Transformer.AdapterRun.eval(adapter);
    for (int from = 0; from < examples.size(); from += batchSize) {
      int b = Math.min(batchSize, examples.size() - from);
      // padding follows each row, so under causal attention it never touches a scored position: any
      // id will do
      Batch batch =
          ExampleBatches.pack(examples.subList(from, from + b).toArray(new Example[0]), seqLen, 0);
      Activations plain =
          plainActs.computeIfAbsent(b, k -> new Activations(base.config(), k, seqLen));
      model.forward(base, batch, plain, null);
      baseSum += scoredSum(plain.losses(), batch.targets());
      Activations adapted =
          adapterActs.computeIfAbsent(
              b, k -> new Activations(base.config(), k, seqLen, adapter.config(), false));
      model.forward(base, batch, adapted, run);
      adapterSum += scoredSum(adapted.losses(), batch.targets());
      for (int t : batch.targets()) {
        tokens += t == CrossEntropy.IGNORE ? 0 : 1;
      }
    }
    return HeldOutScores.of(examples.size(), tokens, baseSum, adapterSum);
  }

  private static double scoredSum(float[] losses, int[] targets) {
    double sum = 0;
    for (int i = 0; i < targets.length; i++) {
      if (targets[i] != CrossEntropy.IGNORE) {
        sum += losses[i];
      }
    }
    return sum;
  }

  private List<SampleGeneration> samples(
      LoraParameters adapter, List<HeldOut> sets, int perDatanet) {
    List<Generator.Request> requests = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    List<int[]> prompts = new ArrayList<>();
    ServingAdapter serving = new ServingAdapter("evaluated", adapter);
    GenerationConfig greedy = GenerationConfig.greedy(SAMPLE_TOKENS, Set.of(eos));
    for (HeldOut set : sets) {
      for (int i = 0; i < Math.min(perDatanet, set.examples().size()); i++) {
        int[] t = set.examples().get(i).tokens();
        int[] prompt =
            Arrays.copyOf(t, Math.min(t.length - 1, 1 + PROMPT_TOKENS)); // BOS + opening, never EOS
        requests.add(new Generator.Request(prompt, null, greedy));
        requests.add(new Generator.Request(prompt, serving, greedy));
        labels.add(set.label());
        prompts.add(prompt);
      }
    }
    List<Completion> out =
        new Generator(new Decoder(base, kernels)).generate(requests, (r, t) -> {});
    List<SampleGeneration> samples = new ArrayList<>();
    for (int i = 0; i < labels.size(); i++) {
      samples.add(
          new SampleGeneration(
              labels.get(i),
              tokenizer.decode(prompts.get(i), true),
              tokenizer.decode(out.get(2 * i).tokens(), true),
              tokenizer.decode(out.get(2 * i + 1).tokens(), true)));
    }
    return samples;
  }
}
