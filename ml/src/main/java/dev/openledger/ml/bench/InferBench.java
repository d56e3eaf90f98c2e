package dev.openledger.ml.bench;

import dev.openledger.ml.generate.Decoder;
import dev.openledger.ml.generate.Sampler;
import dev.openledger.ml.generate.ServingAdapter;
import dev.openledger.ml.lora.LoraConfig;
import dev.openledger.ml.lora.LoraParameters;
import dev.openledger.ml.model.LinearKind;
import dev.openledger.ml.model.LlamaConfig;
import dev.openledger.ml.model.ParameterLayout;
import dev.openledger.ml.model.Parameters;
import dev.openledger.ml.tensor.Kernels;
import dev.openledger.ml.tensor.Mat;
import dev.openledger.ml.tensor.Rng;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;

/**
 * Decoding throughput: greedy generation from a one-token prompt to the end of the context, as
 * llama2.c's {@code run.c -t 0} measures it, at batch 1 and at batch 8 with no adapter and with 8
 * different adapters — rank r on all seven projections (the costliest case for unmerged serving)
 * and on q and v only (PEFT's default targets for Llama).
 */
public final class InferBench {
  private InferBench() {}

  /**
   * One configuration measured.
   *
   * @param name what ran
   * @param batch sequences decoded together
   * @param adapters distinct adapters in the batch (0 = base model)
   * @param tokensPerSecond generated tokens per second of wall time, all sequences together (median
   *     run)
   * @param tokensPerCpuSecond generated tokens per second of process CPU time (all threads) over
   *     the timed runs: on a shared machine this is the figure that time slicing does not distort
   * @param stepP50Ms median time of one decoding step
   * @param stepP99Ms 99th-percentile time of one decoding step
   */
  public record Run(
      String name,
      int batch,
      int adapters,
      double tokensPerSecond,
      double tokensPerCpuSecond,
      double stepP50Ms,
      double stepP99Ms) {}

  /**
   * @param model the model measured
   * @param parameters its parameter count
   * @param tokensPerSequence tokens generated per sequence per run
   * @param runs the measurements
   * @param ratioAllTargets batch-8 tokens/s with 8 adapters on all seven projections over batch 8
   *     without
   * @param ratioQv the same with the adapters on q and v only
   */
  public record Report(
      LlamaConfig model,
      int parameters,
      int tokensPerSequence,
      List<Run> runs,
      double ratioAllTargets,
      double ratioQv) {}

  /** Measures {@code weights} (about 20 s per configuration, warm-up included). */
  public static Report run(Parameters weights, Kernels k, int rank) {
    LlamaConfig c = weights.config();
    List<ServingAdapter> all =
        adapters(c, new LoraConfig(rank, 2f * rank, 0f, EnumSet.allOf(LinearKind.class)));
    List<ServingAdapter> qv =
        adapters(c, new LoraConfig(rank, 2f * rank, 0f, EnumSet.of(LinearKind.Q, LinearKind.V)));
    int tokens = c.maxSeqLen() - 1;
    List<Run> runs = new ArrayList<>();
    runs.add(measure("batch 1, base", weights, k, nulls(1), tokens));
    runs.add(measure("batch 1, 1 adapter (all 7)", weights, k, all.subList(0, 1), tokens));
    Run base8 = measure("batch 8, base", weights, k, nulls(8), tokens);
    Run all8 = measure("batch 8, 8 adapters (all 7)", weights, k, all, tokens);
    Run qv8 = measure("batch 8, 8 adapters (q,v)", weights, k, qv, tokens);
    runs.add(base8);
    runs.add(all8);
    runs.add(qv8);
    return new Report(
        c,
        new ParameterLayout(c).size(),
        tokens,
        runs,
        all8.tokensPerSecond() / base8.tokensPerSecond(),
        qv8.tokensPerSecond() / base8.tokensPerSecond());
  }

  /**
   * Eight distinct adapters with trained-looking factors (a fresh adapter's B would be all zeros).
   */
  private static List<ServingAdapter> adapters(LlamaConfig c, LoraConfig lc) {
    List<ServingAdapter> out = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      LoraParameters p = LoraParameters.fresh(c, lc, 100 + i);
      Rng rng = new Rng(200 + i);
      for (int j = 0; j < p.data().length; j++) {
        p.data()[j] += (float) (0.01 * rng.nextGaussian());
      }
      out.add(new ServingAdapter("bench-" + i, p));
    }
    return out;
  }

  private static List<ServingAdapter> nulls(int n) {
    List<ServingAdapter> l = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      l.add(null);
    }
    return l;
  }

  private static Run measure(
      String name, Parameters w, Kernels k, List<ServingAdapter> adapters, int tokens) {
    Decoder d = new Decoder(w, k);
    long warmEnd = System.nanoTime() + 4_000_000_000L;
    do {
      decode(d, adapters, tokens, null);
    } while (System.nanoTime() < warmEnd);
    int reps = 5;
    double[] wall = new double[reps];
    long cpu0 = Timing.processCpuNanos();
    for (int i = 0; i < reps; i++) {
      long t0 = System.nanoTime();
      decode(d, adapters, tokens, null);
      wall[i] = (System.nanoTime() - t0) / 1e9;
    }
    long cpu = Timing.processCpuNanos() - cpu0;
    Arrays.sort(wall);
    List<Double> steps = new ArrayList<>();
    decode(d, adapters, tokens, steps);
    double[] s = steps.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    int distinct = (int) adapters.stream().filter(a -> a != null).distinct().count();
    double generated = adapters.size() * (double) tokens;
    return new Run(
        name,
        adapters.size(),
        distinct,
        generated / wall[reps / 2],
        cpu0 < 0 ? Double.NaN : generated * reps / (cpu / 1e9),
        s[s.length / 2] * 1e3,
        s[Math.min(s.length - 1, (int) Math.ceil(s.length * 0.99) - 1)] * 1e3);
  }

  /**
   * Greedy decoding of {@code tokens} tokens for each sequence, from token 1 (BOS in our
   * vocabularies).
   */
  private static void decode(
      Decoder d, List<ServingAdapter> adapters, int tokens, List<Double> stepTimes) {
    List<Decoder.Sequence> seqs = new ArrayList<>();
    int[] next = new int[adapters.size()];
    Arrays.fill(next, 1);
    for (ServingAdapter a : adapters) {
      seqs.add(d.start(a));
    }
    Sampler greedy = Sampler.greedy();
    for (int t = 0; t < tokens; t++) {
      List<Decoder.Feed> feeds = new ArrayList<>(seqs.size());
      for (int i = 0; i < seqs.size(); i++) {
        feeds.add(new Decoder.Feed(seqs.get(i), new int[] {next[i]}));
      }
      long t0 = System.nanoTime();
      Mat logits = d.step(feeds);
      for (int i = 0; i < seqs.size(); i++) {
        next[i] = greedy.sample(logits.row(i).toArray(), null);
      }
      if (stepTimes != null) {
        stepTimes.add((System.nanoTime() - t0) / 1e9);
      }
    }
  }
}
