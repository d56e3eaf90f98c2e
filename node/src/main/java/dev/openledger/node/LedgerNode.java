package dev.openledger.node;

import dev.openledger.core.crypto.KeyPair;
import dev.openledger.core.crypto.PublicKey;
import dev.openledger.core.crypto.Signature;
import dev.openledger.ledger.cluster.ClusterConfig;
import dev.openledger.ledger.cluster.ClusterOptions;
import dev.openledger.ledger.cluster.RatisEngine;
import dev.openledger.ledger.cluster.Validator;
import dev.openledger.node.api.ClusterRoutes;
import dev.openledger.node.home.ClusterNodeConfig;
import java.util.Optional;
import dev.openledger.ledger.engine.Chain;
import dev.openledger.ledger.engine.EmbeddedEngine;
import dev.openledger.ledger.engine.EngineOptions;
import dev.openledger.ledger.engine.LedgerEngine;
import dev.openledger.ledger.genesis.Genesis;
import dev.openledger.ledger.store.RocksLedgerStore;
import dev.openledger.node.api.ApiServer;
import dev.openledger.node.api.LedgerRoutes;
import dev.openledger.node.api.RouteModule;
import dev.openledger.node.home.NodeConfig;
import dev.openledger.node.home.NodeHome;
import java.util.ArrayList;
import java.util.List;

/**
 * A running node: the durable store in its home, the embedded engine (or, on a cluster's validator, the
 * Ratis engine), and the HTTP API with the chain's routes followed by any others. Closing it stops the API, then the engine, then the store.
 */
public final class LedgerNode implements AutoCloseable {
  private final RocksLedgerStore store;
  private final LedgerEngine engine;
  private final ApiServer api;
  private final String host;

  private LedgerNode(RocksLedgerStore store, LedgerEngine engine, ApiServer api, String host) {
    this.store = store;
    this.engine = engine;
    this.api = api;
    this.host = host;
  }

  /**
   * Opens the store, starts the engine and serves the API.
   *
   * @param sequencer the genesis sequencer's key
   * @param extraRoutes routes of other modules, after the chain's
   */
  public static LedgerNode start(NodeHome home, Genesis genesis, KeyPair sequencer, NodeConfig config, List<RouteModule> extraRoutes) {
    RocksLedgerStore store = RocksLedgerStore.open(home.dataDir(), true);
    EmbeddedEngine engine;
    try {
      engine = EmbeddedEngine.start(Chain.of(genesis), store, sequencer, EngineOptions.defaults());
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
    try {
      List<RouteModule> routes = new ArrayList<>();
      routes.add(new LedgerRoutes(engine));
      routes.addAll(extraRoutes);
      ApiServer api = ApiServer.start(config.host(), config.port(), routes);
      return new LedgerNode(store, engine, api, config.host());
    } catch (RuntimeException e) {
      engine.close();
      store.close();
      throw e;
    }
  }

  /**
   * Starts a validator of a replicated chain: the Ratis engine (which owns its store) and the API with the
   * chain's routes, the cluster routes and any others.
   *
   * @param key this validator's key
   * @param genesisSignature the genesis sequencer's signature over block 0
   * @param cluster this validator's id and peers
   */
  public static LedgerNode startCluster(
      NodeHome home, Genesis genesis, KeyPair key, Signature genesisSignature, ClusterNodeConfig cluster, NodeConfig config, List<RouteModule> extraRoutes) {
    ClusterConfig cc = new ClusterConfig(cluster.id(), key, cluster.raftAddresses(), cluster.joining(), home.dataDir(), home.raftDir());
    RatisEngine engine = RatisEngine.start(Chain.of(genesis), cc, genesisSignature, ClusterOptions.defaults());
    try {
      ClusterRoutes clusterRoutes = new ClusterRoutes(engine, cluster.apiUrls());
      List<RouteModule> routes = new ArrayList<>();
      routes.add(new LedgerRoutes(engine, () -> blockSigners(genesis, engine), () -> Optional.of(clusterRoutes.view())));
      routes.add(clusterRoutes);
      routes.addAll(extraRoutes);
      ApiServer api = ApiServer.start(config.host(), config.port(), routes);
      return new LedgerNode(null, engine, api, config.host());
    } catch (RuntimeException e) {
      engine.close();
      throw e;
    }
  }

  private static List<PublicKey> blockSigners(Genesis genesis, RatisEngine engine) {
    List<PublicKey> keys = new ArrayList<>();
    keys.add(genesis.sequencer());
    for (Validator v : engine.validators().members()) {
      if (!keys.contains(v.key())) {
        keys.add(v.key());
      }
    }
    return keys;
  }

  public LedgerEngine engine() {
    return engine;
  }

  /**
   * The single-sequencer node's store, for reads such as a replay check while the node runs.
   *
   * @throws IllegalStateException on a validator of a cluster, whose engine owns its store
   */
  public RocksLedgerStore store() {
    if (store == null) {
      throw new IllegalStateException("a cluster validator's store belongs to its engine; use RatisEngine.verifyChain()");
    }
    return store;
  }

  public int port() {
    return api.port();
  }

  /** The API's base URL. */
  public String url() {
    return "http://" + host + ":" + api.port();
  }

  @Override
  public void close() {
    try {
      api.close();
    } finally {
      try {
        engine.close();
      } finally {
        if (store != null) {
          store.close();
        }
      }
    }
  }
}
