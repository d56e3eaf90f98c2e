package dev.openledger.ml.bench;

import dev.openledger.ml.lora.LoraConfig;
import dev.openledger.ml.lora.LoraParameters;
import dev.openledger.ml.model.LinearKind;
import dev.openledger.ml.model.LlamaConfig;
import dev.openledger.ml.model.Parameters;
import dev.openledger.ml.tensor.Kernels;
import dev.openledger.ml.tensor.Rng;
import dev.openledger.ml.train.Objective;
import dev.openledger.ml.train.RandomWindows;
import dev.openledger.ml.train.TrainConfig;
import dev.openledger.ml.train.Trainer;
import dev.openledger.ml.transformer.Transformer;
import java.util.EnumSet;

/**
 * Training throughput: optimizer steps of LoRA training (base frozen) and of full training,
 * tokens/s.
 */
public final class TrainBench {
  private TrainBench() {}

  /**
   * @param model the model trained
   * @param batchSize B
   * @param seqLen T
   * @param loraRank rank of the adapter (on all seven projections)
   * @param loraTokensPerSecond LoRA training throughput (median step, wall time)
   * @param loraTokensPerCpuSecond LoRA training tokens per second of process CPU time (all threads)
   * @param fullTokensPerSecond full training throughput (median step, wall time)
   * @param fullTokensPerCpuSecond full training tokens per second of process CPU time
   */
  public record Report(
      LlamaConfig model,
      int batchSize,
      int seqLen,
      int loraRank,
      double loraTokensPerSecond,
      double loraTokensPerCpuSecond,
      double fullTokensPerSecond,
      double fullTokensPerCpuSecond) {}

  public static Report run(Parameters base, Kernels k, int batchSize, int seqLen, int rank) {
    LlamaConfig c = base.config();
    int[] stream = new int[200_000];
    Rng rng = new Rng(5);
    for (int i = 0; i < stream.length; i++) {
      stream[i] = rng.nextInt(c.vocabSize());
    }
    TrainConfig tc = TrainConfig.of(1_000_000, batchSize, seqLen, 1e-3f, 1);
    Transformer model = new Transformer(c, k);
    LoraConfig lc = new LoraConfig(rank, 2f * rank, 0.05f, EnumSet.allOf(LinearKind.class));
    Trainer lora =
        new Trainer(
            new Objective.Lora(model, base, LoraParameters.fresh(c, lc, 3), batchSize, seqLen),
            tc,
            new RandomWindows(stream, batchSize, seqLen, 7));
    Timing.WallAndCpu loraT = Timing.wallAndCpu(lora::runStep, 5000, 9);
    Trainer full =
        new Trainer(
            new Objective.Full(model, base.copy(), batchSize, seqLen),
            tc,
            new RandomWindows(stream, batchSize, seqLen, 7));
    Timing.WallAndCpu fullT = Timing.wallAndCpu(full::runStep, 5000, 9);
    double tokens = (double) batchSize * seqLen;
    return new Report(
        c,
        batchSize,
        seqLen,
        rank,
        tokens / loraT.wallSeconds(),
        tokens / loraT.cpuSeconds(),
        tokens / fullT.wallSeconds(),
        tokens / fullT.cpuSeconds());
  }
}
