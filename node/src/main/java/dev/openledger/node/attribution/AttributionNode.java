package dev.openledger.node.attribution;

import dev.openledger.attribution.AttributionConfig;
import dev.openledger.attribution.AttributionInputs;
import dev.openledger.attribution.AttributionResult;
import dev.openledger.attribution.ContributorShare;
import dev.openledger.attribution.grad.RowKey;
import dev.openledger.attribution.score.ScoringPool;
import dev.openledger.attribution.service.AttributionRecord;
import dev.openledger.attribution.service.AttributionService;
import dev.openledger.attribution.service.Inference;
import dev.openledger.attribution.service.ModelAttribution;
import dev.openledger.attribution.service.ModelSource;
import dev.openledger.attribution.service.SourceRow;
import dev.openledger.core.Result;
import dev.openledger.core.crypto.Hash;
import dev.openledger.core.crypto.KeyPair;
import dev.openledger.core.receipt.SignedReceipt;
import dev.openledger.core.receipt.UsageReceipt;
import dev.openledger.datanet.DatanetService;
import dev.openledger.ledger.attribution.AttributionModule;
import dev.openledger.ledger.engine.Admission;
import dev.openledger.ledger.engine.LedgerEngine;
import dev.openledger.ledger.engine.StateSnapshot;
import dev.openledger.ledger.engine.TxOutcome;
import dev.openledger.ledger.genesis.Genesis;
import dev.openledger.ledger.msg.AttributeInference;
import dev.openledger.ledger.msg.AttributionClaim;
import dev.openledger.ledger.msg.AttributionClaim.ContributorUnits;
import dev.openledger.ledger.msg.AttributionClaim.FlaggedRow;
import dev.openledger.ledger.msg.AttributionClaim.InputHashes;
import dev.openledger.ledger.payment.PaymentModule;
import dev.openledger.ledger.tx.SignedTransaction;
import dev.openledger.ledger.tx.Transaction;
import dev.openledger.ml.tensor.Kernels;
import dev.openledger.modelfactory.ModelFactory;
import dev.openledger.modelfactory.poa.FactoryModels;
import dev.openledger.node.home.NodeHome;
import dev.openledger.node.serving.ServingNode;
import dev.openledger.node.serving.SettledBatchStore;
import dev.openledger.node.serving.UsageSettler;
import dev.openledger.openlora.service.ChargedCall;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Attribution on a node (see the package description). Without paid serving it still answers for
 * records kept here and recomputes them ({@link #verify}).
 */
public final class AttributionNode implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AttributionNode.class);
  private static final long WAIT_SECONDS = 30;
  private static final int SUBMIT_ATTEMPTS = 20;

  /** The status of a charged call whose attribution is waiting for the worker. */
  static final String QUEUED = "queued";

  private final LedgerEngine engine;
  private final AttributionService service;
  private final ScoringPool pool;
  private final ModelSource models;
  private final Optional<KeyPair> provider;
  private final Optional<SettledBatchStore> settledBatches;

  /**
   * Roots of batches with nothing left to submit that the store does not mark: unreadable, not
   * stored, or not markable (touched on the worker only).
   */
  private final Set<Hash> finished = new HashSet<>();

  private final ExecutorService worker =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "openledger-attribution");
            t.setDaemon(true);
            return t;
          });
  private final Map<String, String> status = new ConcurrentHashMap<>();

  private AttributionNode(
      LedgerEngine engine,
      AttributionService service,
      ScoringPool pool,
      ModelSource models,
      Optional<KeyPair> provider,
      Optional<SettledBatchStore> settledBatches) {
    this.engine = engine;
    this.service = service;
    this.pool = pool;
    this.models = models;
    this.provider = provider;
    this.settledBatches = settledBatches;
  }

  /**
   * Opens the attribution service in {@code home} with {@code config} over the node's ModelFactory
   * and Datanet service; when the node serves, attributes every charged call and submits the
   * attributions of each settled batch, signed by the serving provider's key. Serving, it first
   * catches up (on its worker): the attributions kept here of batches settled before it started
   * (e.g. before a crash) that the chain does not have yet are submitted.
   */
  public static AttributionNode start(
      NodeHome home,
      LedgerEngine engine,
      ModelFactory factory,
      DatanetService datanets,
      Optional<ServingNode> serving,
      Optional<KeyPair> provider,
      AttributionConfig config)
      throws IOException {
    ScoringPool pool = ScoringPool.perCore();
    AttributionService service =
        AttributionService.open(home.attributionDir(), config, pool, Kernels.best(), 4);
    FactoryModels models = new FactoryModels(factory, datanets, new ChainSubmissionOrder(engine));
    Optional<SettledBatchStore> settled =
        provider.isPresent() ? serving.map(s -> s.settler().store()) : Optional.empty();
    AttributionNode node = new AttributionNode(engine, service, pool, models, provider, settled);
    serving.ifPresent(
        s -> {
          s.service().addUsageListener(node::onCharged);
          s.settler().addListener(node::onSettled);
          s.journal().addNeed(() -> node::stillToAttribute);
          node.recover(s.journal().recovered());
        });
    if (settled.isPresent()) {
      node.worker.execute(() -> node.catchUp(List.of()));
    }
    return node;
  }

  public AttributionService service() {
    return service;
  }

  public ModelSource models() {
    return models;
  }

  /**
   * What this node did about a request's attribution ({@value #QUEUED} until the worker takes it,
   * {@code computed}, {@code submitted}, or why it failed), if anything.
   */
  public Optional<String> status(String requestId) {
    return Optional.ofNullable(status.get(requestId));
  }

  /** The record of a request kept here. */
  public Optional<AttributionRecord> record(String requestId) throws IOException {
    return service.record(requestId);
  }

  /** The prepared model of a record (for explanations: row texts, tokenizer). */
  public Result<ModelAttribution> model(AttributionRecord rec) throws IOException {
    return service.model(models, rec.inference().model(), rec.inference().adapterHash());
  }

  /** Recomputes a record kept here (see {@link AttributionService#verify}). */
  public Result<dev.openledger.attribution.service.Verification> verify(String requestId)
      throws IOException {
    return service.verify(models, requestId);
  }

  /**
   * Queues the calls of the call journal that have no record here: charged before a stop that came
   * before their attribution was computed.
   */
  private void recover(List<ChargedCall> journaled) {
    int queued = 0;
    for (ChargedCall call : journaled) {
      String id = call.receipt().receipt().requestId();
      try {
        if (service.record(id).isPresent()) {
          continue;
        }
      } catch (IOException e) {
        LOG.warn("cannot look up the attribution record of {}; computing it again", id, e);
      }
      onCharged(call);
      queued++;
    }
    if (queued > 0) {
      LOG.info("attributing {} journaled calls charged before the last stop", queued);
    }
  }

  /**
   * Whether the call journal must keep a call for attribution: queued, failed on an I/O error, or
   * not seen by this process and without a record.
   */
  private boolean stillToAttribute(ChargedCall call) {
    String id = call.receipt().receipt().requestId();
    String s = status.get(id);
    if (s == null) {
      try {
        return service.record(id).isEmpty();
      } catch (IOException e) {
        return true;
      }
    }
    return s.equals(QUEUED) || s.startsWith("failed");
  }

  private void onCharged(ChargedCall call) {
    status.put(call.receipt().receipt().requestId(), QUEUED);
    worker.execute(() -> attribute(call));
  }

  private void onSettled(UsageSettler.Settled settled) {
    try {
      worker.execute(() -> catchUp(List.of(settled.stored())));
    } catch (RejectedExecutionException e) {
      LOG.warn(
          "attribution has stopped: the attributions of batch {} are submitted when the node next"
              + " starts serving",
          settled.batch().root());
    }
  }

  /** Computes and keeps the record of a charged call (on the worker). */
  private void attribute(ChargedCall call) {
    UsageReceipt r = call.receipt().receipt();
    if (call.completionTokens().length == 0) {
      status.put(r.requestId(), "nothing to attribute: no token was generated");
      return;
    }
    try {
      Inference inf =
          new Inference(
              r.requestId(),
              r.model(),
              r.adapterHash(),
              call.promptTokens(),
              call.completionTokens());
      Result<AttributionRecord> rec = service.attribute(models, inf);
      if (rec instanceof Result.Err<AttributionRecord> e) {
        status.put(r.requestId(), "not attributed (" + e.code() + "): " + e.message());
        LOG.warn(
            "request {} of {} is not attributed ({}): {}",
            r.requestId(),
            r.model(),
            e.code(),
            e.message());
        return;
      }
      AttributionRecord a = rec.orElseThrow();
      status.put(r.requestId(), "computed");
      LOG.info(
          "attributed {} of {}: {} contributors, query gradient {} ms, attribution {} ms",
          r.requestId(),
          r.model(),
          a.result().contributors().size(),
          a.timings().queryGradientMicros() / 1000,
          a.timings().attributeMicros() / 1000);
    } catch (IOException | RuntimeException e) {
      status.put(r.requestId(), "failed: " + e.getMessage());
      LOG.error("attributing request {} failed", r.requestId(), e);
    }
  }

  /**
   * Submits, batch by batch in settlement order, the attributions the chain does not have yet of
   * the stored settled batches not marked attributed and of {@code fresh} (the batch just settled,
   * also when the store could not keep it); marks each batch it finishes, then prunes the store; on
   * the worker.
   */
  private void catchUp(List<SettledBatchStore.Stored> fresh) {
    if (provider.isEmpty() || settledBatches.isEmpty()) {
      return;
    }
    SettledBatchStore store = settledBatches.get();
    Map<Hash, SettledBatchStore.Stored> todo = new HashMap<>();
    try {
      for (SettledBatchStore.Entry e : store.entries()) {
        if (e.attributed() || finished.contains(e.root())) {
          continue;
        }
        try {
          todo.put(e.root(), store.read(e));
        } catch (IOException ex) {
          finished.add(e.root()); // reported once; the file stays for inspection
          LOG.error(
              "cannot read settled batch {}; its attributions are not submitted", e.root(), ex);
        }
      }
    } catch (IOException e) {
      LOG.error("cannot list the settled batches in {}", store.dir(), e);
    }
    for (SettledBatchStore.Stored f : fresh) {
      if (!finished.contains(f.batch().root())) {
        todo.putIfAbsent(f.batch().root(), f);
      }
    }
    List<SettledBatchStore.Stored> batches = new ArrayList<>(todo.values());
    batches.sort(
        Comparator.comparingLong(SettledBatchStore.Stored::height)
            .thenComparing(b -> b.batch().root().toHex()));
    for (SettledBatchStore.Stored b : batches) {
      if (submit(b)) {
        markDone(store, b.batch().root());
      }
    }
    try {
      int pruned = store.prune(SettledBatchStore.KEPT_FOR_PROOFS);
      if (pruned > 0) {
        LOG.info("deleted {} attributed settled batches beyond the newest kept", pruned);
      }
    } catch (IOException e) {
      LOG.warn("cannot prune the settled batches in {}", store.dir(), e);
    }
  }

  /**
   * Marks a finished batch in the store, so that no later start reads it again; remembers it here
   * when the store does not hold it or cannot mark it.
   */
  private void markDone(SettledBatchStore store, Hash root) {
    try {
      if (store.markAttributed(root)) {
        return;
      }
    } catch (IOException e) {
      LOG.warn(
          "cannot mark settled batch {} as attributed; the next start reads it again", root, e);
    }
    finished.add(root);
  }

  /**
   * Submits the attribution of every receipt of a settled batch that has a record here and none on
   * chain, in receipt order. Returns whether nothing is left to retry: the batch is swept or
   * unknown to the chain, or each receipt is on chain, has no record, or met a final refusal.
   */
  private boolean submit(SettledBatchStore.Stored settled) {
    Hash root = settled.batch().root();
    StateSnapshot snap = engine.reader().snapshot();
    if (engine.chain().module(PaymentModule.class).batch(snap, root).isEmpty()) {
      LOG.error("batch {} kept as settled is not settled on this chain; not attributing it", root);
      return true;
    }
    AttributionModule chain = engine.chain().module(AttributionModule.class);
    if (chain.sweepOf(snap, root).isPresent()) {
      return true;
    }
    boolean done = true;
    List<SignedReceipt> receipts = settled.batch().receipts();
    for (int i = 0; i < receipts.size(); i++) {
      SignedReceipt s = receipts.get(i);
      String id = s.receipt().requestId();
      try {
        Optional<AttributionRecord> rec = service.record(id);
        if (rec.isEmpty()) {
          continue;
        }
        if (chain.byRequest(snap, id).stream().anyMatch(a -> a.root().equals(root))) {
          status.putIfAbsent(id, "on chain");
          continue;
        }
        Result<ModelAttribution> m = model(rec.get());
        if (m instanceof Result.Err<ModelAttribution> e) {
          status.put(id, "not submitted (" + e.code() + "): " + e.message());
          continue;
        }
        AttributeInference msg =
            new AttributeInference(
                s, root, settled.batch().proof(i), claim(rec.get(), m.orElseThrow()));
        Sent sent = send(msg, id);
        status.put(id, sent.status());
        done &= sent.isFinal();
      } catch (IOException | RuntimeException e) {
        status.put(id, "failed: " + e.getMessage());
        LOG.error("submitting the attribution of {} failed", id, e);
        done = false;
      }
    }
    return done;
  }

  /**
   * What sending an attribution came to.
   *
   * @param status the request's status line
   * @param isFinal whether the chain decided (committed, or refused by its checks): no retry helps
   */
  private record Sent(String status, boolean isFinal) {}

  /**
   * The on-chain claim of a record: its result hash, input hashes and contributors' units (the
   * largest {@value AttributionClaim#MAX_CONTRIBUTORS} when there are more; the rest stays
   * unallocated), and its flagged rows with their owners and contributions (the first {@value
   * AttributionClaim#MAX_FLAGGED}).
   */
  public static AttributionClaim claim(AttributionRecord rec, ModelAttribution m) {
    AttributionResult r = rec.result();
    AttributionInputs in = r.inputs();
    InputHashes inputs =
        new InputHashes(
            in.request(),
            in.gradientStore(),
            in.rowCatalog(),
            in.spanIndex(),
            in.queryGradient(),
            in.output(),
            in.config());
    List<ContributorShare> shares = new ArrayList<>(r.contributors());
    if (shares.size() > AttributionClaim.MAX_CONTRIBUTORS) {
      shares.sort(
          Comparator.comparingLong(ContributorShare::total)
              .reversed()
              .thenComparing(ContributorShare::contributor));
      shares = new ArrayList<>(shares.subList(0, AttributionClaim.MAX_CONTRIBUTORS));
    }
    shares.sort(Comparator.comparing(ContributorShare::contributor));
    List<ContributorUnits> units =
        shares.stream()
            .filter(c -> c.total() > 0)
            .map(c -> new ContributorUnits(c.contributor(), c.total()))
            .toList();
    List<FlaggedRow> flags = new ArrayList<>();
    for (RowKey k : r.outlierRows()) {
      if (flags.size() == AttributionClaim.MAX_FLAGGED) {
        break;
      }
      Optional<SourceRow> row = m.row(k.rowId());
      row.ifPresent(x -> flags.add(new FlaggedRow(x.rowId(), x.owner(), x.contribution())));
    }
    return new AttributionClaim(r.hash(), inputs, r.scale(), units, flags);
  }

  /**
   * Sends the provider's transaction, retrying while the chain does not take it (e.g. the settler's
   * nonce is pending).
   */
  private Sent send(AttributeInference msg, String requestId) {
    KeyPair key = provider.orElseThrow();
    Genesis g = engine.chain().genesis();
    String last = "not sent";
    for (int attempt = 1; attempt <= SUBMIT_ATTEMPTS; attempt++) {
      long nonce = engine.chain().bank().account(engine.reader().snapshot(), key.address()).nonce();
      SignedTransaction tx =
          new Transaction(g.chainId(), key.publicKey(), nonce, g.params().minFee(), msg).sign(key);
      try {
        Admission a = engine.submit(tx).get(WAIT_SECONDS, TimeUnit.SECONDS);
        if (a instanceof Admission.Refused r) {
          last = "refused by the node (" + r.code() + "): " + r.message();
        } else {
          TxOutcome o = ((Admission.Accepted) a).outcome().get(WAIT_SECONDS, TimeUnit.SECONDS);
          if (o instanceof TxOutcome.Committed c) {
            if (c.receipt().isOk() || c.receipt().code().equals("already_attributed")) {
              LOG.info("attribution of {} committed in block {}", requestId, c.header().height());
              return new Sent("submitted in block " + c.header().height(), true);
            }
            LOG.error(
                "the chain refused the attribution of {} ({}): {}",
                requestId,
                c.receipt().code(),
                c.receipt().message());
            return new Sent(
                "refused by the chain (" + c.receipt().code() + "): " + c.receipt().message(),
                true);
          }
          TxOutcome.Rejected rej = (TxOutcome.Rejected) o;
          last = "not included (" + rej.code() + "): " + rej.message();
        }
      } catch (TimeoutException | ExecutionException e) {
        last = "no answer from the engine: " + e;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return new Sent("interrupted", false);
      }
      try {
        Thread.sleep(100L * attempt);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return new Sent("interrupted", false);
      }
    }
    LOG.error(
        "the attribution of {} was not taken after {} attempts: {}",
        requestId,
        SUBMIT_ATTEMPTS,
        last);
    return new Sent(last, false);
  }

  /**
   * Waits for the work queued so far (e.g. the attributions of the batches settled while serving
   * stopped).
   */
  public void awaitIdle(long timeout, TimeUnit unit) throws InterruptedException {
    java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
    worker.execute(done::countDown);
    done.await(timeout, unit);
  }

  /** Finishes the queued work (the engine must still run), then stops. */
  @Override
  public void close() {
    worker.shutdown();
    try {
      if (!worker.awaitTermination(2 * WAIT_SECONDS, TimeUnit.SECONDS)) {
        LOG.warn(
            "attribution work did not finish in {} s and was stopped: records of settled batches"
                + " not yet on chain are submitted when the node next starts serving (until their"
                + " batch is swept); answers not yet attributed are not",
            2 * WAIT_SECONDS);
        worker.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    service.close();
    pool.close();
  }
}
