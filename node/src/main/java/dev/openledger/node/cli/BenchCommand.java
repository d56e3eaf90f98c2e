package dev.openledger.node.cli;

import dev.openledger.core.json.Json;
import dev.openledger.ml.bench.InferBench;
import dev.openledger.ml.bench.KernelBench;
import dev.openledger.ml.bench.TrainBench;
import dev.openledger.ml.model.Parameters;
import dev.openledger.ml.pretrain.Preset;
import dev.openledger.ml.runtime.LoadedModel;
import dev.openledger.ml.tensor.Kernels;
import dev.openledger.ml.tensor.VectorKernels;
import dev.openledger.ml.tensor.WorkerPool;
import dev.openledger.openlora.bench.ServeBench;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code openledger bench kernels|infer|train [--json]}: measured figures of the model engine. Human summary
 * by default, JSON with {@code --json}. Figures depend on machine load: run on a quiet machine.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = {"Benchmarks the model engine.",
        "kernels: matmul GFLOP/s next to the measured FMA peak; matvec GB/s.",
        "infer:   decode tokens/s at batch 1 and 8, with 8 different LoRA adapters vs none.",
        "train:   LoRA and full training tokens/s.",
        "serve:   OpenLoRA multi-adapter serving (S-LoRA workload) against merged-swap and copy-per-adapter baselines."})
public final class BenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @picocli.CommandLine.Parameters(index = "0", paramLabel = "kernels|infer|train|serve", description = "What to measure.")
  String what;

  @Option(names = "--json", description = "Print machine-readable JSON instead of a summary.")
  boolean json;

  @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: one per core).")
  Integer threads;

  @Option(names = "--model", paramLabel = "DIR",
      description = "Model directory for infer/train (default: random weights of the small preset shape).")
  Path model;

  @Option(names = "--rank", defaultValue = "8", paramLabel = "R", description = "LoRA rank. Default: ${DEFAULT-VALUE}.")
  int rank;

  @Option(names = "--adapters", split = ",", paramLabel = "N,N,...", defaultValue = "1,10,100,1000",
      description = "serve: numbers of adapters to run. Default: ${DEFAULT-VALUE}.")
  java.util.List<Integer> adapters;

  @Option(names = "--requests", defaultValue = "256", paramLabel = "N", description = "serve: requests per workload. Default: ${DEFAULT-VALUE}.")
  int requests;

  @Option(names = "--rate", defaultValue = "200", paramLabel = "R", description = "serve: Poisson arrival rate, requests/s. Default: ${DEFAULT-VALUE}.")
  double rate;

  @Option(names = "--cache-mb", defaultValue = "64", paramLabel = "MB", description = "serve: adapter cache bound. Default: ${DEFAULT-VALUE}.")
  long cacheMb;

  @Option(names = "--repeat", defaultValue = "3", paramLabel = "N", description = "serve: runs per system and workload (median reported). Default: ${DEFAULT-VALUE}.")
  int repeat;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    int n = threads != null ? threads : Runtime.getRuntime().availableProcessors();
    if (n < 1 || rank < 1) {
      spec.commandLine().getErr().println("bench: --threads and --rank must be positive");
      return ExitCodes.USAGE;
    }
    Object report;
    switch (what) {
      case "kernels" -> report = KernelBench.run(n);
      case "infer" -> report = withKernels(n, k -> InferBench.run(weights(), k, rank));
      case "train" -> report = withKernels(n, k -> TrainBench.run(weights(), k, 8, 128, rank));
      case "serve" -> report = ServeBench.run(ServeBench.Config.defaults().withAdapterCounts(adapters).withRequests(requests).withRate(rate)
          .withRank(rank).withCacheBytes(cacheMb << 20).withThreads(n).withRepeat(repeat), json ? spec.commandLine().getErr() : out);
      default -> {
        spec.commandLine().getErr().println("bench: unknown benchmark '" + what + "' (kernels, infer, train or serve)");
        return ExitCodes.USAGE;
      }
    }
    out.println(json ? Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(report) : summary(report));
    return ExitCodes.OK;
  }

  private interface Bench {
    Object run(Kernels k) throws IOException;
  }

  private static Object withKernels(int threads, Bench b) throws IOException {
    try (WorkerPool pool = new WorkerPool(threads)) {
      return b.run(new VectorKernels(pool));
    }
  }

  private Parameters weights() throws IOException {
    if (model != null) {
      return LoadedModel.read(model).weights();
    }
    return Parameters.init(Preset.SMALL.model(Preset.SMALL.vocabSize()), 1);
  }

  static String summary(Object report) {
    StringBuilder sb = new StringBuilder();
    if (report instanceof KernelBench.Report r) {
      sb.append(String.format(Locale.ROOT, "kernels: %s%nFMA peak: %.1f GFLOP/s (1 thread), %.1f GFLOP/s (%d threads)%n",
          r.vector(), r.peak1(), r.peakAll(), r.threads()));
      for (KernelBench.Product p : r.products()) {
        sb.append(String.format(Locale.ROOT, "  %s %dx%dx%d, %d thread(s): %.1f GFLOP/s = %.0f%% of peak%n",
            p.kernel(), p.m(), p.n(), p.k(), p.threads(), p.gflops(), p.percentOfPeak()));
      }
      for (KernelBench.MatVec m : r.matvecs()) {
        sb.append(String.format(Locale.ROOT, "  matvec %dx%d batch %d, %d thread(s): %.1f GFLOP/s, %.1f GB/s of weights%n",
            m.rows(), m.cols(), m.batch(), m.threads(), m.gflops(), m.weightGBps()));
      }
    } else if (report instanceof InferBench.Report r) {
      sb.append(String.format(Locale.ROOT, "decode: %d parameters (dim %d, %d layers, vocab %d), %d tokens per sequence%n",
          r.parameters(), r.model().dim(), r.model().nLayers(), r.model().vocabSize(), r.tokensPerSequence()));
      for (InferBench.Run run : r.runs()) {
        sb.append(String.format(Locale.ROOT, "  %-32s %,10.0f tok/s   step p50 %.2f ms, p99 %.2f ms%n",
            run.name(), run.tokensPerSecond(), run.stepP50Ms(), run.stepP99Ms()));
      }
      sb.append(String.format(Locale.ROOT, "  8 adapters / no adapter at batch 8: %.2fx%n", r.loraOverheadRatio()));
    } else if (report instanceof ServeBench.Result r) {
      sb.append(ServeBench.summary(r));
    } else if (report instanceof TrainBench.Report r) {
      sb.append(String.format(Locale.ROOT, "training: dim %d, %d layers, batch %d x %d tokens%n",
          r.model().dim(), r.model().nLayers(), r.batchSize(), r.seqLen()));
      sb.append(String.format(Locale.ROOT, "  LoRA (rank %d, all 7 projections, base frozen): %,.0f tok/s%n",
          r.loraRank(), r.loraTokensPerSecond()));
      sb.append(String.format(Locale.ROOT, "  full training: %,.0f tok/s%n", r.fullTokensPerSecond()));
    }
    return sb.toString().stripTrailing();
  }
}
