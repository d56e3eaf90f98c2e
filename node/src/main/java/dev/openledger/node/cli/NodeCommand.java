package dev.openledger.node.cli;

import dev.openledger.core.Result;
import dev.openledger.core.crypto.KeyPair;
import dev.openledger.core.crypto.Signature;
import dev.openledger.ledger.cluster.RatisEngine;
import dev.openledger.ledger.engine.Chain;
import dev.openledger.node.home.ClusterNodeConfig;
import java.util.Optional;
import dev.openledger.core.keystore.Keystore;
import dev.openledger.ledger.genesis.DevnetGenesis;
import dev.openledger.ledger.genesis.Genesis;
import dev.openledger.node.LedgerNode;
import dev.openledger.node.home.NodeConfig;
import dev.openledger.node.home.NodeHome;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code openledger node --home DIR [--port N]}: runs the node until interrupted. */
@Command(
    name = "node",
    mixinStandardHelpOptions = true,
    description = "Run a node: the chain, block production, datanets, fine-tuning jobs and the HTTP API, until stopped (Ctrl-C). In a validator's home (init --validators) it joins the cluster.")
final class NodeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--port", paramLabel = "N", description = "HTTP port (default: config/node.json, else " + NodeConfig.DEFAULT_PORT + ").")
  Integer port;

  @Option(names = "--host", paramLabel = "HOST", description = "Interface to bind (default: config/node.json, else 127.0.0.1).")
  String host;

  @Option(
      names = "--cluster",
      paramLabel = "PEERS",
      description = "A validator's peers as id=host:port,... (Raft addresses; default: config/cluster.json of a home made by init --validators).")
  String clusterPeers;

  @Mixin PassphraseOptions passphrase;

  @Override
  public Integer call() {
    return Cli.guard(spec, this::run);
  }

  private int run() throws InterruptedException, IOException {
    NodeHome home = Cli.home(spec);
    Genesis genesis = Cli.require(home.genesis(), ExitCodes.USAGE);
    NodeConfig saved = Cli.require(home.config(), ExitCodes.USAGE);
    NodeConfig config = new NodeConfig(host != null ? host : saved.host(), port != null ? port : saved.port());
    // The logger is made here, not in a static field, so that other commands can set the log level first.
    Logger log = LoggerFactory.getLogger(NodeCommand.class);
    Optional<ClusterNodeConfig> cluster = Cli.require(home.cluster(), ExitCodes.USAGE);
    if (clusterPeers != null && cluster.isEmpty()) {
      throw new CliFailure(ExitCodes.USAGE, "--cluster needs a validator home (made by `openledger init --validators N`), with its validator key");
    }
    LedgerNode node;
    String what;
    if (cluster.isPresent()) {
      ClusterNodeConfig c = cluster.get();
      if (clusterPeers != null) {
        try {
          c = c.withPeers(clusterPeers);
        } catch (IllegalArgumentException e) {
          throw new CliFailure(ExitCodes.USAGE, e.getMessage());
        }
      }
      KeyPair validator = unlock(home.keystore(), ClusterInit.VALIDATOR_KEY);
      Signature genesisSig = RatisEngine.signGenesis(Chain.of(genesis), sequencerKey(genesis, home.keystore(), log));
      node = LedgerNode.startCluster(home, genesis, validator, genesisSig, c, config, List.of());
      what = "validator " + c.id() + " (Raft on " + c.raftAddresses().get(c.id()) + ")";
    } else {
      KeyPair sequencer = sequencerKey(genesis, home.keystore(), log);
      node = LedgerNode.start(home, genesis, sequencer, config, List.of());
      what = "node";
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  log.info("stopping");
                  try {
                    node.close();
                  } finally {
                    stopped.countDown();
                  }
                },
                "openledger-shutdown"));
    PrintWriter out = Cli.out(spec);
    out.println("openledger " + what + ": chain " + genesis.chainId() + " at height " + node.engine().reader().height() + ", API on " + node.url() + " (web dashboard at " + node.url() + "/)");
    out.flush();
    stopped.await();
    return ExitCodes.OK;
  }

  private KeyPair unlock(Keystore keystore, String name) {
    Cli.require(keystore.get(name), ExitCodes.USAGE);
    char[] pw = passphrase.forUnlock("key '" + name + "'");
    try {
      return Cli.require(keystore.unlock(name, pw), ExitCodes.USAGE);
    } finally {
      Arrays.fill(pw, '\0');
    }
  }

  /** The devnet's labelled sequencer key, or the keystore key named as sequencer in genesis. */
  private KeyPair sequencerKey(Genesis genesis, Keystore keystore, Logger log) {
    KeyPair devnet = DevnetGenesis.sequencerKey();
    if (genesis.sequencer().equals(devnet.publicKey())) {
      log.warn("signing blocks with the devnet's INSECURE sequencer key (fine for a local devnet, never for value)");
      return devnet;
    }
    for (Result<Keystore.Entry> r : keystore.list()) {
      if (r.isOk() && r.orElseThrow().keyFile().publicKey().equals(genesis.sequencer())) {
        String name = r.orElseThrow().name();
        char[] pw = passphrase.forUnlock("sequencer key '" + name + "'");
        try {
          return Cli.require(keystore.unlock(name, pw), ExitCodes.USAGE);
        } finally {
          Arrays.fill(pw, '\0');
        }
      }
    }
    throw new CliFailure(
        ExitCodes.USAGE,
        "this node cannot sign blocks: no key in " + keystore.dir() + " has the genesis sequencer's public key " + genesis.sequencer()
            + "; import it with `openledger keys import NAME --file KEYFILE`");
  }
}
