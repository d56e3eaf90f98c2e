package dev.openledger.node.datanet;

import dev.openledger.datanet.DatanetService;
import dev.openledger.datanet.DatanetSpec;
import dev.openledger.datanet.GcResult;
import dev.openledger.datanet.store.DatanetRecord;
import dev.openledger.datanet.validate.ValidationParams;
import dev.openledger.ledger.datanet.Datanet;
import dev.openledger.ledger.datanet.DatanetModule;
import dev.openledger.ledger.engine.LedgerEngine;
import dev.openledger.ledger.msg.DatanetParams;
import dev.openledger.node.api.RouteModule;
import dev.openledger.node.api.TxGate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The datanet side of a node: the off-chain service under {@code data/datanet}, the sync that
 * applies committed datanet transactions to it, the admission gate for {@code SubmitContribution},
 * the HTTP routes, and a periodic garbage collection of files the chain never recorded.
 */
public final class DatanetNode implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DatanetNode.class);

  /** How long an uploaded file waits for its transaction before it may be collected. */
  public static final Duration DEFAULT_GRACE = Duration.ofHours(1);

  private static final Duration GC_INTERVAL = Duration.ofMinutes(10);
  private static final int MAX_ROWS_PER_FILE = 50_000;

  private final LedgerEngine engine;
  private final DatanetModule module;
  private final DatanetService service;
  private final DatanetSync sync;
  private final Duration grace;
  private final Clock clock;
  private final ScheduledExecutorService gc =
      Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "datanet-gc"));

  private DatanetNode(
      LedgerEngine engine, DatanetService service, DatanetSync sync, Duration grace, Clock clock) {
    this.engine = engine;
    this.module = engine.chain().module(DatanetModule.class);
    this.service = service;
    this.sync = sync;
    this.grace = grace;
    this.clock = clock;
  }

  /**
   * Opens the service in {@code dir} (its ingestion limits are the chain's datanet limits), catches
   * up with the chain, then follows it; collects unrecorded files older than {@code grace} now and
   * every ten minutes.
   */
  public static DatanetNode start(Path dir, LedgerEngine engine, Clock clock, Duration grace)
      throws IOException {
    Files.createDirectories(dir);
    DatanetParams.Limits l =
        engine.chain().module(DatanetModule.class).params(engine.reader().snapshot()).limits();
    ValidationParams params =
        ValidationParams.defaults()
            .withLimits(
                new ValidationParams.Limits(
                    l.maxFileBytes(),
                    l.maxUserBytesPerDay(),
                    l.maxUserFilesPerDay(),
                    l.maxDatanetBytesPerDay(),
                    MAX_ROWS_PER_FILE));
    DatanetService service = DatanetService.open(dir, params, clock);
    DatanetSync sync;
    try {
      sync = new DatanetSync(engine, service, dir.resolve("synced-height"));
    } catch (IOException | RuntimeException e) {
      service.close();
      throw e;
    }
    DatanetNode node = new DatanetNode(engine, service, sync, grace, clock);
    sync.start();
    node.gc.scheduleWithFixedDelay(
        node::collectQuietly,
        GC_INTERVAL.toMillis(),
        GC_INTERVAL.toMillis(),
        TimeUnit.MILLISECONDS);
    return node;
  }

  public DatanetService service() {
    return service;
  }

  public DatanetSync sync() {
    return sync;
  }

  /** The admission check for {@code POST /api/tx}. */
  public TxGate gate() {
    return new ContributionGate(service);
  }

  /** The {@code /api/datanets} routes. */
  public RouteModule routes() {
    return new DatanetRoutes(this, engine, clock);
  }

  /**
   * Removes staged files whose contribution is not on chain and which are older than the grace
   * period, and blobs nothing references; waits until the service has applied the latest block
   * first.
   */
  public GcResult collectGarbage() throws IOException, InterruptedException {
    long head = engine.reader().height();
    if (!sync.awaitHeight(head, Duration.ofSeconds(30))) {
      throw new IOException(
          "the datanet service has not caught up with height " + head + "; not collecting");
    }
    GcResult r =
        service.collectGarbage(module.referencedContent(engine.reader().snapshot()), grace);
    if (!r.contributionsRemoved().isEmpty()) {
      LOG.info(
          "collected {} uploads that never reached the chain", r.contributionsRemoved().size());
    }
    return r;
  }

  private void collectQuietly() {
    try {
      collectGarbage();
    } catch (IOException e) {
      LOG.error("datanet garbage collection failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Makes sure the service knows a datanet the chain has (the sync normally mirrors it first). */
  DatanetRecord mirror(Datanet d) throws IOException {
    return service.createDatanet(spec(d)).orElseThrow();
  }

  /**
   * What the off-chain service keeps of a datanet: identity and the text its relevance profile
   * starts from.
   */
  static DatanetSpec spec(Datanet d) {
    return new DatanetSpec(
        d.id(), d.owner(), d.name(), d.spec().summary(), d.spec().description(), d.spec().tags());
  }

  @Override
  public void close() {
    gc.shutdownNow();
    try {
      sync.close();
    } finally {
      service.close();
    }
  }
}
