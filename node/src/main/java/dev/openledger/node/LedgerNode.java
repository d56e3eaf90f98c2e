package dev.openledger.node;

import dev.openledger.core.crypto.KeyPair;
import dev.openledger.ledger.engine.Chain;
import dev.openledger.ledger.engine.EmbeddedEngine;
import dev.openledger.ledger.engine.EngineOptions;
import dev.openledger.ledger.engine.LedgerEngine;
import dev.openledger.ledger.genesis.Genesis;
import dev.openledger.ledger.store.RocksLedgerStore;
import dev.openledger.node.api.ApiServer;
import dev.openledger.node.api.LedgerRoutes;
import dev.openledger.node.api.RouteModule;
import dev.openledger.node.api.economy.EconomyRoutes;
import dev.openledger.node.api.economy.GovRoutes;
import dev.openledger.node.api.economy.StakingRoutes;
import dev.openledger.node.dashboard.DashboardRoutes;
import dev.openledger.node.home.NodeConfig;
import dev.openledger.node.home.NodeHome;
import java.util.ArrayList;
import java.util.List;

/**
 * A running node: the durable store in its home, the embedded engine, and the HTTP API with the chain's
 * routes, then any others, then the web dashboard at {@code /}. Closing it stops the API, then the engine, then the store.
 */
public final class LedgerNode implements AutoCloseable {
  private final RocksLedgerStore store;
  private final EmbeddedEngine engine;
  private final ApiServer api;
  private final String host;

  private LedgerNode(RocksLedgerStore store, EmbeddedEngine engine, ApiServer api, String host) {
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
      routes.add(new StakingRoutes(engine));
      routes.add(new GovRoutes(engine));
      routes.add(new EconomyRoutes(engine));
      routes.addAll(extraRoutes);
      routes.add(new DashboardRoutes());
      ApiServer api = ApiServer.start(config.host(), config.port(), routes);
      return new LedgerNode(store, engine, api, config.host());
    } catch (RuntimeException e) {
      engine.close();
      store.close();
      throw e;
    }
  }

  public LedgerEngine engine() {
    return engine;
  }

  /** The node's store, for reads such as a replay check while the node runs. */
  public RocksLedgerStore store() {
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
        store.close();
      }
    }
  }
}
