package dev.openledger.node.cli;

import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import dev.openledger.core.money.Amount;
import dev.openledger.node.Version;
import dev.openledger.node.home.NodeConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** Entry point of the {@code openledger} command. */
@Command(
    name = "openledger",
    mixinStandardHelpOptions = true,
    version = "openledger " + Version.VERSION,
    description =
        "A ledger that tracks who contributed the data behind an AI model and pays them when the model is used.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success",
      "1:failure while running (the message says what)",
      "2:bad command line",
      "3:the chain rejected the request",
      "4:node unreachable or timed out",
      "5:a proof or recomputation did not verify"
    },
    subcommands = {
      InitCommand.class,
      NodeCommand.class,
      ClusterCommand.class,
      KeysCommand.class,
      TxCommand.class,
      QueryCommand.class,
      DatanetCommand.class,
      StakeCommand.class,
      GovCommand.class,
      ModelCommand.class,
      OpenLoraCommand.class,
      PaymentCommand.class,
      InferCommand.class,
      AttributionCommand.class,
      BenchCommand.class,
      DemoCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {
  static final String HOME_ENV = "OPENLEDGER_HOME";
  static final String NODE_ENV = "OPENLEDGER_NODE";

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--home",
      scope = ScopeType.INHERIT,
      paramLabel = "DIR",
      description =
          "Node home: genesis, data and keys (default: $OPENLEDGER_HOME, else ~/.openledger).")
  Path home;

  @Option(
      names = "--node",
      scope = ScopeType.INHERIT,
      paramLabel = "URL",
      description =
          "The node to talk to, or several comma-separated (a cluster's validators: the next is tried when one is down) (default: $OPENLEDGER_NODE, else http://127.0.0.1:"
              + NodeConfig.DEFAULT_PORT
              + ").")
  String node;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the CLI in-process and returns its exit code. */
  public static int run(String... args) {
    return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
  }

  /** Runs the CLI in-process with the given output streams (used by tests). */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cl = new CommandLine(new Main());
    cl.setOut(out);
    cl.setErr(err);
    cl.setExitCodeExceptionMapper(
        t -> t instanceof CommandLine.ParameterException ? ExitCodes.USAGE : ExitCodes.FAILURE);
    cl.registerConverter(Amount.class, Amount::parse);
    cl.registerConverter(Address.class, Address::parse);
    cl.registerConverter(Hash.class, Hash::fromHex);
    return cl.execute(args);
  }

  /** The home directory option, its environment variable, or {@code ~/.openledger}. */
  Path home() {
    if (home != null) {
      return home;
    }
    String env = System.getenv(HOME_ENV);
    return env != null && !env.isBlank()
        ? Path.of(env)
        : Path.of(System.getProperty("user.home"), ".openledger");
  }

  /** The node URL option, its environment variable, or the local default. */
  String nodeUrl() {
    if (node != null) {
      return node;
    }
    String env = System.getenv(NODE_ENV);
    return env != null && !env.isBlank()
        ? env
        : "http://" + NodeConfig.DEFAULT_HOST + ":" + NodeConfig.DEFAULT_PORT;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
