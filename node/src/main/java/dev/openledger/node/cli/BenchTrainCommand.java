package dev.openledger.node.cli;

import dev.openledger.core.json.Json;
import dev.openledger.ml.bench.TrainBench;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code openledger bench train [--model DIR] [--json]}: LoRA and full training tokens/s. */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = "Training tokens/s: LoRA (base frozen) and full training, batch 8 x 128 tokens.")
final class BenchTrainCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ModelBenchOptions opts;

  @Override
  public Integer call() {
    return Cli.guard(
        spec,
        () -> {
          var w = opts.weights();
          TrainBench.Report r = opts.withKernels(k -> TrainBench.run(w, k, 8, 128, opts.rank));
          Cli.out(spec).println(opts.json ? Json.writePretty(r) : summary(r));
          return ExitCodes.OK;
        });
  }

  static String summary(TrainBench.Report r) {
    return String.format(
        Locale.ROOT,
        "training: dim %d, %d layers, batch %d x %d tokens%n"
            + "  LoRA (rank %d, all 7 projections, base frozen): %,.0f tok/s, %,.0f tok/CPU-s%n"
            + "  full training: %,.0f tok/s, %,.0f tok/CPU-s",
        r.model().dim(),
        r.model().nLayers(),
        r.batchSize(),
        r.seqLen(),
        r.loraRank(),
        r.loraTokensPerSecond(),
        r.loraTokensPerCpuSecond(),
        r.fullTokensPerSecond(),
        r.fullTokensPerCpuSecond());
  }
}
