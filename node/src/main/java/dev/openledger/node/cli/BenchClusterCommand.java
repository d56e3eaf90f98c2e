package dev.openledger.node.cli;

import dev.openledger.core.json.Json;
import dev.openledger.node.bench.ClusterBench;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code openledger bench cluster [--json]}. */
@Command(
    name = "cluster",
    mixinStandardHelpOptions = true,
    description =
        "Committed transfers/s and commit latency through Ratis clusters of 1, 3 and 5 validators (in this process, loopback) next to the embedded engine.")
final class BenchClusterCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--json", description = "Print the result as JSON (progress goes to stderr).")
  boolean json;

  @Option(
      names = "--txs",
      defaultValue = "20000",
      description = "Transfers measured per configuration (default ${DEFAULT-VALUE}).")
  int txs;

  @Option(
      names = "--accounts",
      defaultValue = "1000",
      description = "Distinct senders (default ${DEFAULT-VALUE}).")
  int accounts;

  @Option(
      names = "--block-txs",
      defaultValue = "5000",
      description = "Most transactions per block, i.e. per log entry (default ${DEFAULT-VALUE}).")
  int blockTxs;

  @Option(
      names = "--block-time-ms",
      defaultValue = "100",
      description = "Block interval (default ${DEFAULT-VALUE}).")
  long blockTimeMs;

  @Option(
      names = "--sizes",
      defaultValue = "1,3,5",
      split = ",",
      description = "Cluster sizes (default ${DEFAULT-VALUE}).")
  List<Integer> sizes;

  @Override
  public Integer call() {
    System.setProperty(DemoCommand.LOG_LEVEL, System.getProperty(DemoCommand.LOG_LEVEL, "warn"));
    // Ratis warns about every stream it cuts when the benchmark stops a cluster; only errors matter
    // here.
    System.setProperty("org.slf4j.simpleLogger.log.org.apache.ratis", "error");
    return Cli.guard(
        spec,
        () -> {
          PrintWriter progress = json ? spec.commandLine().getErr() : Cli.out(spec);
          ClusterBench.Result r =
              ClusterBench.run(
                  new ClusterBench.Config(txs, accounts, blockTxs, blockTimeMs, sizes), progress);
          Cli.out(spec).println(json ? Json.writePretty(r) : summary(r));
          return ExitCodes.OK;
        });
  }

  static String summary(ClusterBench.Result r) {
    StringWriter s = new StringWriter();
    PrintWriter p = new PrintWriter(s);
    p.printf(
        Locale.ROOT,
        "cluster benchmark: %d accounts, blocks of up to %d transfers every %d ms, RocksDB and Raft log with fsync%n",
        r.accounts(),
        r.maxBlockTxs(),
        r.blockTimeMs());
    p.printf(
        Locale.ROOT,
        "machine  %s, %d cores, load average %.2f at start, Java %s%n",
        r.machine().cpuModel(),
        r.machine().cores(),
        r.machine().loadAverage(),
        r.machine().java());
    p.printf(
        Locale.ROOT,
        "%-10s %10s %12s %10s %10s %8s %12s%n",
        "engine",
        "transfers",
        "transfers/s",
        "p50 ms",
        "p99 ms",
        "blocks",
        "tx/log entry");
    for (ClusterBench.Row row : r.rows()) {
      p.printf(
          Locale.ROOT,
          "%-10s %10d %12.0f %10.0f %10.0f %8d %12.0f%n",
          row.engine(),
          row.txs(),
          row.txPerSecond(),
          row.latencyP50Millis(),
          row.latencyP99Millis(),
          row.blocks(),
          row.txPerBlock());
    }
    p.flush();
    return s.toString().stripTrailing();
  }
}
