package dev.openledger.node.cli;

import dev.openledger.core.json.Json;
import dev.openledger.openlora.bench.ServeBench;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code openledger bench serve [--json]}: OpenLoRA on an S-LoRA workload against two baselines.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "OpenLoRA multi-adapter serving: n adapters with power-law popularity and Poisson arrivals, against",
      "merged-swap (one adapter merged at a time) and copy-per-adapter (a merged model copy per adapter); cold and",
      "warm adapter load times. Takes a few minutes with the defaults."
    })
final class BenchServeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--json", description = "Print the result as JSON (progress goes to stderr).")
  boolean json;

  @Option(
      names = "--adapters",
      split = ",",
      paramLabel = "N,N,...",
      defaultValue = "1,10,100,1000",
      description = "Numbers of adapters to run. Default: ${DEFAULT-VALUE}.")
  List<Integer> adapters;

  @Option(
      names = "--requests",
      defaultValue = "256",
      paramLabel = "N",
      description = "Requests per workload. Default: ${DEFAULT-VALUE}.")
  int requests;

  @Option(
      names = "--rate",
      defaultValue = "200",
      paramLabel = "R",
      description = "Poisson arrival rate, requests/s. Default: ${DEFAULT-VALUE}.")
  double rate;

  @Option(
      names = "--rank",
      defaultValue = "8",
      paramLabel = "R",
      description = "Adapter rank. Default: ${DEFAULT-VALUE}.")
  int rank;

  @Option(
      names = "--cache-mb",
      defaultValue = "64",
      paramLabel = "MB",
      description = "Adapter cache bound. Default: ${DEFAULT-VALUE}.")
  long cacheMb;

  @Option(
      names = "--repeat",
      defaultValue = "3",
      paramLabel = "N",
      description =
          "Runs per system and workload; the median is reported. Default: ${DEFAULT-VALUE}.")
  int repeat;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description = "Compute threads (default: one per core).")
  Integer threads;

  @Override
  public Integer call() {
    return Cli.guard(
        spec,
        () -> {
          ServeBench.Config c;
          try {
            c =
                ServeBench.Config.defaults()
                    .withAdapterCounts(adapters)
                    .withRequests(requests)
                    .withRate(rate)
                    .withRank(rank)
                    .withCacheBytes(cacheMb << 20)
                    .withRepeat(repeat)
                    .withThreads(
                        threads != null ? threads : Runtime.getRuntime().availableProcessors());
          } catch (IllegalArgumentException e) {
            throw new CliFailure(ExitCodes.USAGE, e.getMessage());
          }
          ServeBench.Result r =
              ServeBench.run(c, json ? spec.commandLine().getErr() : Cli.out(spec));
          Cli.out(spec).println(json ? Json.writePretty(r) : ServeBench.summary(r));
          return ExitCodes.OK;
        });
  }
}
