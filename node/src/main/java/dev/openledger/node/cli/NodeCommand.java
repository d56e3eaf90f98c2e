package dev.openledger.node.cli;

import dev.openledger.core.Result;
import dev.openledger.core.crypto.KeyPair;
import dev.openledger.core.crypto.Signature;
import dev.openledger.core.keystore.Keystore;
import dev.openledger.ledger.cluster.RatisEngine;
import dev.openledger.ledger.engine.Chain;
import dev.openledger.ledger.genesis.DevnetGenesis;
import dev.openledger.ledger.genesis.Genesis;
import dev.openledger.node.LedgerNode;
import dev.openledger.node.home.ClusterNodeConfig;
import dev.openledger.node.home.NodeConfig;
import dev.openledger.node.home.NodeHome;
import dev.openledger.node.home.ServingConfig;
import dev.openledger.node.serving.ServingOptions;
import dev.openledger.openlora.service.ServeConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code openledger node --home DIR [--port N] [--serve-base DIR|HASH --provider KEY]}: runs the
 * node until interrupted.
 */
@Command(
    name = "node",
    mixinStandardHelpOptions = true,
    description =
        "Run a node: the chain, block production, datanets, fine-tuning jobs, paid serving (--serve-base) and the HTTP API, until stopped (Ctrl-C). In a validator's home (init --validators) it joins the cluster.")
final class NodeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--port",
      paramLabel = "N",
      description = "HTTP port (default: config/node.json, else " + NodeConfig.DEFAULT_PORT + ").")
  Integer port;

  @Option(
      names = "--host",
      paramLabel = "HOST",
      description = "Interface to bind (default: config/node.json, else 127.0.0.1).")
  String host;

  @Option(
      names = "--cluster",
      paramLabel = "PEERS",
      description =
          "A validator's peers as id=host:port,... (Raft addresses; default: config/cluster.json of a home made by init --validators).")
  String clusterPeers;

  @Option(
      names = "--serve-base",
      paramLabel = "DIR|HASH",
      description =
          "Also serve approved models over the OpenAI-compatible API (/v1) on this base model: a model directory, or the hash of a base model imported into ModelFactory (default: config/serving.json, else no serving).")
  String serveBase;

  @Option(
      names = "--provider",
      paramLabel = "KEY",
      description =
          "With serving: the provider's key, which signs receipts and settlements and earns the provider share: a keystore name, or devnet:NAME on the devnet (default: config/serving.json).")
  String provider;

  @Option(
      names = "--settle-interval",
      paramLabel = "SECONDS",
      description =
          "With serving: settle receipts on chain this often (default: config/serving.json, else 10).")
  Long settleInterval;

  @Mixin PassphraseOptions passphrase;

  @Override
  public Integer call() {
    return Cli.guard(spec, this::run);
  }

  private int run() throws InterruptedException, IOException {
    NodeHome home = Cli.home(spec);
    Genesis genesis = Cli.require(home.genesis(), ExitCodes.USAGE);
    NodeConfig saved = Cli.require(home.config(), ExitCodes.USAGE);
    NodeConfig config =
        new NodeConfig(host != null ? host : saved.host(), port != null ? port : saved.port());
    // The logger is made here, not in a static field, so that other commands can set the log level
    // first.
    Logger log = LoggerFactory.getLogger(NodeCommand.class);
    Optional<ClusterNodeConfig> cluster = Cli.require(home.cluster(), ExitCodes.USAGE);
    if (clusterPeers != null && cluster.isEmpty()) {
      throw new CliFailure(
          ExitCodes.USAGE,
          "--cluster needs a validator home (made by `openledger init --validators N`), with its validator key");
    }
    LedgerNode node;
    String what;
    Optional<ServingOptions> serving = serving(home, genesis);
    if (cluster.isPresent() && serving.isPresent()) {
      throw new CliFailure(
          ExitCodes.USAGE,
          "a validator does not serve models; run paid serving on a single node (--serve-base) that follows the chain's API");
    }
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
      Signature genesisSig =
          RatisEngine.signGenesis(Chain.of(genesis), sequencerKey(genesis, home.keystore(), log));
      node = LedgerNode.startCluster(home, genesis, validator, genesisSig, c, config, List.of());
      what = "validator " + c.id() + " (Raft on " + c.raftAddresses().get(c.id()) + ")";
    } else {
      KeyPair sequencer = sequencerKey(genesis, home.keystore(), log);
      node =
          LedgerNode.start(
              new LedgerNode.Setup(home, genesis, sequencer, config, serving, List.of()));
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
    out.println(
        "openledger "
            + what
            + ": chain "
            + genesis.chainId()
            + " at height "
            + node.engine().reader().height()
            + ", API on "
            + node.url()
            + " (web dashboard at "
            + node.url()
            + "/)");
    node.serving()
        .ifPresent(
            sv ->
                out.println(
                    "serving approved models on base "
                        + sv.chain().baseId().substring(0, 12)
                        + "… at "
                        + node.url()
                        + "/v1 as provider "
                        + sv.service().provider()
                        + "; usage settles every "
                        + sv.settler().interval().toSeconds()
                        + " s"));
    out.flush();
    stopped.await();
    return ExitCodes.OK;
  }

  /**
   * Serving from the flags over {@code config/serving.json}; none when neither names a base model.
   */
  private Optional<ServingOptions> serving(NodeHome home, Genesis genesis) {
    Optional<ServingConfig> file = Cli.require(home.servingConfig(), ExitCodes.USAGE);
    String base = serveBase != null ? serveBase : file.map(ServingConfig::base).orElse(null);
    if (base == null) {
      if (provider != null || settleInterval != null) {
        throw new CliFailure(
            ExitCodes.USAGE,
            "--provider and --settle-interval need --serve-base (or config/serving.json)");
      }
      return Optional.empty();
    }
    String key =
        provider != null
            ? provider
            : file.map(ServingConfig::provider)
                .orElseThrow(
                    () ->
                        new CliFailure(
                            ExitCodes.USAGE,
                            "serving needs the provider's key: --provider NAME (or devnet:NAME on the devnet)"));
    long seconds =
        settleInterval != null
            ? settleInterval
            : file.map(ServingConfig::settleIntervalSeconds)
                .orElse(ServingOptions.DEFAULT_SETTLE_INTERVAL.toSeconds());
    if (seconds < 1) {
      throw new CliFailure(ExitCodes.USAGE, "--settle-interval must be at least 1 second");
    }
    KeyPair providerKey;
    if (key.startsWith(Signers.DEVNET_PREFIX)) {
      if (!genesis.chainId().equals(DevnetGenesis.CHAIN_ID)) {
        throw new CliFailure(
            ExitCodes.USAGE,
            "devnet keys are only for the devnet; this node runs '" + genesis.chainId() + "'");
      }
      providerKey = DevnetGenesis.key(key.substring(Signers.DEVNET_PREFIX.length()));
    } else {
      providerKey = unlock(home.keystore(), key);
    }
    return Optional.of(
        new ServingOptions(base, providerKey, Duration.ofSeconds(seconds), ServeConfig.defaults()));
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
      log.warn(
          "signing blocks with the devnet's INSECURE sequencer key (fine for a local devnet, never for value)");
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
        "this node cannot sign blocks: no key in "
            + keystore.dir()
            + " has the genesis sequencer's public key "
            + genesis.sequencer()
            + "; import it with `openledger keys import NAME --file KEYFILE`");
  }
}
