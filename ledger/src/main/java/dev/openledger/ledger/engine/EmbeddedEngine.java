package dev.openledger.ledger.engine;

import dev.openledger.core.Result;
import dev.openledger.core.crypto.Hash;
import dev.openledger.core.crypto.KeyPair;
import dev.openledger.core.crypto.Signature;
import dev.openledger.ledger.bank.Account;
import dev.openledger.ledger.block.Receipt;
import dev.openledger.ledger.exec.BlockInput;
import dev.openledger.ledger.exec.ExecutedBlock;
import dev.openledger.ledger.exec.TxExecutionException;
import dev.openledger.ledger.exec.TxResult;
import dev.openledger.ledger.genesis.ChainParams;
import dev.openledger.ledger.genesis.Genesis;
import dev.openledger.ledger.store.BlockCommit;
import dev.openledger.ledger.store.LedgerStore;
import dev.openledger.ledger.store.LedgerStore.SignedHeader;
import dev.openledger.ledger.store.TxLocation;
import dev.openledger.ledger.tx.Rejection;
import dev.openledger.ledger.tx.SignedTransaction;
import dev.openledger.ledger.tx.VerifiedTransaction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single in-process sequencer. Verifier workers check submissions in parallel and admit them to
 * the mempool; one producer thread closes a block every {@code blockTimeMs} (sooner while full
 * blocks are waiting), executes it, signs it and stores it in one atomic, synced write; a notifier
 * thread then completes outcome futures and calls subscribers, so nothing a client sees runs ahead
 * of the disk.
 *
 * <p>The engine does not own its store: close the engine, then the store.
 */
public final class EmbeddedEngine implements LedgerEngine {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedEngine.class);
  private static final int RECENT_REJECTIONS = 10_000;

  private final Chain chain;
  private final LedgerStore store;
  private final ChainReader reader;
  private final KeyPair sequencer;
  private final EngineOptions options;
  private final ChainParams params;
  private final Mempool mempool;
  private final ExecutorService verifiers;
  private final ExecutorService notifier;
  private final Thread producer;
  private final List<Consumer<CommittedBlock>> listeners = new CopyOnWriteArrayList<>();
  private final Object wake = new Object();
  private final Map<Hash, TxStatus.Rejected> recentRejections =
      new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Hash, TxStatus.Rejected> eldest) {
          return size() > RECENT_REJECTIONS;
        }
      };
  private final AtomicLong blocksProduced = new AtomicLong();
  private final AtomicLong txsCommitted = new AtomicLong();
  private final AtomicLong txsFailed = new AtomicLong();
  private final AtomicLong txsDropped = new AtomicLong();
  private final AtomicLong lastBlockMillis = new AtomicLong();
  private final Map<String, LongAdder> refused = new ConcurrentHashMap<>();
  private volatile SignedHeader head;
  private volatile boolean running = true;
  private volatile boolean readyHint;

  private EmbeddedEngine(Chain chain, LedgerStore store, KeyPair sequencer, EngineOptions options) {
    this.chain = chain;
    this.store = store;
    this.reader = new ChainReader(store);
    this.sequencer = sequencer;
    this.options = options;
    this.params = chain.genesis().params();
    this.mempool = new Mempool(options.mempool());
    AtomicInteger n = new AtomicInteger();
    this.verifiers =
        Executors.newFixedThreadPool(
            options.verifierThreads(), r -> daemon(r, "ledger-verify-" + n.incrementAndGet()));
    this.notifier = Executors.newSingleThreadExecutor(r -> daemon(r, "ledger-notify"));
    this.producer = daemon(this::produceLoop, "ledger-producer");
  }

  /**
   * Opens the chain in {@code store} (committing block 0 from genesis when the store is empty) and
   * starts producing blocks.
   *
   * @param sequencer the key named as sequencer in genesis
   * @throws IllegalArgumentException when the key is not the genesis sequencer, or the store holds
   *     a chain made from another genesis
   */
  public static EmbeddedEngine start(
      Chain chain, LedgerStore store, KeyPair sequencer, EngineOptions options) {
    Genesis genesis = chain.genesis();
    if (!sequencer.publicKey().equals(genesis.sequencer())) {
      throw new IllegalArgumentException(
          "key " + sequencer.publicKey() + " is not the genesis sequencer " + genesis.sequencer());
    }
    EmbeddedEngine engine = new EmbeddedEngine(chain, store, sequencer, options);
    engine.openChain();
    engine.producer.start();
    return engine;
  }

  private void openChain() {
    Genesis genesis = chain.genesis();
    if (store.height() < 0) {
      ExecutedBlock g = chain.executor().executeGenesis(genesis, store.state(), store.nodes());
      Signature sig = sequencer.sign(g.header().signingBytes());
      store.commit(g.toCommit(sig));
      log.info(
          "committed genesis of chain {} (state root {})",
          genesis.chainId(),
          g.header().stateRoot().shortHex());
    }
    SignedHeader zero =
        store.header(0).orElseThrow(() -> new IllegalStateException("store has no block 0"));
    if (!zero.header().prevHash().equals(genesis.hash())
        || !zero.header().chainId().equals(genesis.chainId())) {
      throw new IllegalArgumentException(
          "the store holds chain '"
              + zero.header().chainId()
              + "' made from genesis "
              + zero.header().prevHash()
              + ", not from this genesis "
              + genesis.hash()
              + " ('"
              + genesis.chainId()
              + "')");
    }
    head = reader.latestHeader();
    log.info("chain {} open at height {}", genesis.chainId(), head.header().height());
  }

  @Override
  public Chain chain() {
    return chain;
  }

  @Override
  public ChainReader reader() {
    return reader;
  }

  // ---- submission ----

  @Override
  public CompletableFuture<Admission> submit(SignedTransaction tx) {
    Objects.requireNonNull(tx, "tx");
    if (!running) {
      return CompletableFuture.completedFuture(
          refuse(Rejection.UNAVAILABLE.code(), "the engine is stopped"));
    }
    try {
      return CompletableFuture.supplyAsync(() -> admit(tx), verifiers);
    } catch (RejectedExecutionException e) {
      return CompletableFuture.completedFuture(
          refuse(Rejection.UNAVAILABLE.code(), "the engine is stopped"));
    }
  }

  private Admission admit(SignedTransaction tx) {
    Result<VerifiedTransaction> verified = chain.verifier().verify(tx);
    if (verified instanceof Result.Err<VerifiedTransaction> err) {
      return refuse(err.code(), err.message());
    }
    Account account = chain.bank().account(store.state(), tx.sender());
    Result<Mempool.Entry> added = mempool.add(verified.orElseThrow(), account);
    if (added instanceof Result.Err<Mempool.Entry> err) {
      return refuse(err.code(), err.message());
    }
    readyHint = true;
    if (mempool.size() >= params.maxBlockTxs()) {
      synchronized (wake) {
        wake.notifyAll();
      }
    }
    return new Admission.Accepted(tx.hash(), added.orElseThrow().outcome());
  }

  private Admission refuse(String code, String message) {
    refused.computeIfAbsent(code, c -> new LongAdder()).increment();
    return new Admission.Refused(code, message);
  }

  // ---- block production ----

  private void produceLoop() {
    long nextAt = options.clockMillis().getAsLong() + params.blockTimeMs();
    while (running) {
      try {
        waitForNextBlock(nextAt);
        if (!running) {
          return;
        }
        long started = options.clockMillis().getAsLong();
        nextAt = started + params.blockTimeMs();
        produceOne(started);
        lastBlockMillis.set(options.clockMillis().getAsLong() - started);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        log.error(
            "block production stopped: the last block could not be stored or built; restart the node",
            e);
        running = false;
        rejectAllPending("the engine stopped after an error: " + e.getMessage());
        return;
      }
    }
  }

  private void waitForNextBlock(long nextAt) throws InterruptedException {
    synchronized (wake) {
      while (running) {
        long wait = nextAt - options.clockMillis().getAsLong();
        boolean fullBlockWaiting = readyHint && mempool.size() >= params.maxBlockTxs();
        if (wait <= 0 || fullBlockWaiting) {
          return;
        }
        wake.wait(wait);
      }
    }
  }

  private void produceOne(long now) {
    List<Mempool.Entry> stale = new ArrayList<>();
    List<VerifiedTransaction> txs =
        mempool.ready(
            params.maxBlockTxs(), a -> chain.bank().account(store.state(), a).nonce(), stale);
    completeRejected(
        stale, Rejection.BAD_NONCE.code(), "its nonce was used by another transaction");
    if (txs.isEmpty()) {
      readyHint = false;
      if (!params.emptyBlocks()) {
        return;
      }
    }
    SignedHeader parent = head;
    long time = Math.max(now, parent.header().timeMillis());
    ExecutedBlock block;
    try {
      block =
          chain
              .executor()
              .execute(
                  new BlockInput(parent.header(), time, sequencer.publicKey(), txs),
                  store.state(),
                  store.nodes());
    } catch (TxExecutionException e) {
      log.error(
          "transaction {} made a module throw; leaving it out and building the block again",
          e.txHash(),
          e);
      completeRejected(
          mempool.remove(List.of(e.txHash())),
          "internal_error",
          "the node failed applying this transaction (a bug): " + e.getCause());
      return;
    }
    Signature signature = sequencer.sign(block.header().signingBytes());
    BlockCommit commit = block.toCommit(signature);
    store.commit(commit);
    head = new SignedHeader(block.header(), signature);
    blocksProduced.incrementAndGet();
    settle(block, commit);
  }

  /**
   * After the block is stored: take its transactions out of the mempool and complete their futures.
   */
  private void settle(ExecutedBlock block, BlockCommit commit) {
    List<Hash> includedHashes = new ArrayList<>(block.included().size());
    for (VerifiedTransaction tx : block.included()) {
      includedHashes.add(tx.hash());
    }
    Map<Hash, Mempool.Entry> committed = byHash(mempool.remove(includedHashes));
    List<Hash> droppedHashes = new ArrayList<>(block.dropped().size());
    Map<Hash, TxResult.Dropped> dropped = new HashMap<>();
    for (TxResult.Dropped d : block.dropped()) {
      droppedHashes.add(d.hash());
      dropped.put(d.hash(), d);
    }
    Map<Hash, Mempool.Entry> droppedEntries = byHash(mempool.remove(droppedHashes));
    List<Receipt> receipts = block.results().receipts();
    long failed = receipts.stream().filter(r -> !r.isOk()).count();
    txsCommitted.addAndGet(receipts.size());
    txsFailed.addAndGet(failed);
    txsDropped.addAndGet(dropped.size());
    long height = block.header().height();
    notifier.execute(
        () -> {
          for (int i = 0; i < receipts.size(); i++) {
            Mempool.Entry e = committed.get(includedHashes.get(i));
            if (e != null) {
              e.outcome()
                  .complete(
                      new TxOutcome.Committed(
                          new TxLocation(height, i), receipts.get(i), block.header()));
            }
          }
          droppedEntries.forEach(
              (h, e) -> reject(e, dropped.get(h).code(), dropped.get(h).message()));
          CommittedBlock cb = new CommittedBlock(commit.block(), commit.results());
          for (Consumer<CommittedBlock> l : listeners) {
            try {
              l.accept(cb);
            } catch (RuntimeException ex) {
              log.error("a block subscriber failed on block {}", height, ex);
            }
          }
        });
  }

  private static Map<Hash, Mempool.Entry> byHash(List<Mempool.Entry> entries) {
    Map<Hash, Mempool.Entry> m = new HashMap<>();
    for (Mempool.Entry e : entries) {
      m.put(e.tx().hash(), e);
    }
    return m;
  }

  private void completeRejected(List<Mempool.Entry> entries, String code, String message) {
    if (entries.isEmpty()) {
      return;
    }
    txsDropped.addAndGet(entries.size());
    notifier.execute(() -> entries.forEach(e -> reject(e, code, message)));
  }

  private void reject(Mempool.Entry e, String code, String message) {
    synchronized (recentRejections) {
      recentRejections.put(e.tx().hash(), new TxStatus.Rejected(code, message));
    }
    e.outcome().complete(new TxOutcome.Rejected(code, message));
  }

  private void rejectAllPending(String message) {
    for (Mempool.Entry e : mempool.clear()) {
      reject(e, Rejection.UNAVAILABLE.code(), message);
    }
  }

  // ---- reads ----

  @Override
  public Optional<TxStatus> status(Hash txHash) {
    Optional<CommittedTx> c = reader.tx(txHash);
    if (c.isPresent()) {
      return Optional.of(new TxStatus.Committed(c.get()));
    }
    if (mempool.contains(txHash)) {
      return Optional.of(new TxStatus.Pending());
    }
    synchronized (recentRejections) {
      return Optional.ofNullable(recentRejections.get(txHash));
    }
  }

  @Override
  public Subscription subscribe(Consumer<CommittedBlock> listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  @Override
  public EngineMetrics metrics() {
    Map<String, Long> byCode = new HashMap<>();
    refused.forEach((k, v) -> byCode.put(k, v.sum()));
    return new EngineMetrics(
        head.header().height(),
        mempool.size(),
        blocksProduced.get(),
        txsCommitted.get(),
        txsFailed.get(),
        txsDropped.get(),
        byCode,
        lastBlockMillis.get());
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public void close() {
    running = false;
    synchronized (wake) {
      wake.notifyAll();
    }
    try {
      producer.join(TimeUnit.SECONDS.toMillis(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    verifiers.shutdown();
    try {
      verifiers.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    rejectAllPending("the engine stopped before the transaction was included");
    notifier.shutdown();
    try {
      notifier.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    log.info("engine stopped at height {}", head.header().height());
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }
}
