package dev.openledger.node.cli;

import dev.openledger.ledger.genesis.Allocation;
import dev.openledger.ledger.genesis.ChainParams;
import dev.openledger.ledger.genesis.DevnetGenesis;
import dev.openledger.ledger.genesis.Genesis;
import dev.openledger.node.home.NodeConfig;
import dev.openledger.node.home.NodeHome;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code openledger init --home DIR [--genesis devnet|FILE]}, or {@code --validators N} for a
 * cluster.
 */
@Command(
    name = "init",
    mixinStandardHelpOptions = true,
    description =
        "Create a node home: genesis, configuration, data and key directories; with --validators N, a devnet cluster: one home per validator (n1..nN) under --home.")
final class InitCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--genesis",
      paramLabel = "devnet|FILE",
      defaultValue = "devnet",
      description = "The chain: 'devnet' (default) or a genesis JSON file.")
  String genesis;

  @Option(
      names = "--port",
      paramLabel = "N",
      description = "HTTP port written to config/node.json (default ${DEFAULT-VALUE}).",
      defaultValue = "" + NodeConfig.DEFAULT_PORT)
  int port;

  @Option(
      names = "--validators",
      paramLabel = "N",
      description =
          "Create a devnet cluster of N validators (homes n1..nN under --home; API ports from --port, Raft ports from --raft-port).")
  Integer validators;

  @Option(
      names = "--raft-port",
      paramLabel = "N",
      defaultValue = "9861",
      description =
          "With --validators: n1's Raft port; nK uses N + K - 1 (default ${DEFAULT-VALUE}).")
  int raftPort;

  @Option(
      names = "--block-time-ms",
      paramLabel = "MS",
      description = "With --validators: the block interval (default: the devnet's 1000).")
  Long blockTimeMs;

  @Option(
      names = "--join",
      paramLabel = "HOME",
      description =
          "Create a validator joining the cluster of the validator home HOME (with --id; Raft port from --raft-port).")
  Path join;

  @Option(
      names = "--id",
      paramLabel = "ID",
      description = "With --join: the new validator's peer id, e.g. n4.")
  String id;

  @picocli.CommandLine.Mixin PassphraseOptions passphrase;

  @Override
  public Integer call() {
    return Cli.guard(spec, this::run);
  }

  private int run() throws IOException {
    if (join != null) {
      if (id == null) {
        throw new CliFailure(ExitCodes.USAGE, "--join needs --id (the new validator's peer id)");
      }
      return ClusterInit.join(
          NodeHome.at(join),
          Cli.home(spec),
          id,
          new NodeConfig(NodeConfig.DEFAULT_HOST, port),
          NodeConfig.DEFAULT_HOST + ":" + raftPort,
          passphrase.forNewKey("the validator key"),
          Cli.out(spec));
    }
    if (validators != null) {
      if (!genesis.equals("devnet")) {
        throw new CliFailure(
            ExitCodes.USAGE,
            "--validators makes a devnet cluster genesis; it cannot be combined with --genesis FILE");
      }
      ChainParams d = ChainParams.devnet();
      ChainParams params =
          blockTimeMs == null
              ? d
              : new ChainParams(
                  blockTimeMs, d.emptyBlocks(), d.maxTxBytes(), d.maxBlockTxs(), d.minFee());
      ClusterInit.Plan plan =
          new ClusterInit.Plan(
              Cli.root(spec).home(), validators, NodeConfig.DEFAULT_HOST, port, raftPort, params);
      return ClusterInit.run(plan, passphrase.forNewKey("the validator keys"), Cli.out(spec));
    }
    NodeHome home = Cli.home(spec);
    byte[] bytes;
    if (genesis.equals("devnet")) {
      bytes = DevnetGenesis.bytes(ChainParams.devnet());
    } else {
      Path file = Path.of(genesis);
      if (!Files.isRegularFile(file)) {
        throw new CliFailure(
            ExitCodes.USAGE,
            "--genesis must be 'devnet' or a genesis file; " + file + " is not a file");
      }
      bytes = Files.readAllBytes(file);
    }
    Genesis g =
        Cli.require(
            home.init(bytes, new NodeConfig(NodeConfig.DEFAULT_HOST, port)), ExitCodes.USAGE);
    PrintWriter out = Cli.out(spec);
    out.println("initialised " + home.root());
    out.println("  chain id      " + g.chainId());
    out.println("  genesis hash  " + g.hash());
    out.println("  total supply  " + g.totalSupply());
    out.println("  sequencer     " + g.sequencer());
    for (Allocation a : g.allocations()) {
      out.printf("  %-14s %-64s %s%n", a.name(), a.address(), a.amount());
    }
    if (genesis.equals("devnet")) {
      out.println(
          "devnet: the funded accounts' keys are INSECURE (derived from public labels); sign with --from devnet:alice");
    }
    out.println("next: openledger node --home " + home.root());
    return ExitCodes.OK;
  }
}
