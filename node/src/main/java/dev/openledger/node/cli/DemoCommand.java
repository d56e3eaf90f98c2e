package dev.openledger.node.cli;

import dev.openledger.node.demo.Demo;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code openledger demo}: the lifecycle on a throw-away devnet. */
@Command(name = "demo", mixinStandardHelpOptions = true, description = "Run the OpenLedger lifecycle on a throw-away devnet and print what happens.")
final class DemoCommand implements Callable<Integer> {
  static final String LOG_LEVEL = "org.slf4j.simpleLogger.defaultLogLevel";

  @Spec CommandSpec spec;

  @Option(names = "--verbose", description = "Show the node's log (info level) on stderr.")
  boolean verbose;

  @Override
  public Integer call() {
    if (System.getProperty(LOG_LEVEL) == null) {
      System.setProperty(LOG_LEVEL, verbose ? "info" : "warn");
    }
    return Cli.guard(spec, () -> Demo.run(Cli.out(spec), Demo.steps()) ? ExitCodes.OK : ExitCodes.FAILURE);
  }
}
