package dev.openledger.node.cli;

import dev.openledger.core.json.Json;
import dev.openledger.modelfactory.bench.FineTuneBench;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code openledger bench finetune [--json]}: a demo-sized ModelFactory job end to end, timed by
 * phase.
 */
@Command(
    name = "finetune",
    mixinStandardHelpOptions = true,
    description = {
      "A demo-sized fine-tune through ModelFactory in a temporary directory: 8 Brown documents of one "
          + "genre as a datanet, default job settings; seconds per phase and training tokens/s.",
      "The base is the tiny preset pre-trained on Brown (cached; trained first if absent, not timed) unless --base."
    })
final class BenchFinetuneCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--json", description = "Print the result as JSON.")
  boolean json;

  @Option(names = "--base", paramLabel = "DIR", description = "Base model directory.")
  Path base;

  @Option(
      names = "--genre",
      defaultValue = "h",
      paramLabel = "LETTER",
      description = "Brown genre of the datanet (default ${DEFAULT-VALUE}: government documents).")
  char genre;

  @Option(
      names = "--docs",
      defaultValue = "8",
      paramLabel = "N",
      description = "Documents in the datanet (default ${DEFAULT-VALUE}).")
  int docs;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description = "Worker threads (default: one per core).")
  Integer threads;

  @Override
  public Integer call() {
    System.setProperty(DemoCommand.LOG_LEVEL, System.getProperty(DemoCommand.LOG_LEVEL, "warn"));
    return Cli.guard(
        spec,
        () -> {
          int n = threads != null ? threads : Runtime.getRuntime().availableProcessors();
          if (n < 1 || docs < 1) {
            throw new CliFailure(ExitCodes.USAGE, "--threads and --docs must be positive");
          }
          FineTuneBench.Report r =
              FineTuneBench.runInTempDir(
                  new FineTuneBench.Config(Cli.repoRoot(), base, genre, docs, n));
          Cli.out(spec).println(json ? Json.writePretty(r) : FineTuneBench.summary(r));
          return ExitCodes.OK;
        });
  }
}
