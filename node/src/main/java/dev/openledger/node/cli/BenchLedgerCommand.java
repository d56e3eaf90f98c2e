package dev.openledger.node.cli;

import dev.openledger.core.json.Json;
import dev.openledger.node.bench.LedgerBench;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code openledger bench ledger [--json]}. */
@Command(
    name = "ledger",
    mixinStandardHelpOptions = true,
    description =
        "Signed transfers per second, submit -> durably committed, and Ed25519 verifications per second next to OpenSSL's.")
final class BenchLedgerCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--json", description = "Print the result as JSON (progress goes to stderr).")
  boolean json;

  @Option(
      names = "--txs",
      defaultValue = "160000",
      description = "Transfers to measure (default ${DEFAULT-VALUE}).")
  int txs;

  @Option(
      names = "--accounts",
      defaultValue = "2000",
      description = "Distinct senders (default ${DEFAULT-VALUE}).")
  int accounts;

  @Option(
      names = "--block-txs",
      defaultValue = "10000",
      description = "Transactions per block (default ${DEFAULT-VALUE}).")
  int blockTxs;

  @Option(
      names = "--memory",
      description = "Use the in-memory store instead of RocksDB with fsync.")
  boolean memory;

  @Option(
      names = "--openssl-seconds",
      defaultValue = "3",
      description = "openssl speed -seconds (0 skips OpenSSL; default ${DEFAULT-VALUE}).")
  int openSslSeconds;

  @Override
  public Integer call() {
    System.setProperty(DemoCommand.LOG_LEVEL, System.getProperty(DemoCommand.LOG_LEVEL, "warn"));
    return Cli.guard(
        spec,
        () -> {
          PrintWriter progress = json ? spec.commandLine().getErr() : Cli.out(spec);
          LedgerBench.Result r =
              LedgerBench.run(
                  new LedgerBench.Config(txs, accounts, !memory, blockTxs, 2.0, openSslSeconds),
                  progress);
          PrintWriter out = Cli.out(spec);
          out.println(json ? Json.writePretty(r) : summary(r));
          return ExitCodes.OK;
        });
  }

  static String summary(LedgerBench.Result r) {
    StringWriter s = new StringWriter();
    PrintWriter p = new PrintWriter(s);
    p.printf(Locale.ROOT, "ledger benchmark: embedded engine, store %s%n", r.store());
    p.printf(
        Locale.ROOT,
        "machine        %s, %d cores, load average %.2f at start, Java %s%n",
        r.machine().cpuModel(),
        r.machine().cores(),
        r.machine().loadAverage(),
        r.machine().java());
    p.printf(
        Locale.ROOT,
        "transfers      %d from %d accounts, %d committed ok, in %d blocks%n",
        r.txs(),
        r.accounts(),
        r.committedOk(),
        r.blocks());
    p.printf(
        Locale.ROOT,
        "throughput     %.0f transfers/s (submit -> durably committed), %.2f s%n",
        r.txPerSecond(),
        r.seconds());
    p.printf(
        Locale.ROOT,
        "latency        p50 %.0f ms, p99 %.0f ms%n",
        r.latencyP50Millis(),
        r.latencyP99Millis());
    p.printf(
        Locale.ROOT,
        "cpu time       %.2f s for the whole process: %.0f transfers per CPU-second%n",
        r.cpuSeconds(),
        r.txPerCpuSecond());
    StringBuilder parts = new StringBuilder();
    r.cpuSecondsByThread()
        .forEach((k, v) -> parts.append(String.format(Locale.ROOT, "%s %.2f s; ", k, v)));
    p.printf(Locale.ROOT, "  by thread    %s%n", parts.toString().replaceAll("; $", ""));
    p.printf(
        Locale.ROOT,
        "ed25519 verify %.0f/s on 1 thread (%.0f per CPU-second), %.0f/s on %d threads (Bouncy Castle)%n",
        r.verifyPerSecondOneThread(),
        r.verifyPerCpuSecond(),
        r.verifyPerSecondAllThreads(),
        r.machine().cores());
    if (r.openSslVerifyPerSecond() != null) {
      p.printf(
          Locale.ROOT,
          "openssl        %.0f verify/s on 1 core (openssl speed ed25519, per CPU-second of user time)%n",
          r.openSslVerifyPerSecond());
      p.printf(
          Locale.ROOT,
          "ratio          %.0f%% of %d cores' OpenSSL verify rate (wall clock); %.0f%% per CPU-second%n",
          100 * r.ratioToOpenSslAllCores(),
          r.machine().cores(),
          100 * r.cpuRatioToOpenSsl());
    } else {
      p.println("openssl        not run (not on the PATH, or --openssl-seconds 0)");
    }
    p.flush();
    return s.toString().stripTrailing();
  }
}
