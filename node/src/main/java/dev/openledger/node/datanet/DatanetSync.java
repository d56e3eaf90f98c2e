package dev.openledger.node.datanet;

import dev.openledger.core.Result;
import dev.openledger.core.crypto.Hash;
import dev.openledger.datanet.DatanetService;
import dev.openledger.datanet.store.ContributionRecord;
import dev.openledger.datanet.store.ContributionState;
import dev.openledger.datanet.store.VersionRecord;
import dev.openledger.ledger.block.Block;
import dev.openledger.ledger.block.BlockResults;
import dev.openledger.ledger.block.Receipt;
import dev.openledger.ledger.datanet.Contribution;
import dev.openledger.ledger.datanet.ContributionStatus;
import dev.openledger.ledger.datanet.Datanet;
import dev.openledger.ledger.datanet.DatanetIds;
import dev.openledger.ledger.datanet.DatanetModule;
import dev.openledger.ledger.engine.LedgerEngine;
import dev.openledger.ledger.engine.StateSnapshot;
import dev.openledger.ledger.msg.CreateDatanet;
import dev.openledger.ledger.msg.Message;
import dev.openledger.ledger.msg.PublishVersion;
import dev.openledger.ledger.msg.ReviewContribution;
import dev.openledger.ledger.msg.SubmitContribution;
import dev.openledger.ledger.tx.SignedTransaction;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies committed datanet transactions to the off-chain service, in block order, on one thread:
 *
 * <ul>
 *   <li>{@code CreateDatanet} → {@code createDatanet} (name, description and tags seed the
 *       relevance profile);
 *   <li>{@code SubmitContribution} → {@code register} (the rows now own their text), then {@code
 *       accept} if the chain accepted it automatically;
 *   <li>{@code ReviewContribution} → {@code accept} or {@code reject};
 *   <li>{@code PublishVersion} → {@code buildVersion}, whose root must be the chain's.
 * </ul>
 *
 * The height it reached is written to a file (atomically, synced) after each block that carried
 * datanet transactions; after a crash it re-applies from there, and each step is idempotent.
 */
public final class DatanetSync implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DatanetSync.class);

  private final LedgerEngine engine;
  private final DatanetModule module;
  private final DatanetService service;
  private final Path heightFile;
  private final ExecutorService worker =
      Executors.newSingleThreadExecutor(r -> new Thread(r, "datanet-sync"));
  private LedgerEngine.Subscription subscription;
  private long synced;

  DatanetSync(LedgerEngine engine, DatanetService service, Path heightFile) throws IOException {
    this.engine = engine;
    this.module = engine.chain().module(DatanetModule.class);
    this.service = service;
    this.heightFile = heightFile;
    this.synced = readHeight(heightFile);
  }

  /** Catches up with the chain, then follows every committed block. */
  void start() {
    subscription = engine.subscribe(block -> worker.execute(this::catchUp));
    worker.execute(this::catchUp);
  }

  /** The height up to which every datanet transaction has been applied. */
  public synchronized long syncedHeight() {
    return synced;
  }

  /** Waits until the service has applied block {@code height}; false on timeout. */
  public synchronized boolean awaitHeight(long height, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (synced < height) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    return true;
  }

  private void catchUp() {
    try {
      long head = engine.reader().height();
      for (long h = syncedHeight() + 1; h <= head; h++) {
        boolean touched = apply(h);
        advance(h, touched);
      }
    } catch (IOException | RuntimeException e) {
      // The next committed block retries from the same height; nothing is skipped.
      LOG.error(
          "applying datanet transactions to the off-chain service failed at height {}; will retry",
          syncedHeight() + 1,
          e);
    }
  }

  private synchronized void advance(long height, boolean persist) throws IOException {
    if (persist) {
      writeHeight(heightFile, height);
    }
    synced = height;
    notifyAll();
  }

  /** Applies one block; returns whether it held a successful datanet transaction. */
  private boolean apply(long height) throws IOException {
    Block block =
        engine
            .reader()
            .block(height)
            .orElseThrow(() -> new IllegalStateException("block " + height + " is missing"));
    BlockResults results =
        engine
            .reader()
            .results(height)
            .orElseThrow(
                () -> new IllegalStateException("results of block " + height + " are missing"));
    boolean touched = false;
    StateSnapshot chain = engine.reader().snapshot();
    for (int i = 0; i < block.txs().size(); i++) {
      Receipt r = results.receipts().get(i);
      SignedTransaction tx = block.txs().get(i);
      Message m = tx.body().message();
      if (r.isOk() && isDatanetMessage(m)) {
        touched = true;
        applyMessage(chain, tx, m);
      }
    }
    return touched;
  }

  private static boolean isDatanetMessage(Message m) {
    return m instanceof CreateDatanet
        || m instanceof SubmitContribution
        || m instanceof ReviewContribution
        || m instanceof PublishVersion;
  }

  private void applyMessage(StateSnapshot chain, SignedTransaction tx, Message m)
      throws IOException {
    if (m instanceof CreateDatanet c) {
      Hash id = DatanetIds.datanet(tx.sender(), c.name());
      Datanet d = module.keeper().datanet(chain, id).orElseThrow();
      report("create " + c.name(), service.createDatanet(DatanetNode.spec(d)));
    } else if (m instanceof SubmitContribution s) {
      Result<?> reg = service.register(s.contributionId());
      if (reg instanceof Result.Err<?> err && err.code().equals("unknown_contribution")) {
        LOG.warn(
            "contribution {} is on chain but its file was never uploaded to this node; it cannot enter versions built here",
            s.contributionId().shortHex());
        return;
      }
      report("register " + s.contributionId().shortHex(), reg);
      Optional<Contribution> onChain = module.keeper().contribution(chain, s.contributionId());
      if (onChain.isPresent() && onChain.get().status() != ContributionStatus.PENDING) {
        decide(
            s.contributionId(),
            onChain.get().status() == ContributionStatus.ACCEPTED,
            onChain.get().review().orElseThrow().reason());
      }
    } else if (m instanceof ReviewContribution v) {
      decide(v.contributionId(), v.approve(), v.reason());
    } else if (m instanceof PublishVersion p) {
      Result<VersionRecord> built =
          report(
              "build version " + p.version(),
              service.buildVersion(p.datanetId(), p.version(), p.contributionIds()));
      if (built instanceof Result.Ok<VersionRecord> ok && !ok.value().root().equals(p.root())) {
        LOG.error(
            "version {} of datanet {} built here has root {}, but the chain recorded {}; this node will not serve its rows",
            p.version(),
            p.datanetId().shortHex(),
            ok.value().root().shortHex(),
            p.root().shortHex());
      }
    }
  }

  /**
   * Accepts or rejects, unless this node's copy already shows that outcome (a re-applied block).
   */
  private void decide(Hash contributionId, boolean approve, String reason) throws IOException {
    Optional<ContributionRecord> here = service.contribution(contributionId);
    if (here.isEmpty()) {
      return;
    }
    ContributionState target = approve ? ContributionState.ACCEPTED : ContributionState.REJECTED;
    if (here.get().state() == target) {
      return;
    }
    report(
        (approve ? "accept " : "reject ") + contributionId.shortHex(),
        approve ? service.accept(contributionId, reason) : service.reject(contributionId, reason));
  }

  private static <T> Result<T> report(String what, Result<T> r) {
    if (r instanceof Result.Err<T> err) {
      LOG.warn("{}: the off-chain service refused ({}): {}", what, err.code(), err.message());
    }
    return r;
  }

  static long readHeight(Path file) throws IOException {
    if (!Files.exists(file)) {
      return 0;
    }
    String text = Files.readString(file, StandardCharsets.UTF_8).trim();
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new IOException(file + " does not hold a height: '" + text + "'", e);
    }
  }

  /** Replaces the file's content atomically: a temporary file, synced, renamed over it. */
  static void writeHeight(Path file, long height) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (FileChannel ch =
        FileChannel.open(
            tmp,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      ch.write(java.nio.ByteBuffer.wrap((height + "\n").getBytes(StandardCharsets.UTF_8)));
      ch.force(true);
    }
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  @Override
  public void close() {
    if (subscription != null) {
      subscription.close();
    }
    worker.shutdown();
    try {
      if (!worker.awaitTermination(30, TimeUnit.SECONDS)) {
        LOG.warn("the datanet sync did not stop within 30 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
