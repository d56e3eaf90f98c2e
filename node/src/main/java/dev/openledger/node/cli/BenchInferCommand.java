package dev.openledger.node.cli;

import dev.openledger.core.json.Json;
import dev.openledger.ml.bench.InferBench;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code openledger bench infer [--model DIR] [--json]}: decode tokens/s, batch 1 and 8, with and
 * without adapters.
 */
@Command(
    name = "infer",
    mixinStandardHelpOptions = true,
    description =
        "Decode tokens/s at batch 1 and batch 8: no adapter vs 8 different LoRA adapters in one batch.")
final class BenchInferCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ModelBenchOptions opts;

  @Override
  public Integer call() {
    return Cli.guard(
        spec,
        () -> {
          var w = opts.weights();
          InferBench.Report r = opts.withKernels(k -> InferBench.run(w, k, opts.rank));
          Cli.out(spec).println(opts.json ? Json.writePretty(r) : summary(r));
          return ExitCodes.OK;
        });
  }

  static String summary(InferBench.Report r) {
    StringWriter s = new StringWriter();
    PrintWriter p = new PrintWriter(s);
    p.printf(
        Locale.ROOT,
        "decode: %d parameters (dim %d, %d layers, vocab %d), %d tokens per sequence%n",
        r.parameters(),
        r.model().dim(),
        r.model().nLayers(),
        r.model().vocabSize(),
        r.tokensPerSequence());
    for (InferBench.Run run : r.runs()) {
      p.printf(
          Locale.ROOT,
          "  %-30s %,8.0f tok/s  %,8.0f tok/CPU-s   step p50 %.2f ms, p99 %.2f ms%n",
          run.name(),
          run.tokensPerSecond(),
          run.tokensPerCpuSecond(),
          run.stepP50Ms(),
          run.stepP99Ms());
    }
    p.printf(
        Locale.ROOT,
        "  batch 8, 8 different adapters / no adapter: %.2fx (all 7 projections), %.2fx (q,v)%n",
        r.ratioAllTargets(),
        r.ratioQv());
    p.flush();
    return s.toString().stripTrailing();
  }
}
