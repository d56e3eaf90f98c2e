package dev.openledger.node.home;

import dev.openledger.core.Result;
import dev.openledger.core.json.Json;
import dev.openledger.core.keystore.Keystore;
import dev.openledger.ledger.genesis.Genesis;
import dev.openledger.ledger.genesis.GenesisFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/** The layout of a node's home directory, and its initialisation. */
public final class NodeHome {
  private final Path root;

  private NodeHome(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  /** A home directory, initialised or not. */
  public static NodeHome at(Path root) {
    return new NodeHome(root);
  }

  public Path root() {
    return root;
  }

  public Path genesisFile() {
    return root.resolve("config").resolve("genesis.json");
  }

  public Path configFile() {
    return root.resolve("config").resolve("node.json");
  }

  /** Paid serving's configuration ({@link ServingConfig}); optional. */
  public Path servingFile() {
    return root.resolve("config").resolve("serving.json");
  }

  /** The cluster configuration; present only in a validator's home. */
  public Path clusterFile() {
    return root.resolve("config").resolve("cluster.json");
  }

  /** The Raft log and snapshots of a validator. */
  public Path raftDir() {
    return root.resolve("data").resolve("raft");
  }

  /** The validator's cluster configuration, or empty for a single-node home. */
  public Result<Optional<ClusterNodeConfig>> cluster() {
    if (!Files.exists(clusterFile())) {
      return Result.ok(Optional.empty());
    }
    try {
      return Result.ok(
          Optional.of(
              Json.mapper().readValue(Files.readAllBytes(clusterFile()), ClusterNodeConfig.class)));
    } catch (IOException | IllegalArgumentException e) {
      return Result.err(
          "bad_config", clusterFile() + " is not a valid cluster configuration: " + e.getMessage());
    }
  }

  public void writeCluster(ClusterNodeConfig config) {
    try {
      Files.createDirectories(clusterFile().getParent());
      Files.write(
          clusterFile(), (Json.writePretty(config) + "\n").getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + clusterFile(), e);
    }
  }

  public Path dataDir() {
    return root.resolve("data").resolve("ledger");
  }

  /** The datanet files (blobs) and their index, beside the chain's store. */
  public Path datanetDir() {
    return root.resolve("data").resolve("datanet");
  }

  /** ModelFactory's jobs, base models, artifacts and model catalog. */
  public Path modelFactoryDir() {
    return root.resolve("data").resolve("modelfactory");
  }

  /**
   * The provider's settled batches of usage receipts, one file per batch ({@code
   * SettledBatchStore}).
   */
  public Path settledBatchesDir() {
    return root.resolve("data").resolve("serving").resolve("settled");
  }

  /** The provider's journal of charged calls ({@code CallJournal}). */
  public Path callJournal() {
    return root.resolve("data").resolve("serving").resolve("calls.journal");
  }

  /** The attribution service's records and span indexes. */
  public Path attributionDir() {
    return root.resolve("data").resolve("attribution");
  }

  public Path keysDir() {
    return root.resolve("keys");
  }

  public Keystore keystore() {
    return new Keystore(keysDir());
  }

  public boolean isInitialised() {
    return Files.exists(genesisFile());
  }

  /**
   * Writes the genesis file (after validating it) and the node configuration. Fails with {@code
   * exists} when the home is already initialised, {@code bad_genesis} when the genesis does not
   * validate.
   */
  public Result<Genesis> init(byte[] genesisBytes, NodeConfig config) {
    if (isInitialised()) {
      return Result.err(
          "exists",
          root
              + " is already initialised (it has "
              + genesisFile()
              + "); use another --home or remove it");
    }
    Result<Genesis> genesis = GenesisFile.parse(genesisBytes);
    if (!genesis.isOk()) {
      return genesis;
    }
    try {
      Files.createDirectories(genesisFile().getParent());
      Files.createDirectories(dataDir());
      Files.createDirectories(keysDir());
      Files.write(
          genesisFile(),
          genesisBytes,
          StandardOpenOption.CREATE_NEW,
          StandardOpenOption.WRITE,
          StandardOpenOption.SYNC);
      writeConfig(config);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot initialise " + root, e);
    }
    return genesis;
  }

  /** The genesis of an initialised home. */
  public Result<Genesis> genesis() {
    if (!isInitialised()) {
      return Result.err(
          "not_initialised",
          root
              + " is not a node home; create one with: openledger init --home "
              + root
              + " --genesis devnet");
    }
    return GenesisFile.read(genesisFile());
  }

  /** The node configuration, or the defaults when the file is absent. */
  public Result<NodeConfig> config() {
    if (!Files.exists(configFile())) {
      return Result.ok(NodeConfig.defaults());
    }
    try {
      return Result.ok(Json.mapper().readValue(Files.readAllBytes(configFile()), NodeConfig.class));
    } catch (IOException e) {
      return Result.err(
          "bad_config", configFile() + " is not a valid node configuration: " + e.getMessage());
    }
  }

  /** Paid serving's configuration, when {@code config/serving.json} exists. */
  public Result<Optional<ServingConfig>> servingConfig() {
    if (!Files.exists(servingFile())) {
      return Result.ok(Optional.empty());
    }
    try {
      return Result.ok(
          Optional.of(
              Json.mapper().readValue(Files.readAllBytes(servingFile()), ServingConfig.class)));
    } catch (IOException e) {
      return Result.err(
          "bad_config", servingFile() + " is not a valid serving configuration: " + e.getMessage());
    }
  }

  public void writeConfig(NodeConfig config) {
    try {
      Files.createDirectories(configFile().getParent());
      Files.write(configFile(), (Json.writePretty(config) + "\n").getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + configFile(), e);
    }
  }
}
