package dev.openledger.node.cli;

import dev.openledger.attribution.bench.AttributionBench;
import dev.openledger.attribution.bench.BenchReport;
import dev.openledger.core.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code openledger bench attribution [--json]}: gradient attribution latency at 10k and 100k
 * stored rows, span lookup over a 10M-token suffix array, store and index sizes, build times.
 */
@Command(
    name = "attribution",
    mixinStandardHelpOptions = true,
    description =
        "Proof of Attribution latency (DataInf at 10k/100k rows, span lookup over 10M tokens), store size per row, index build time.")
final class BenchAttributionCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--json", description = "Print the result as JSON.")
  boolean json;

  @Option(names = "--quick", description = "Smaller sizes, for a fast look.")
  boolean quick;

  @Option(names = "--threads", description = "Scoring threads (default: the number of cores).")
  Integer threads;

  @Override
  public Integer call() {
    System.setProperty(DemoCommand.LOG_LEVEL, System.getProperty(DemoCommand.LOG_LEVEL, "warn"));
    return Cli.guard(
        spec,
        () -> {
          int t = threads != null ? threads : Runtime.getRuntime().availableProcessors();
          if (t < 1) {
            throw new CliFailure(ExitCodes.USAGE, "--threads must be at least 1");
          }
          Path work = Files.createTempDirectory("openledger-attribution-bench");
          try {
            BenchReport r =
                AttributionBench.run(
                    new AttributionBench.Options(quick, t, work, Cli.repoRoot(), null));
            if (json) {
              Cli.out(spec).println(Json.writePretty(r));
            } else {
              ByteArrayOutputStream buf = new ByteArrayOutputStream();
              AttributionBench.print(r, new PrintStream(buf, true, StandardCharsets.UTF_8));
              Cli.out(spec).print(buf.toString(StandardCharsets.UTF_8));
            }
          } finally {
            try (var s = Files.walk(work)) {
              for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
              }
            }
          }
          return ExitCodes.OK;
        });
  }
}
