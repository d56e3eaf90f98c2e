package dev.openledger.node.cli;

import dev.openledger.core.json.Json;
import dev.openledger.datanet.bench.DatanetBench;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code openledger bench datanet [--json]}: ingestion throughput and duplicate-detection cost per
 * row.
 */
@Command(
    name = "datanet",
    mixinStandardHelpOptions = true,
    description =
        "Datanet ingestion throughput (rows/s, MB/s) on the Brown corpus and duplicate-detection cost per row.")
final class BenchDatanetCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--json", description = "Print the result as JSON.")
  boolean json;

  @Option(
      names = "--files",
      defaultValue = "0",
      description = "Brown corpus files to ingest (0 = all 500; default ${DEFAULT-VALUE}).")
  int files;

  @Override
  public Integer call() {
    System.setProperty(DemoCommand.LOG_LEVEL, System.getProperty(DemoCommand.LOG_LEVEL, "warn"));
    return Cli.guard(
        spec,
        () -> {
          if (files < 0) {
            throw new CliFailure(ExitCodes.USAGE, "--files must be 0 (all) or a positive count");
          }
          DatanetBench.Report r = DatanetBench.runInTempDir(Cli.repoRoot(), files);
          if (json) {
            Cli.out(spec).println(Json.writePretty(r));
          } else {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            DatanetBench.print(r, new PrintStream(buf, true, StandardCharsets.UTF_8));
            Cli.out(spec).print(buf.toString(StandardCharsets.UTF_8));
          }
          return ExitCodes.OK;
        });
  }
}
