package dev.openledger.node.cli;

import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.KeyPair;
import dev.openledger.core.money.Amount;
import dev.openledger.core.keystore.Keystore;
import dev.openledger.ledger.membership.ClusterSpec;
import dev.openledger.ledger.membership.Validator;
import dev.openledger.ledger.membership.ValidatorSet;
import dev.openledger.ledger.genesis.ChainParams;
import dev.openledger.ledger.genesis.DevnetGenesis;
import dev.openledger.ledger.genesis.Genesis;
import dev.openledger.ledger.genesis.GenesisFile;
import dev.openledger.ledger.staking.Purpose;
import dev.openledger.node.home.ClusterNodeConfig;
import dev.openledger.node.home.NodeConfig;
import dev.openledger.node.home.NodeHome;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code init --validators N}: a devnet cluster's genesis (the devnet allocations plus a {@code cluster}
 * section naming N validators, each validator's account funded with {@value #VALIDATOR_FUNDS_OPEN} OPEN
 * from the Ecosystem pool, {@value #VALIDATOR_STAKE_OPEN} of it staked for the validator role at genesis) and
 * one home per validator under the given directory ({@code n1 … nN}), each with its validator key
 * (encrypted, also its account's key: it signs blocks, votes and its slash reports), its API port and its
 * Raft port on loopback. Later changes of the set are governance proposals.
 */
final class ClusterInit {
  static final String VALIDATOR_KEY = "validator";
  static final long VALIDATOR_FUNDS_OPEN = 10_000;
  static final long VALIDATOR_STAKE_OPEN = 1_000;

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
   * joining (its Raft server waits outside the group until a governance proposal adds it).
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
    String node = " --node " + base.apiUrls().values().iterator().next();
    out.println("  account " + key.address() + " (fund it and stake for the validator role, so that its faults can be slashed)");
    out.println("next: start it (openledger node --home " + home.root() + "), fund and stake its account, then propose it:");
    out.println("  openledger tx transfer --from devnet:alice --to " + key.address() + " --amount " + VALIDATOR_FUNDS_OPEN + node);
    out.println("  openledger stake stake --home " + home.root() + " --from " + VALIDATOR_KEY + " --pool 1 --amount " + VALIDATOR_STAKE_OPEN + " --purpose validator" + node);
    out.println("  openledger cluster add-validator --from devnet:alice --id " + id + " --key " + key.publicKey() + " --raft " + raft + node);
    out.println("then vote, queue and execute the proposal (openledger gov vote|queue|execute ID)");
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
    ClusterSpec spec = new ClusterSpec(new ValidatorSet(0, vs));
    GenesisFile.GenesisJson json = spec.addTo(DevnetGenesis.json(plan.params()));
    Map<String, Address> accounts = new LinkedHashMap<>();
    for (int i = 0; i < keys.size(); i++) {
      accounts.put("validator-n" + (i + 1), keys.get(i).address());
    }
    json = DevnetGenesis.fundFromEcosystem(json, accounts, Amount.ofOpen(VALIDATOR_FUNDS_OPEN));
    for (KeyPair k : keys) {
      DevnetGenesis.addGenesisStake(json, k.address(), 1, Purpose.VALIDATOR, Amount.ofOpen(VALIDATOR_STAKE_OPEN));
    }
    byte[] genesisBytes = GenesisFile.write(json);
    Genesis genesis = null;
    for (int i = 1; i <= plan.validators(); i++) {
      NodeHome home = NodeHome.at(plan.root().resolve("n" + i));
      genesis = Cli.require(home.init(genesisBytes, new NodeConfig(plan.host(), plan.apiPort() + i - 1)), ExitCodes.USAGE);
      Keystore ks = home.keystore();
      Cli.require(ks.add(VALIDATOR_KEY, keys.get(i - 1), passphrase), ExitCodes.USAGE);
      home.writeCluster(new ClusterNodeConfig("n" + i, false, peers));
    }
    out.println("initialised a " + plan.validators() + "-validator cluster in " + plan.root());
    out.println("  chain id      " + genesis.chainId());
    out.println("  genesis hash  " + genesis.hash());
    for (ClusterNodeConfig.Peer p : peers) {
      out.printf("  %-4s API %-24s Raft %-20s key %s%n", p.id(), p.api(), p.raft(), vs.get(peers.indexOf(p)).key());
    }
    out.println("  each validator's account holds " + VALIDATOR_FUNDS_OPEN + " OPEN, " + VALIDATOR_STAKE_OPEN + " of it staked for the validator role");
    out.println("  the validator set changes by governance: openledger cluster add-validator|remove-validator, then gov vote/queue/execute");
    out.println("devnet: the funded accounts' keys are INSECURE (derived from public labels); sign with --from devnet:alice");
    out.println("next, one terminal per validator (the key passphrase from --password-file or $OPENLEDGER_PASSWORD):");
    for (int i = 1; i <= plan.validators(); i++) {
      out.println("  openledger node --home " + plan.root().resolve("n" + i));
    }
    Arrays.fill(passphrase, '\0');
    return ExitCodes.OK;
  }
}
