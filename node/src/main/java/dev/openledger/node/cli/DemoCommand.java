package dev.openledger.node.cli;

import dev.openledger.node.demo.AfterDemo;
import dev.openledger.node.demo.Demo;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code openledger demo}: the lifecycle on a throw-away devnet. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = "Run the OpenLedger lifecycle on a throw-away devnet and print what happens.")
final class DemoCommand implements Callable<Integer> {
  static final String LOG_LEVEL = "org.slf4j.simpleLogger.defaultLogLevel";
  private static final long CLEANUP_SECONDS = 20;

  @Spec CommandSpec spec;

  @Option(names = "--verbose", description = "Show the node's log (info level) on stderr.")
  boolean verbose;

  @Option(
      names = "--serve",
      description =
          "After the last step, keep the node and its web dashboard up with the demo's data until Ctrl-C; prints the dashboard's URL.")
  boolean serve;

  @Override
  public Integer call() {
    if (System.getProperty(LOG_LEVEL) == null) {
      System.setProperty(LOG_LEVEL, verbose ? "info" : "warn");
    }
    return Cli.guard(
        spec,
        () ->
            Demo.run(Cli.out(spec), Demo.steps(), serve ? untilShutdown() : AfterDemo.STOP)
                ? ExitCodes.OK
                : ExitCodes.FAILURE);
  }

  /**
   * Waits for Ctrl-C (JVM shutdown). The shutdown hook then waits, up to a bound, for the demo to
   * close its node and delete its directory, since the JVM halts once the hooks return.
   */
  private static AfterDemo untilShutdown() {
    CountDownLatch stop = new CountDownLatch(1);
    CountDownLatch cleaned = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  stop.countDown();
                  try {
                    cleaned.await(CLEANUP_SECONDS, TimeUnit.SECONDS);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                },
                "openledger-demo-shutdown"));
    return new AfterDemo() {
      @Override
      public void awaitStop() throws InterruptedException {
        stop.await();
      }

      @Override
      public void stopped() {
        cleaned.countDown();
      }
    };
  }
}
