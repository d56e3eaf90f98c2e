package dev.openledger.node.cli;

import dev.openledger.core.json.Json;
import dev.openledger.ml.bench.KernelBench;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code openledger bench kernels [--json]}: GEMM GFLOP/s next to the measured FMA peak, matvec
 * GB/s.
 */
@Command(
    name = "kernels",
    mixinStandardHelpOptions = true,
    description =
        "Model-engine kernels: packed matmul GFLOP/s next to this machine's measured FMA peak; matvec GB/s.")
final class BenchKernelsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ModelBenchOptions opts;

  @Override
  public Integer call() {
    return Cli.guard(
        spec,
        () -> {
          KernelBench.Report r = KernelBench.run(opts.threads());
          Cli.out(spec).println(opts.json ? Json.writePretty(r) : summary(r));
          return ExitCodes.OK;
        });
  }

  static String summary(KernelBench.Report r) {
    StringWriter s = new StringWriter();
    PrintWriter p = new PrintWriter(s);
    p.printf(
        Locale.ROOT,
        "kernels: %s%nFMA peak: %.1f GFLOP/s (1 thread), %.1f GFLOP/s (%d threads)%n",
        r.vector(),
        r.peak1(),
        r.peakAll(),
        r.threads());
    for (KernelBench.Product x : r.products()) {
      p.printf(
          Locale.ROOT,
          "  %s %dx%dx%d, %d thread(s): %.1f GFLOP/s = %.0f%% of peak%n",
          x.kernel(),
          x.m(),
          x.n(),
          x.k(),
          x.threads(),
          x.gflops(),
          x.percentOfPeak());
    }
    for (KernelBench.MatVec m : r.matvecs()) {
      p.printf(
          Locale.ROOT,
          "  matvec %dx%d batch %d, %d thread(s): %.1f GFLOP/s, %.1f GB/s of weights%n",
          m.rows(),
          m.cols(),
          m.batch(),
          m.threads(),
          m.gflops(),
          m.weightGBps());
    }
    p.flush();
    return s.toString().stripTrailing();
  }
}
