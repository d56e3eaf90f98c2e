package dev.openledger.node.cli;

import dev.openledger.core.crypto.KeyPair;
import dev.openledger.core.keystore.Keystore;
import dev.openledger.ledger.cluster.ClusterSpec;
import dev.openledger.ledger.cluster.Validator;
import dev.openledger.ledger.cluster.ValidatorSet;
import dev.openledger.ledger.genesis.ChainParams;
import dev.openledger.ledger.genesis.DevnetGenesis;
import dev.openledger.ledger.genesis.Genesis;
import dev.openledger.ledger.genesis.GenesisFile;
import dev.openledger.node.home.ClusterNodeConfig;
import dev.openledger.node.home.NodeConfig;
import dev.openledger.node.home.NodeHome;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code init --validators N}: a devnet cluster's genesis (the devnet allocations plus a {@code cluster}
 * section naming N validators and a membership admin key) and one home per validator under the given
 * directory ({@code n1 … nN}), each with its validator key (encrypted), its API port and its Raft port on
 * loopback; the admin key goes into {@code n1}'s keystore as {@code cluster-admin}.
 */
final class ClusterInit {
  static final String VALIDATOR_KEY = "validator";
  static final String ADMIN_KEY = "cluster-admin";

  /**
   * What to create.
   *
   * @param root the directory holding the validators' homes
   * @param validators how many
   * @param host the interface every validator binds
   * @param apiPort n1's API port; nK's is apiPort + K - 1
   * @param raftPort n1's Raft port; nK's is raftPort + K - 1
   * @param params the chain parameters
   */
  record Plan(Path root, int validators, String host, int apiPort, int raftPort, ChainParams params) {
    Plan {
      if (validators < 1 || validators > ValidatorSet.MAX_MEMBERS) {
        throw new CliFailure(ExitCodes.USAGE, "--validators must be within [1, " + ValidatorSet.MAX_MEMBERS + "]; 3, 5 or 7 tolerate 1, 2 or 3 failures");
      }
    }
  }

  private ClusterInit() {}

  /**
   * {@code init --join EXISTING --id ID}: a home for a validator joining a running cluster: the cluster's
   * genesis and peers copied from an existing validator's home, a new validator key, and this node marked as
   * joining (its Raft server waits outside the group until the admin adds it).
   */
  static int join(NodeHome existing, NodeHome home, String id, NodeConfig api, String raft, char[] passphrase, PrintWriter out) throws IOException {
    ClusterNodeConfig base =
        Cli.require(existing.cluster(), ExitCodes.USAGE).orElseThrow(() -> new CliFailure(ExitCodes.USAGE, existing.root() + " is not a validator's home"));
    if (base.raftAddresses().containsKey(id)) {
      throw new CliFailure(ExitCodes.USAGE, "the cluster already has a peer '" + id + "'");
    }
    byte[] genesisBytes = Files.readAllBytes(existing.genesisFile());
    Cli.require(home.init(genesisBytes, api), ExitCodes.USAGE);
    KeyPair key = KeyPair.generate();
    Cli.require(home.keystore().add(VALIDATOR_KEY, key, passphrase), ExitCodes.USAGE);
    List<ClusterNodeConfig.Peer> peers = new ArrayList<>(base.peers());
    ClusterNodeConfig.Peer self = new ClusterNodeConfig.Peer(id, raft, "http://" + api.host() + ":" + api.port());
    peers.add(self);
    home.writeCluster(new ClusterNodeConfig(id, true, peers));
    Arrays.fill(passphrase, '\0');
    out.println("initialised joining validator " + id + " in " + home.root());
    out.println("  key   " + key.publicKey());
    out.println("  Raft  " + raft + ", API " + self.api());
    out.println("next: start it (openledger node --home " + home.root() + "), then have the admin add it:");
    out.println("  openledger cluster add-validator --home " + existing.root() + " --node " + base.apiUrls().values().iterator().next() + " --id " + id + " --key " + key.publicKey() + " --raft " + raft);
    return ExitCodes.OK;
  }

  static int run(Plan plan, char[] passphrase, PrintWriter out) throws IOException {
    if (Files.exists(plan.root()) && Files.list(plan.root()).findAny().isPresent()) {
      throw new CliFailure(ExitCodes.USAGE, plan.root() + " is not empty; --validators creates n1..nN homes in a new directory");
    }
    List<KeyPair> keys = new ArrayList<>();
    List<Validator> vs = new ArrayList<>();
    List<ClusterNodeConfig.Peer> peers = new ArrayList<>();
    for (int i = 1; i <= plan.validators(); i++) {
      KeyPair k = KeyPair.generate();
      keys.add(k);
      vs.add(Validator.of("n" + i, k.publicKey()));
      peers.add(new ClusterNodeConfig.Peer("n" + i, plan.host() + ":" + (plan.raftPort() + i - 1), "http://" + plan.host() + ":" + (plan.apiPort() + i - 1)));
    }
    KeyPair admin = KeyPair.generate();
    ClusterSpec spec = new ClusterSpec(new ValidatorSet(0, vs), admin.publicKey());
    byte[] genesisBytes = GenesisFile.write(spec.addTo(DevnetGenesis.json(plan.params())));
    Genesis genesis = null;
    for (int i = 1; i <= plan.validators(); i++) {
      NodeHome home = NodeHome.at(plan.root().resolve("n" + i));
      genesis = Cli.require(home.init(genesisBytes, new NodeConfig(plan.host(), plan.apiPort() + i - 1)), ExitCodes.USAGE);
      Keystore ks = home.keystore();
      Cli.require(ks.add(VALIDATOR_KEY, keys.get(i - 1), passphrase), ExitCodes.USAGE);
      if (i == 1) {
        Cli.require(ks.add(ADMIN_KEY, admin, passphrase), ExitCodes.USAGE);
      }
      home.writeCluster(new ClusterNodeConfig("n" + i, false, peers));
    }
    out.println("initialised a " + plan.validators() + "-validator cluster in " + plan.root());
    out.println("  chain id      " + genesis.chainId());
    out.println("  genesis hash  " + genesis.hash());
    out.println("  admin key     " + admin.publicKey() + " (n1/keys/" + ADMIN_KEY + ".json)");
    for (ClusterNodeConfig.Peer p : peers) {
      out.printf("  %-4s API %-24s Raft %-20s key %s%n", p.id(), p.api(), p.raft(), vs.get(peers.indexOf(p)).key());
    }
    out.println("devnet: the funded accounts' keys are INSECURE (derived from public labels); sign with --from devnet:alice");
    out.println("next, one terminal per validator (the key passphrase from --password-file or $OPENLEDGER_PASSWORD):");
    for (int i = 1; i <= plan.validators(); i++) {
      out.println("  openledger node --home " + plan.root().resolve("n" + i));
    }
    Arrays.fill(passphrase, '\0');
    return ExitCodes.OK;
  }
}
