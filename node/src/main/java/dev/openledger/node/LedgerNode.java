package dev.openledger.node;

import dev.openledger.core.crypto.KeyPair;
import dev.openledger.ledger.engine.Chain;
import dev.openledger.ledger.engine.EmbeddedEngine;
import dev.openledger.ledger.engine.EngineOptions;
import dev.openledger.ledger.engine.LedgerEngine;
import dev.openledger.ledger.genesis.Genesis;
import dev.openledger.ledger.store.RocksLedgerStore;
import dev.openledger.node.api.ApiServer;
import dev.openledger.node.attribution.AttributionNode;
import dev.openledger.node.attribution.AttributionRoutes;
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
import dev.openledger.node.payment.PaymentRoutes;
import dev.openledger.node.serving.ServingNode;
import dev.openledger.node.serving.ServingOptions;
import dev.openledger.ledger.datanet.DatanetModule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A running node: the durable store in its home, the embedded engine, the datanet service that follows it,
 * ModelFactory over that datanet service, optionally paid serving of approved models ({@link ServingNode}),
 * and the HTTP API with the chain's, datanet, model registry, fine-tuning and payment routes, the OpenAI-compatible
 * routes when serving, then any others, then the web dashboard at {@code /}. Closing it stops the API, then
 * serving (its last receipts are settled while the engine still runs), then ModelFactory (a running job
 * checkpoints), then the datanet service, then the engine, then the store.
 */
public final class LedgerNode implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LedgerNode.class);

  private final RocksLedgerStore store;
  private final EmbeddedEngine engine;
  private final DatanetNode datanets;
  private final ModelServices models;
  private final Optional<ServingNode> serving;
  private final AttributionNode attribution;
  private final ApiServer api;
  private final String host;

  private LedgerNode(RocksLedgerStore store, EmbeddedEngine engine, DatanetNode datanets, ModelServices models, Optional<ServingNode> serving,
      AttributionNode attribution, ApiServer api, String host) {
    this.store = store;
    this.engine = engine;
    this.datanets = datanets;
    this.models = models;
    this.serving = serving;
    this.attribution = attribution;
    this.api = api;
    this.host = host;
  }

  /**
   * What a node is started with.
   *
   * @param home its home directory
   * @param genesis the chain's genesis
   * @param sequencer the genesis sequencer's key
   * @param config where it listens
   * @param serving when present, the node also serves approved models over the OpenAI-compatible API, paid
   *     through the chain's payment channels, and settles the usage as the provider
   * @param extraRoutes routes of other modules, after the chain's
   */
  public record Setup(NodeHome home, Genesis genesis, KeyPair sequencer, NodeConfig config, Optional<ServingOptions> serving,
      List<RouteModule> extraRoutes) {
    public Setup {
      Objects.requireNonNull(home, "home");
      Objects.requireNonNull(genesis, "genesis");
      Objects.requireNonNull(sequencer, "sequencer");
      Objects.requireNonNull(config, "config");
      Objects.requireNonNull(serving, "serving");
      extraRoutes = List.copyOf(extraRoutes);
    }
  }

  /**
   * Opens the store, starts the engine, the datanet service and ModelFactory, and serves the API.
   *
   * @param sequencer the genesis sequencer's key
   * @param extraRoutes routes of other modules, after the chain's
   */
  public static LedgerNode start(NodeHome home, Genesis genesis, KeyPair sequencer, NodeConfig config, List<RouteModule> extraRoutes) {
    return start(new Setup(home, genesis, sequencer, config, Optional.empty(), extraRoutes));
  }

  /**
   * Opens the store, starts the engine, the datanet service, ModelFactory and, when asked, paid serving, and
   * serves the API.
   */
  public static LedgerNode start(Setup setup) {
    NodeHome home = setup.home();
    Genesis genesis = setup.genesis();
    KeyPair sequencer = setup.sequencer();
    NodeConfig config = setup.config();
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
    ServingNode serving = null;
    AttributionNode attribution = null;
    try {
      datanets = DatanetNode.start(home.datanetDir(), engine, Clock.systemUTC(), DatanetNode.DEFAULT_GRACE);
      models = ModelServices.start(home, datanets.service(), new ChainAccessPolicy(engine, engine.chain().module(DatanetModule.class)));
      if (setup.serving().isPresent()) {
        serving = ServingNode.start(engine, models.modelFactory(), setup.serving().get());
      }
      attribution = AttributionNode.start(home, engine, models.modelFactory(), datanets.service(), Optional.ofNullable(serving),
          setup.serving().map(ServingOptions::provider));
      List<RouteModule> routes = new ArrayList<>();
      routes.add(new LedgerRoutes(engine, datanets.gate()));
      routes.add(datanets.routes());
      routes.add(new ModelRoutes(engine));
      routes.addAll(models.routes());
      routes.add(new StakingRoutes(engine));
      routes.add(new GovRoutes(engine));
      routes.add(new EconomyRoutes(engine));
      routes.add(new PaymentRoutes(engine));
      if (serving != null) {
        routes.addAll(serving.routes());
      }
      routes.add(new AttributionRoutes(engine, attribution));
      routes.addAll(setup.extraRoutes());
      routes.add(new DashboardRoutes());
      ApiServer api = ApiServer.start(config.host(), config.port(), routes);
      return new LedgerNode(store, engine, datanets, models, Optional.ofNullable(serving), attribution, api, config.host());
    } catch (IOException | RuntimeException e) {
      if (serving != null) {
        serving.close();
      }
      if (attribution != null) {
        attribution.close();
      }
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

  /** Proof of Attribution on this node: records, and when serving, the attribution of every paid call. */
  public AttributionNode attribution() {
    return attribution;
  }

  /** Paid serving, when the node was started with it. */
  public Optional<ServingNode> serving() {
    return serving;
  }

  @Override
  public void close() {
    try {
      api.close();
    } finally {
      try {
        try {
          serving.ifPresent(ServingNode::close);
        } finally {
          attribution.close();
        }
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
