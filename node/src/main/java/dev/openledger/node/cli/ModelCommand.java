package dev.openledger.node.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code openledger model ...}: the on-chain model registry (the commands are in {@link ModelRegistryCommands}). */
@Command(
    name = "model",
    mixinStandardHelpOptions = true,
    description = "Models: the on-chain registry with lineage, proposals, prices.",
    subcommands = {
      ModelRegistryCommands.ListCmd.class,
      ModelRegistryCommands.ShowCmd.class,
      ModelRegistryCommands.Register.class,
      ModelRegistryCommands.Propose.class,
      ModelRegistryCommands.Retire.class,
      ModelRegistryCommands.Price.class
    })
final class ModelCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(Cli.out(spec));
  }
}
