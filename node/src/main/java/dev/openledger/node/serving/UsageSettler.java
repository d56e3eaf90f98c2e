package dev.openledger.node.serving;

import dev.openledger.core.crypto.Hash;
import dev.openledger.core.crypto.KeyPair;
import dev.openledger.core.money.Amount;
import dev.openledger.core.receipt.InclusionProof;
import dev.openledger.core.receipt.SignedReceipt;
import dev.openledger.core.receipt.UsageReceipt;
import dev.openledger.ledger.engine.Admission;
import dev.openledger.ledger.engine.LedgerEngine;
import dev.openledger.ledger.engine.TxOutcome;
import dev.openledger.ledger.genesis.Genesis;
import dev.openledger.ledger.msg.SettleUsage;
import dev.openledger.ledger.msg.SettleUsage.ChannelClaim;
import dev.openledger.ledger.msg.SettleUsage.ModelCharge;
import dev.openledger.ledger.tx.SignedTransaction;
import dev.openledger.ledger.tx.Transaction;
import dev.openledger.openlora.metering.ChannelSettlement;
import dev.openledger.openlora.metering.EscrowMeter;
import dev.openledger.openlora.metering.ReceiptBatch;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The provider's settlement loop: every interval (and once more when closed) it cuts the meter's
 * new receipts into batches that fit one transaction, and settles each on chain with a {@link
 * SettleUsage} signed by the provider's key, waiting for it to commit.
 *
 * <p>Failures: a transaction the chain did not take (fee unpaid, nonce race, mempool full, engine
 * stopping, no answer in time) is retried at the next tick with the same batch; if an earlier
 * attempt did commit, the retry is refused as {@code root_settled} and counts as settled. A batch
 * whose message failed on chain is split by channel and each channel retried alone, so one bad
 * channel (e.g. withdrawn by its payer after the close timeout) costs only its own receipts, which
 * are then dropped with an error in the log. Receipts live in memory until settled: a crash loses
 * the unsettled ones (the provider's claim; the payers' escrow is untouched) and the meter starts
 * again from the chain's settled nonces.
 *
 * <p>Each settled batch is written to the {@link SettledBatchStore} before anyone hears of it, so
 * that the attributions of its receipts can still be submitted after a crash or restart. The latest
 * settled batches (loaded from the store at start) are kept in memory so that the node can hand a
 * caller the inclusion proof of a receipt ({@link #proof}); listeners hear of each settled batch
 * (attribution starts from there).
 */
public final class UsageSettler implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(UsageSettler.class);
  private static final Duration OUTCOME_TIMEOUT = Duration.ofSeconds(30);
  private static final int KEPT_BATCHES = SettledBatchStore.KEPT_FOR_PROOFS;

  private final LedgerEngine engine;
  private final EscrowMeter meter;
  private final KeyPair provider;
  private final ChainView chain;
  private final Duration interval;
  private final Deque<ReceiptBatch> queue = new ArrayDeque<>();
  private final SettledBatchStore store;
  private final Deque<SettledBatchStore.Stored> recent = new ArrayDeque<>();
  private final Map<String, SettledBatchStore.Stored> byRequest = new HashMap<>();
  private final List<Consumer<Settled>> listeners = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService timer;
  private volatile boolean closed;

  /**
   * A batch settled on chain.
   *
   * @param batch the receipts and their tree
   * @param message the settlement sent
   * @param txHash its transaction
   * @param height the block it committed in
   */
  public record Settled(ReceiptBatch batch, SettleUsage message, Hash txHash, long height) {
    /** The inclusion proof of the receipt of {@code requestId}, if it is in this batch. */
    public Optional<InclusionProof> proof(String requestId) {
      return stored().proof(requestId);
    }

    /** What the store keeps of it. */
    public SettledBatchStore.Stored stored() {
      return new SettledBatchStore.Stored(batch, txHash, height);
    }
  }

  /**
   * A receipt with the proof that puts it in a settled batch.
   *
   * @param receipt the signed receipt
   * @param root the settled batch's root
   * @param proof the receipt's audit path
   * @param height the block the batch settled in
   */
  public record ReceiptProof(SignedReceipt receipt, Hash root, InclusionProof proof, long height) {}

  /**
   * A settler of {@code meter}'s receipts every {@code interval}, keeping settled batches in {@code
   * store}; loads the latest stored batches for {@link #proof}.
   *
   * @throws IOException when the store cannot be read
   */
  public UsageSettler(
      LedgerEngine engine,
      EscrowMeter meter,
      KeyPair provider,
      ChainView chain,
      Duration interval,
      SettledBatchStore store)
      throws IOException {
    if (interval.isZero() || interval.isNegative()) {
      throw new IllegalArgumentException("the settlement interval must be positive");
    }
    this.engine = engine;
    this.meter = meter;
    this.provider = provider;
    this.chain = chain;
    this.interval = interval;
    this.store = store;
    for (SettledBatchStore.Stored s : store.latest(KEPT_BATCHES)) {
      index(s);
    }
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "openledger-settler");
              t.setDaemon(true);
              return t;
            });
  }

  /** Starts settling every interval. */
  public void start() {
    long ms = interval.toMillis();
    timer.scheduleWithFixedDelay(this::tick, ms, ms, TimeUnit.MILLISECONDS);
  }

  public void addListener(Consumer<Settled> listener) {
    listeners.add(listener);
  }

  public Duration interval() {
    return interval;
  }

  /** Where settled batches are kept. */
  public SettledBatchStore store() {
    return store;
  }

  private void tick() {
    try {
      settleNow();
    } catch (RuntimeException e) {
      LOG.error("settling usage failed; retrying at the next tick", e);
    }
  }

  /**
   * Settles every receipt issued so far, batch by batch, waiting for each to commit. Returns the
   * batches settled by this call; receipts whose settlement the chain did not take yet stay queued
   * for the next call.
   */
  public synchronized List<Settled> settleNow() {
    List<Settled> done = new ArrayList<>();
    while (true) {
      ReceiptBatch b = queue.pollFirst();
      if (b == null) {
        Optional<ReceiptBatch> cut =
            meter.cutBatch(SettleUsage.MAX_CHANNELS, SettleUsage.MAX_MODELS);
        meter.forgetBatched();
        if (cut.isEmpty()) {
          return done;
        }
        b = cut.get();
      }
      Attempt a = settle(b);
      if (a instanceof Attempt.Ok ok) {
        done.add(ok.settled());
        remember(ok.settled());
      } else if (a instanceof Attempt.Later later) {
        LOG.warn(
            "settlement of {} receipts not taken yet ({}); retrying in {}",
            b.receipts().size(),
            later.why(),
            interval);
        queue.addFirst(b);
        return done;
      } else {
        Attempt.Failed f = (Attempt.Failed) a;
        if (b.settlements().size() > 1) {
          LOG.warn(
              "settlement of {} channels failed ({}); settling each channel alone",
              b.settlements().size(),
              f.why());
          List<ReceiptBatch> parts = byChannel(b);
          for (int i = parts.size() - 1; i >= 0; i--) {
            queue.addFirst(parts.get(i));
          }
        } else {
          LOG.error(
              "dropping {} receipts of channel {}: the chain refused their settlement ({})",
              b.receipts().size(),
              b.settlements().get(0).channel(),
              f.why());
        }
      }
    }
  }

  /** What one settlement attempt came to. */
  private sealed interface Attempt permits Attempt.Ok, Attempt.Later, Attempt.Failed {
    record Ok(Settled settled) implements Attempt {}

    /** Not taken by the chain (yet): try the same batch again. */
    record Later(String why) implements Attempt {}

    /** Included and failed: the chain will never take this batch as it is. */
    record Failed(String why) implements Attempt {}
  }

  private Attempt settle(ReceiptBatch b) {
    Optional<SettleUsage> message = message(b);
    if (message.isEmpty()) {
      return new Attempt.Failed("a receipt names a model version this chain does not have");
    }
    Genesis g = engine.chain().genesis();
    long nonce =
        engine.chain().bank().account(engine.reader().snapshot(), provider.address()).nonce();
    SignedTransaction tx =
        new Transaction(
                g.chainId(), provider.publicKey(), nonce, g.params().minFee(), message.get())
            .sign(provider);
    try {
      Admission admission =
          engine.submit(tx).get(OUTCOME_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      if (admission instanceof Admission.Refused r) {
        return new Attempt.Later(r.code() + ": " + r.message());
      }
      TxOutcome outcome =
          ((Admission.Accepted) admission)
              .outcome()
              .get(OUTCOME_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      if (outcome instanceof TxOutcome.Rejected r) {
        return new Attempt.Later(r.code() + ": " + r.message());
      }
      TxOutcome.Committed c = (TxOutcome.Committed) outcome;
      Settled s = new Settled(b, message.get(), tx.hash(), c.header().height());
      if (c.receipt().isOk()) {
        LOG.info(
            "settled {} receipts ({} OPEN) in block {}, root {}",
            b.receipts().size(),
            b.total().toPlainString(),
            s.height(),
            b.root());
        return new Attempt.Ok(s);
      }
      if (c.receipt().code().equals("root_settled")) {
        return new Attempt.Ok(s); // an earlier attempt of this very batch committed
      }
      return new Attempt.Failed(c.receipt().code() + ": " + c.receipt().message());
    } catch (TimeoutException e) {
      return new Attempt.Later(
          "no answer from the engine within " + OUTCOME_TIMEOUT.toSeconds() + " s");
    } catch (ExecutionException e) {
      return new Attempt.Later("the engine failed: " + e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Attempt.Later("interrupted");
    }
  }

  /**
   * The settlement of a batch: its root, each channel's end, each model version's receipts and
   * charges.
   */
  Optional<SettleUsage> message(ReceiptBatch b) {
    List<ChannelClaim> channels = new ArrayList<>();
    for (ChannelSettlement s : b.settlements()) {
      channels.add(new ChannelClaim(s.channel(), s.lastNonce(), s.cumulativeAfter()));
    }
    Map<List<Object>, long[]> byModel = new LinkedHashMap<>();
    for (SignedReceipt s : b.receipts()) {
      UsageReceipt r = s.receipt();
      long[] t = byModel.computeIfAbsent(List.of(r.model(), r.adapterHash()), k -> new long[2]);
      t[0]++;
      t[1] = Math.addExact(t[1], r.charge().nano());
    }
    List<ModelCharge> models = new ArrayList<>();
    for (Map.Entry<List<Object>, long[]> e : byModel.entrySet()) {
      String name = (String) e.getKey().get(0);
      Optional<Integer> version = chain.version(name, (Hash) e.getKey().get(1));
      if (version.isEmpty()) {
        LOG.error("model {} with adapter {} is not registered on chain", name, e.getKey().get(1));
        return Optional.empty();
      }
      models.add(
          new ModelCharge(name, version.get(), e.getValue()[0], Amount.ofNano(e.getValue()[1])));
    }
    return Optional.of(new SettleUsage(b.root(), b.receipts().size(), channels, models));
  }

  private static List<ReceiptBatch> byChannel(ReceiptBatch b) {
    Map<Hash, List<SignedReceipt>> parts = new LinkedHashMap<>();
    for (SignedReceipt s : b.receipts()) {
      parts.computeIfAbsent(s.receipt().channel(), k -> new ArrayList<>()).add(s);
    }
    return parts.values().stream().map(rs -> ReceiptBatch.of(rs).orElseThrow()).toList();
  }

  private void remember(Settled s) {
    try {
      store.put(s.stored());
    } catch (IOException e) {
      // the batch is settled on chain: its attributions are still submitted from memory below,
      // but a restart before that would lose them
      LOG.error(
          "cannot keep settled batch {} in {}; its attributions are lost if the node stops first",
          s.batch().root(),
          store.dir(),
          e);
    }
    index(s.stored());
    for (Consumer<Settled> l : listeners) {
      try {
        l.accept(s);
      } catch (RuntimeException e) {
        LOG.error("a settlement listener failed", e);
      }
    }
  }

  private void index(SettledBatchStore.Stored s) {
    recent.addLast(s);
    for (SignedReceipt r : s.batch().receipts()) {
      byRequest.put(r.receipt().requestId(), s);
    }
    while (recent.size() > KEPT_BATCHES) {
      SettledBatchStore.Stored old = recent.removeFirst();
      for (SignedReceipt r : old.batch().receipts()) {
        byRequest.remove(r.receipt().requestId(), old);
      }
    }
  }

  /**
   * The receipt of {@code requestId} with its inclusion proof, if it is in one of the latest
   * settled batches (kept across restarts).
   */
  public synchronized Optional<ReceiptProof> proof(String requestId) {
    SettledBatchStore.Stored s = byRequest.get(requestId);
    if (s == null) {
      return Optional.empty();
    }
    InclusionProof p = s.proof(requestId).orElseThrow();
    return Optional.of(
        new ReceiptProof(
            s.batch().receipts().get((int) p.index()), s.batch().root(), p, s.height()));
  }

  /**
   * The request ids of the receipts waiting for settlement (queued batches and the meter's uncut
   * receipts).
   */
  public synchronized Set<String> unsettledRequests() {
    Set<String> ids = new HashSet<>();
    for (ReceiptBatch b : queue) {
      b.receipts().forEach(r -> ids.add(r.receipt().requestId()));
    }
    meter.receipts().forEach(r -> ids.add(r.receipt().requestId()));
    return ids;
  }

  /** Receipts waiting for settlement: queued batches and the meter's uncut receipts. */
  public synchronized int pending() {
    return queue.stream().mapToInt(b -> b.receipts().size()).sum() + meter.unbatched();
  }

  /** Stops the timer and settles what is left (the engine must still be running). */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    timer.shutdown();
    try {
      if (!timer.awaitTermination(OUTCOME_TIMEOUT.toSeconds() * 2, TimeUnit.SECONDS)) {
        LOG.warn("the settlement timer did not stop in time");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    List<Settled> last = settleNow();
    int left = pending();
    if (left > 0) {
      LOG.error(
          "{} receipts could not be settled before stopping; they stay in the call journal and"
              + " settle after the next start",
          left);
    } else if (!last.isEmpty()) {
      LOG.info("settled the last {} batches on shutdown", last.size());
    }
  }
}
