package dev.openledger.node;

import dev.openledger.attribution.AttributionConfig;
import dev.openledger.core.crypto.KeyPair;
import dev.openledger.core.crypto.PublicKey;
import dev.openledger.core.crypto.Signature;
import dev.openledger.ledger.cluster.ClusterConfig;
import dev.openledger.ledger.cluster.ClusterOptions;
import dev.openledger.ledger.cluster.RatisEngine;
import dev.openledger.ledger.datanet.DatanetModule;
import dev.openledger.ledger.engine.Chain;
import dev.openledger.ledger.engine.EmbeddedEngine;
import dev.openledger.ledger.engine.EngineOptions;
import dev.openledger.ledger.engine.LedgerEngine;
import dev.openledger.ledger.genesis.Genesis;
import dev.openledger.ledger.membership.Validator;
import dev.openledger.ledger.store.RocksLedgerStore;
import dev.openledger.node.api.ApiServer;
import dev.openledger.node.api.ClusterRoutes;
import dev.openledger.node.api.LedgerRoutes;
import dev.openledger.node.api.RouteModule;
import dev.openledger.node.api.TxGate;
import dev.openledger.node.api.economy.EconomyRoutes;
import dev.openledger.node.api.economy.GovRoutes;
import dev.openledger.node.api.economy.StakingRoutes;
import dev.openledger.node.attribution.AttributionNode;
import dev.openledger.node.attribution.AttributionRoutes;
import dev.openledger.node.dashboard.DashboardRoutes;
import dev.openledger.node.datanet.DatanetNode;
import dev.openledger.node.home.ClusterNodeConfig;
import dev.openledger.node.home.NodeConfig;
import dev.openledger.node.home.NodeHome;
import dev.openledger.node.model.ChainAccessPolicy;
import dev.openledger.node.model.ModelRoutes;
import dev.openledger.node.payment.PaymentRoutes;
import dev.openledger.node.serving.ServingNode;
import dev.openledger.node.serving.ServingOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running node: the durable store in its home, the embedded engine (or, on a cluster's validator,
 * the Ratis engine, which owns its store), the datanet service that follows it, ModelFactory over
 * that datanet service, optionally paid serving of approved models ({@link ServingNode}), and the
 * HTTP API with the chain's, cluster, datanet, model registry, fine-tuning and payment routes, the
 * OpenAI-compatible routes when serving, the attribution routes, then any others, then the web
 * dashboard at {@code /}. Closing it stops the API, then serving (its last receipts are settled
 * while the engine still runs), then attribution (the attributions of those last batches are
 * submitted), then ModelFactory (a running job checkpoints), then the datanet service, then the
 * engine, then the store.
 */
public final class LedgerNode implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LedgerNode.class);

  private final RocksLedgerStore store;
  private final LedgerEngine engine;
  private final DatanetNode datanets;
  private final ModelServices models;
  private final Optional<ServingNode> serving;
  private final AttributionNode attribution;
  private final ApiServer api;
  private final String host;

  private LedgerNode(
      RocksLedgerStore store,
      LedgerEngine engine,
      DatanetNode datanets,
      ModelServices models,
      Optional<ServingNode> serving,
      AttributionNode attribution,
      ApiServer api,
      String host) {
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
   * What a single-sequencer node is started with.
   *
   * @param home its home directory
   * @param genesis the chain's genesis
   * @param sequencer the genesis sequencer's key
   * @param config where it listens
   * @param serving when present, the node also serves approved models over the OpenAI-compatible
   *     API, paid through the chain's payment channels, and settles the usage as the provider
   * @param extraRoutes routes of other modules, after the chain's
   */
  public record Setup(
      NodeHome home,
      Genesis genesis,
      KeyPair sequencer,
      NodeConfig config,
      Optional<ServingOptions> serving,
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
  public static LedgerNode start(
      NodeHome home,
      Genesis genesis,
      KeyPair sequencer,
      NodeConfig config,
      List<RouteModule> extraRoutes) {
    return start(new Setup(home, genesis, sequencer, config, Optional.empty(), extraRoutes));
  }

  /**
   * Opens the store, starts the engine, the datanet service, ModelFactory and, when asked, paid
   * serving, and serves the API.
   */
  public static LedgerNode start(Setup setup) {
    RocksLedgerStore store = RocksLedgerStore.open(setup.home().dataDir(), true);
    EmbeddedEngine engine;
    try {
      engine =
          EmbeddedEngine.start(
              Chain.of(setup.genesis()), store, setup.sequencer(), EngineOptions.defaults());
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
    return serve(
        new Services(
            setup.home(),
            store,
            engine,
            setup.config(),
            setup.serving(),
            gate -> List.of(new LedgerRoutes(engine, gate)),
            setup.extraRoutes()));
  }

  /** What {@link #serve} starts the data services and the API over. */
  private record Services(
      NodeHome home,
      RocksLedgerStore store,
      LedgerEngine engine,
      NodeConfig config,
      Optional<ServingOptions> serving,
      Function<TxGate, List<RouteModule>> chainRoutes,
      List<RouteModule> extraRoutes) {}

  /**
   * Starts the data services over a running engine and serves the API: the chain's routes (given
   * the datanet service's transaction gate), datanets, the model registry, fine-tuning, payments,
   * paid serving when asked, the extra routes and the dashboard. On failure everything started so
   * far is closed, the engine and the store (when the node owns it, a single sequencer; null when
   * the engine does) included.
   */
  private static LedgerNode serve(Services s) {
    LedgerEngine engine = s.engine();
    DatanetNode datanets = null;
    ModelServices models = null;
    ServingNode serving = null;
    AttributionNode attribution = null;
    try {
      datanets =
          DatanetNode.start(
              s.home().datanetDir(), engine, Clock.systemUTC(), DatanetNode.DEFAULT_GRACE);
      models =
          ModelServices.start(
              s.home(),
              datanets.service(),
              new ChainAccessPolicy(engine, engine.chain().module(DatanetModule.class)));
      if (s.serving().isPresent()) {
        serving =
            ServingNode.start(
                engine,
                models.modelFactory(),
                s.serving().get(),
                s.home().settledBatchesDir(),
                s.home().callJournal());
      }
      attribution =
          AttributionNode.start(
              s.home(),
              engine,
              models.modelFactory(),
              datanets.service(),
              Optional.ofNullable(serving),
              s.serving().map(ServingOptions::provider),
              s.serving().map(ServingOptions::attribution).orElse(AttributionConfig.DEFAULT));
      if (serving != null) {
        serving.startSettling(); // after attribution registered what the call journal must keep
      }
      List<RouteModule> routes = new ArrayList<>(s.chainRoutes().apply(datanets.gate()));
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
      routes.addAll(s.extraRoutes());
      routes.add(new DashboardRoutes());
      ApiServer api = ApiServer.start(s.config().host(), s.config().port(), routes);
      return new LedgerNode(
          s.store(),
          engine,
          datanets,
          models,
          Optional.ofNullable(serving),
          attribution,
          api,
          s.config().host());
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
      if (s.store() != null) {
        s.store().close();
      }
      throw e instanceof IOException io
          ? new UncheckedIOException(
              "cannot open the node's data services under " + s.home().root(), io)
          : (RuntimeException) e;
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

  /**
   * Starts a validator of a replicated chain: the Ratis engine (which owns its store), the data
   * services and the API, with the cluster routes after the chain's.
   *
   * @param key this validator's key
   * @param genesisSignature the genesis sequencer's signature over block 0
   * @param cluster this validator's id and peers
   */
  public static LedgerNode startCluster(
      NodeHome home,
      Genesis genesis,
      KeyPair key,
      Signature genesisSignature,
      ClusterNodeConfig cluster,
      NodeConfig config,
      List<RouteModule> extraRoutes) {
    ClusterConfig cc =
        new ClusterConfig(
            cluster.id(),
            key,
            cluster.raftAddresses(),
            cluster.joining(),
            home.dataDir(),
            home.raftDir());
    RatisEngine engine =
        RatisEngine.start(Chain.of(genesis), cc, genesisSignature, ClusterOptions.defaults());
    ClusterRoutes clusterRoutes = new ClusterRoutes(engine, cluster.apiUrls());
    return serve(
        new Services(
            home,
            null,
            engine,
            config,
            Optional.empty(),
            gate ->
                List.of(
                    new LedgerRoutes(
                        engine,
                        gate,
                        () -> blockSigners(genesis, engine),
                        () -> Optional.of(clusterRoutes.view())),
                    clusterRoutes),
            extraRoutes));
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

  /** The datanet service and its sync with the chain. */
  public DatanetNode datanets() {
    return datanets;
  }

  /** ModelFactory: fine-tuning jobs over this node's datanets. */
  public ModelServices models() {
    return models;
  }

  /**
   * The single-sequencer node's store, for reads such as a replay check while the node runs.
   *
   * @throws IllegalStateException on a validator of a cluster, whose engine owns its store
   */
  public RocksLedgerStore store() {
    if (store == null) {
      throw new IllegalStateException(
          "a cluster validator's store belongs to its engine; use RatisEngine.verifyChain()");
    }
    return store;
  }

  /** Paid serving, when the node was started with it. */
  public Optional<ServingNode> serving() {
    return serving;
  }

  public int port() {
    return api.port();
  }

  /** The API's base URL. */
  public String url() {
    return "http://" + host + ":" + api.port();
  }

  /**
   * Proof of Attribution on this node: records, and when serving, the attribution of every paid
   * call.
   */
  public AttributionNode attribution() {
    return attribution;
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
          if (store != null) {
            store.close();
          }
        }
      }
    }
  }
}
