package dev.openledger.node.cli;

import dev.openledger.ml.format.ModelDirectory;
import dev.openledger.ml.format.PeftAdapterDirectory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code openledger openlora adapter-hash}: OpenLoRA tools. Serving itself is part of the node:
 * {@code openledger node --serve-base DIR --provider KEY} serves the chain's approved models, paid
 * through its payment channels.
 */
@Command(
    name = "openlora",
    mixinStandardHelpOptions = true,
    description =
        "OpenLoRA tools (a node serves approved models with `openledger node --serve-base DIR --provider KEY`).",
    subcommands = {OpenLoraCommand.AdapterHash.class})
public final class OpenLoraCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code openlora adapter-hash}. */
  @Command(
      name = "adapter-hash",
      mixinStandardHelpOptions = true,
      description =
          "Prints the content hash of PEFT adapter directories checked against a base model: the hash a registry approves.")
  static final class AdapterHash implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = "--model",
        required = true,
        paramLabel = "DIR",
        description = "The base model's Hugging Face directory.")
    Path model;

    @Parameters(arity = "1..*", paramLabel = "ADAPTER_DIR", description = "Adapter directories.")
    List<Path> adapters;

    @Override
    public Integer call() throws IOException {
      var base = ModelDirectory.readConfig(model).config();
      for (Path a : adapters) {
        spec.commandLine()
            .getOut()
            .println(PeftAdapterDirectory.contentHash(a, base).toHex() + "  " + a);
      }
      return ExitCodes.OK;
    }
  }
}
