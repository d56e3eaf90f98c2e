package dev.openledger.node.cli;

import dev.openledger.ledger.genesis.Allocation;
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

/** {@code openledger init --home DIR [--genesis devnet|FILE]}. */
@Command(name = "init", mixinStandardHelpOptions = true, description = "Create a node home: genesis, configuration, data and key directories.")
final class InitCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--genesis", paramLabel = "devnet|FILE", defaultValue = "devnet", description = "The chain: 'devnet' (default) or a genesis JSON file.")
  String genesis;

  @Option(names = "--port", paramLabel = "N", description = "HTTP port written to config/node.json (default ${DEFAULT-VALUE}).", defaultValue = "" + NodeConfig.DEFAULT_PORT)
  int port;

  @Override
  public Integer call() {
    return Cli.guard(spec, this::run);
  }

  private int run() throws IOException {
    NodeHome home = Cli.home(spec);
    byte[] bytes;
    if (genesis.equals("devnet")) {
      bytes = DevnetGenesis.bytes(dev.openledger.ledger.genesis.ChainParams.devnet());
    } else {
      Path file = Path.of(genesis);
      if (!Files.isRegularFile(file)) {
        throw new CliFailure(ExitCodes.USAGE, "--genesis must be 'devnet' or a genesis file; " + file + " is not a file");
      }
      bytes = Files.readAllBytes(file);
    }
    Genesis g = Cli.require(home.init(bytes, new NodeConfig(NodeConfig.DEFAULT_HOST, port)), ExitCodes.USAGE);
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
      out.println("devnet: the funded accounts' keys are INSECURE (derived from public labels); sign with --from devnet:alice");
    }
    out.println("next: openledger node --home " + home.root());
    return ExitCodes.OK;
  }
}
