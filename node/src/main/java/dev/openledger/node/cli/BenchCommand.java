package dev.openledger.node.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code openledger bench ...}: the benchmark commands, one subcommand each. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Benchmarks (figures depend on the machine and its load; both are printed).",
    subcommands = {
      BenchLedgerCommand.class,
      BenchKernelsCommand.class,
      BenchInferCommand.class,
      BenchTrainCommand.class,
      BenchDatanetCommand.class,
      BenchAttributionCommand.class,
      BenchServeCommand.class,
      BenchFinetuneCommand.class,
      BenchClusterCommand.class,
    })
final class BenchCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(Cli.out(spec));
  }
}
