package dev.openledger.node.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code openledger} command. */
@Command(
    name = "openledger",
    mixinStandardHelpOptions = true,
    version = "openledger 0.1.0",
    description = "A ledger that tracks who contributed the data behind an AI model and pays them when the model is used.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success",
      "1:failure while running (the message says what)",
      "2:bad command line",
      "3:the chain rejected the request",
      "4:node unreachable or timed out",
      "5:a proof or recomputation did not verify"
    },
    subcommands = {CommandLine.HelpCommand.class, ModelCommand.class, BenchCommand.class, OpenLoraCommand.class})
public final class Main implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the CLI in-process and returns its exit code (used by tests). */
  public static int run(String... args) {
    CommandLine cl = new CommandLine(new Main());
    cl.setExitCodeExceptionMapper(t -> ExitCodes.FAILURE);
    return cl.execute(args);
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
