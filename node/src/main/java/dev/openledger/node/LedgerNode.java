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
import dev.openledger.node.datanet.DatanetNode;
import dev.openledger.node.home.NodeHome;
import dev.openledger.node.model.ChainAccessPolicy;
import dev.openledger.node.model.ModelRoutes;
import dev.openledger.ledger.datanet.DatanetModule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * A running node: the durable store in its home, the embedded engine, the datanet service that follows it,
 * ModelFactory over that datanet service, and the HTTP API with the chain's, datanet, model registry and
 * fine-tuning routes, then any others, then the web dashboard at {@code /}. Closing it stops the API, then
 * ModelFactory (a running job checkpoints), then the datanet service, then the engine, then the store.
 */
public final class LedgerNode implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LedgerNode.class);

  private final RocksLedgerStore store;
  private final EmbeddedEngine engine;
  private final DatanetNode datanets;
  private final ModelServices models;
  private final ApiServer api;
  private final String host;

  private LedgerNode(RocksLedgerStore store, EmbeddedEngine engine, DatanetNode datanets, ModelServices models, ApiServer api, String host) {
    this.store = store;
    this.engine = engine;
    this.datanets = datanets;
    this.models = models;
    this.api = api;
    this.host = host;
  }

  /**
   * Opens the store, starts the engine, the datanet service and ModelFactory, and serves the API.
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
    DatanetNode datanets = null;
    ModelServices models = null;
    try {
      datanets = DatanetNode.start(home.datanetDir(), engine, Clock.systemUTC(), DatanetNode.DEFAULT_GRACE);
      models = ModelServices.start(home, datanets.service(), new ChainAccessPolicy(engine, engine.chain().module(DatanetModule.class)));
      List<RouteModule> routes = new ArrayList<>();
      routes.add(new LedgerRoutes(engine, datanets.gate()));
      routes.add(datanets.routes());
      routes.add(new ModelRoutes(engine));
      routes.addAll(models.routes());
      routes.add(new StakingRoutes(engine));
      routes.add(new GovRoutes(engine));
      routes.add(new EconomyRoutes(engine));
      routes.addAll(extraRoutes);
      routes.add(new DashboardRoutes());
      ApiServer api = ApiServer.start(config.host(), config.port(), routes);
      return new LedgerNode(store, engine, datanets, models, api, config.host());
    } catch (IOException | RuntimeException e) {
      closeQuietly(models);
      if (datanets != null) {
        datanets.close();
      }
      engine.close();
      store.close();
      throw e instanceof IOException io ? new UncheckedIOException("cannot open the node's data services under " + home.root(), io) : (RuntimeException) e;
    }
  }

  private static void closeQuietly(ModelServices models) {
    if (models == null) {
      return;
    }
    try {
      models.close();
    } catch (IOException e) {
      LOG.error("closing ModelFactory's store failed", e);
    }
  }

  public LedgerEngine engine() {
    return engine;
  }

  /** The datanet service and its sync with the chain. */
  public DatanetNode datanets() {
    return datanets;
  }

  /** ModelFactory: fine-tuning jobs over this node's datanets. */
  public ModelServices models() {
    return models;
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
        closeQuietly(models);
        datanets.close();
      } finally {
        try {
          engine.close();
        } finally {
          store.close();
        }
      }
    }
  }
}
