package dev.openledger.node;

import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.KeyPair;
import dev.openledger.core.money.Amount;
import dev.openledger.ledger.genesis.ChainParams;
import dev.openledger.ledger.genesis.DevnetGenesis;
import dev.openledger.ledger.genesis.Genesis;
import dev.openledger.ledger.genesis.GenesisFile;
import dev.openledger.ledger.genesis.GenesisFile.GenesisJson;
import dev.openledger.ledger.msg.Message;
import dev.openledger.ledger.tx.SignedTransaction;
import dev.openledger.ledger.tx.Transaction;
import dev.openledger.node.home.NodeConfig;
import dev.openledger.node.home.NodeHome;
import dev.openledger.node.serving.ServingOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** A devnet node with 50 ms blocks on a free loopback port, for tests. */
public final class TestNode implements AutoCloseable {
  public static final Amount FEE = Amount.ofNano(10_000);
  public static final ChainParams PARAMS = new ChainParams(50, false, 16 * 1024, 5000, FEE);

  public final NodeHome home;
  public final Genesis genesis;
  public final LedgerNode node;

  public TestNode(Path dir) {
    this(dir, g -> {});
  }

  /**
   * A devnet node whose genesis is first adjusted by {@code edit} (e.g. shorter governance
   * timings).
   */
  public TestNode(Path dir, Consumer<GenesisJson> edit) {
    this(dir, edit, Optional.empty());
  }

  /** The same, serving approved models when {@code serving} is present. */
  public TestNode(Path dir, Consumer<GenesisJson> edit, Optional<ServingOptions> serving) {
    home = NodeHome.at(dir);
    NodeConfig config = new NodeConfig(NodeConfig.DEFAULT_HOST, 0);
    GenesisJson json = DevnetGenesis.json(PARAMS);
    edit.accept(json);
    genesis = home.init(GenesisFile.write(json), config).orElseThrow();
    node =
        LedgerNode.start(
            new LedgerNode.Setup(
                home, genesis, DevnetGenesis.sequencerKey(), config, serving, List.of()));
  }

  private TestNode(NodeHome home, Genesis genesis, LedgerNode node) {
    this.home = home;
    this.genesis = genesis;
    this.node = node;
  }

  /**
   * Starts a node again on the home of a closed one (same chain, same data, a new free port),
   * serving when {@code serving} is present.
   */
  public static TestNode reopen(Path dir, Optional<ServingOptions> serving) {
    NodeHome home = NodeHome.at(dir);
    Genesis genesis = home.genesis().orElseThrow();
    NodeConfig config = new NodeConfig(NodeConfig.DEFAULT_HOST, 0);
    LedgerNode node =
        LedgerNode.start(
            new LedgerNode.Setup(
                home, genesis, DevnetGenesis.sequencerKey(), config, serving, List.of()));
    return new TestNode(home, genesis, node);
  }

  public String url() {
    return node.url();
  }

  /** An account's balance at the node's head. */
  public Amount balance(Address a) {
    return node.engine().chain().bank().account(node.engine().reader().snapshot(), a).balance();
  }

  public static KeyPair key(String name) {
    return DevnetGenesis.key(name);
  }

  public static SignedTransaction tx(KeyPair from, long nonce, Message m) {
    return new Transaction(DevnetGenesis.CHAIN_ID, from.publicKey(), nonce, FEE, m).sign(from);
  }

  @Override
  public void close() {
    node.close();
  }
}
