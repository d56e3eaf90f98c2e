package dev.openledger.ledger.cluster;

import dev.openledger.core.Result;
import dev.openledger.core.codec.DecodeException;
import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import dev.openledger.core.crypto.Signature;
import dev.openledger.ledger.bank.Account;
import dev.openledger.ledger.block.Receipt;
import dev.openledger.ledger.engine.Admission;
import dev.openledger.ledger.engine.Chain;
import dev.openledger.ledger.engine.ChainReader;
import dev.openledger.ledger.engine.CommittedBlock;
import dev.openledger.ledger.engine.CommittedTx;
import dev.openledger.ledger.engine.EngineMetrics;
import dev.openledger.ledger.engine.LedgerEngine;
import dev.openledger.ledger.engine.Mempool;
import dev.openledger.ledger.engine.TxOutcome;
import dev.openledger.ledger.engine.TxStatus;
import dev.openledger.ledger.membership.ClusterSpec;
import dev.openledger.ledger.membership.MembershipModule;
import dev.openledger.ledger.membership.Validator;
import dev.openledger.ledger.membership.ValidatorSet;
import dev.openledger.ledger.store.BlockCommit;
import dev.openledger.ledger.store.RocksLedgerStore;
import dev.openledger.ledger.store.TxLocation;
import dev.openledger.ledger.tx.Rejection;
import dev.openledger.ledger.tx.SignedTransaction;
import dev.openledger.ledger.tx.VerifiedTransaction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.apache.ratis.proto.RaftProtos.RaftConfigurationProto;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ledger on a group of validators that replicate an Apache Ratis (Raft) log. The leader builds each
 * block from its mempool, signs it and appends it to the log; every validator, the leader included, applies
 * committed entries in log order to its own RocksDB store ({@link Replica}), so all replicas hold the same
 * blocks and state roots. Any node accepts transactions: a follower keeps them and forwards them to the
 * leader until a block holds them. Each validator signs the state root it computed for every block; the
 * attestations go through the log too, so divergence is seen by every replica and recorded as evidence.
 *
 * <p>Survives the crash of a minority of validators (Raft's guarantee): a transaction whose outcome future
 * completed is in a block stored by a majority, and every later leader's log holds it. The engine owns its
 * store (a snapshot may replace it): close the engine, not the store.
 */
public final class RatisEngine implements LedgerEngine {
  private static final Logger log = LoggerFactory.getLogger(RatisEngine.class);
  /** The largest log entry a proposal may become (transactions beyond it wait for the next block). */
  public static final int MAX_ENTRY_BYTES = 3 << 20;
  private static final int RECENT_REJECTIONS = 10_000;

  private final Chain chain;
  private final ClusterConfig config;
  private final ClusterSpec spec;
  private final SwitchableStore store;
  private final ChainReader reader;
  private final Mempool mempool;
  private final ExecutorService verifiers;
  private final ExecutorService notifier;
  private final ScheduledExecutorService maintenance;
  private final Replica replica;
  private final Attester attester;
  private final Optional<SlashReporter> reporter;
  private final List<Consumer<CommittedBlock>> listeners = new CopyOnWriteArrayList<>();
  private final Map<Hash, TxStatus.Rejected> recentRejections =
      new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Hash, TxStatus.Rejected> eldest) {
          return size() > RECENT_REJECTIONS;
        }
      };
  private final AtomicLong txsCommitted = new AtomicLong();
  private final AtomicLong txsFailed = new AtomicLong();
  private final AtomicLong txsDropped = new AtomicLong();
  private final Map<String, LongAdder> refused = new ConcurrentHashMap<>();
  private final AtomicBoolean reconciling = new AtomicBoolean();
  private final List<Thread> threads = new ArrayList<>();
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile LedgerStateMachine stateMachine;
  private volatile RaftNode raft;
  private volatile BlockProducer producer;
  private volatile Forwarder forwarder;
  private volatile boolean running = true;

  private RatisEngine(Chain chain, ClusterConfig config, ClusterSpec spec, Signature genesisSignature, ClusterOptions options) {
    this.chain = chain;
    this.config = config;
    this.spec = spec;
    this.store = new SwitchableStore(RocksLedgerStore.open(config.ledgerDir(), true));
    this.reader = new ChainReader(store);
    this.mempool = new Mempool(options.mempool());
    AtomicInteger n = new AtomicInteger();
    this.verifiers = Executors.newFixedThreadPool(options.verifierThreads(), r -> daemon(r, "cluster-verify-" + n.incrementAndGet()));
    this.notifier = Executors.newSingleThreadExecutor(r -> daemon(r, "cluster-notify"));
    this.maintenance = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "cluster-maintenance"));
    this.attester = new Attester(bytes -> requireRaft().submitBlocking(bytes), options.attestEvery());
    this.reporter = options.slashing().enabled() ? SlashReporter.stakingOf(chain).map(staking -> new SlashReporter(
        new SlashReporter.Deps(chain, reader, config.key(), this::validators, this::submit, maintenance, options.clockMillis(), options.slashing().stagger()), staking))
        : Optional.empty();
    EvidenceSink extra = options.evidenceSink();
    EvidenceSink sink = e -> {
      reporter.ifPresent(r -> r.accept(e));
      extra.accept(e);
    };
    Replica.ReplicaDeps deps = new Replica.ReplicaDeps(chain, spec, store, config.key(), genesisSignature, sink, verifiers, options.verifierThreads());
    this.replica = new Replica(deps, new ReplicaEvents());
  }

  /**
   * Opens the store in {@code config.ledgerDir()} (committing block 0 when it is empty), starts the Raft
   * server (replaying its log, or installing the leader's snapshot) and the block, forwarding and
   * attestation loops.
   *
   * @param chain the chain, with the {@code cluster} module; its genesis must have a {@code modules.cluster}
   *     section
   * @param genesisSignature the genesis sequencer's signature over block 0 (every replica stores the same block 0)
   * @throws IllegalArgumentException when the genesis has no cluster section, the key is not the one the
   *     validator set names for this node, or the store holds another chain
   */
  public static RatisEngine start(Chain chain, ClusterConfig config, Signature genesisSignature, ClusterOptions options) {
    ClusterSpec spec = ClusterSpec.of(chain.genesis()).orElseThrow();
    if (chain.machine().modules().stream().noneMatch(MembershipModule.class::isInstance)) {
      throw new IllegalArgumentException("a replicated chain needs the cluster module (MembershipModule), which holds its validator set");
    }
    RatisEngine engine = new RatisEngine(chain, config, spec, genesisSignature, options);
    try {
      engine.replica.open();
      engine.checkKey();
      engine.stateMachine = new LedgerStateMachine(engine.replica, engine.new Hooks());
      engine.raft = RaftNode.start(config, chain.genesis().hash(), engine.stateMachine, options);
      engine.producer = new BlockProducer(engine.raft, engine.replica, engine.mempool, chain, config.key().publicKey(), options.clockMillis(), engine::rejectEntries);
      engine.forwarder = new Forwarder(engine.raft, engine.mempool, engine.reader, engine::rejectEntries);
      engine.startThread(engine.producer, "cluster-producer");
      engine.startThread(engine.forwarder, "cluster-forwarder");
      engine.startThread(engine.attester, "cluster-attester");
      engine.maintenance.scheduleWithFixedDelay(engine::reconcileMembership, 1, 1, TimeUnit.SECONDS);
      log.info("validator {} started on {} (chain {}, height {})", config.selfId(), config.selfAddress(), chain.genesis().chainId(), engine.reader.height());
      return engine;
    } catch (RuntimeException e) {
      engine.close();
      throw e;
    }
  }

  /**
   * The genesis sequencer's signature over block 0 of {@code chain}: what every replica stores with its block
   * 0. Computed wherever the sequencer key is (Ed25519 signatures are deterministic, so all agree).
   */
  public static Signature signGenesis(Chain chain, dev.openledger.core.crypto.KeyPair sequencer) {
    dev.openledger.ledger.store.InMemoryLedgerStore scratch = new dev.openledger.ledger.store.InMemoryLedgerStore();
    var g = chain.executor().executeGenesis(chain.genesis(), scratch.state(), scratch.nodes());
    return sequencer.sign(g.header().signingBytes());
  }

  private void checkKey() {
    Optional<Validator> me = replica.validators().byId(config.selfId());
    if (me.isPresent() && !me.get().key().equals(config.key().publicKey())) {
      throw new IllegalArgumentException(
          "validator " + config.selfId() + " signs with " + me.get().key() + " in the validator set, but this node's key is " + config.key().publicKey());
    }
    if (me.isEmpty() && !config.joining()) {
      log.warn("{} is not in the validator set (version {}); it replicates the log but proposes nothing", config.selfId(), replica.validators().version());
    }
  }

  private void startThread(Runnable r, String name) {
    Thread t = daemon(r, name + "-" + config.selfId());
    threads.add(t);
    t.start();
  }

  private RaftNode requireRaft() {
    RaftNode r = raft;
    if (r == null) {
      throw new IllegalStateException("the Raft server is not started yet");
    }
    return r;
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

  /**
   * Checks and admits a transaction (on any validator). A transaction already in a block is accepted with
   * its outcome already complete, so a client may resubmit after a failover without double-applying.
   */
  @Override
  public CompletableFuture<Admission> submit(SignedTransaction tx) {
    Objects.requireNonNull(tx, "tx");
    if (!running) {
      return CompletableFuture.completedFuture(refuse(Rejection.UNAVAILABLE.code(), "the engine is stopped"));
    }
    try {
      return CompletableFuture.supplyAsync(() -> admit(tx), verifiers);
    } catch (RejectedExecutionException e) {
      return CompletableFuture.completedFuture(refuse(Rejection.UNAVAILABLE.code(), "the engine is stopped"));
    }
  }

  private Admission admit(SignedTransaction tx) {
    Optional<CommittedTx> done = reader.tx(tx.hash());
    if (done.isPresent()) {
      CommittedTx c = done.get();
      return new Admission.Accepted(tx.hash(), CompletableFuture.completedFuture(new TxOutcome.Committed(c.location(), c.receipt(), c.header())));
    }
    Result<VerifiedTransaction> verified = chain.verifier().verify(tx);
    if (verified instanceof Result.Err<VerifiedTransaction> err) {
      return refuse(err.code(), err.message());
    }
    Account account = chain.bank().account(replica.storeState(), tx.sender());
    Result<Mempool.Entry> added = mempool.add(verified.orElseThrow(), account);
    if (added instanceof Result.Err<Mempool.Entry> err) {
      return refuse(err.code(), err.message());
    }
    pokeLoops();
    return new Admission.Accepted(tx.hash(), added.orElseThrow().outcome());
  }

  private void pokeLoops() {
    BlockProducer p = producer;
    Forwarder f = forwarder;
    if (p != null) {
      p.poke();
    }
    if (f != null) {
      f.poke();
    }
  }

  private Admission refuse(String code, String message) {
    refused.computeIfAbsent(code, c -> new LongAdder()).increment();
    return new Admission.Refused(code, message);
  }

  /** The leader's answer to a batch of forwarded transactions. */
  private CompletableFuture<Message> admitForwarded(List<SignedTransaction> txs) {
    List<CompletableFuture<Forwarding.Answer>> answers = new ArrayList<>(txs.size());
    for (SignedTransaction tx : txs) {
      answers.add(CompletableFuture.supplyAsync(() -> answer(tx), verifiers));
    }
    return CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).thenApply(v -> {
      List<Forwarding.Answer> out = new ArrayList<>(answers.size());
      for (CompletableFuture<Forwarding.Answer> a : answers) {
        out.add(a.join());
      }
      return Message.valueOf(ByteString.copyFrom(Forwarding.encodeReply(out)));
    });
  }

  private Forwarding.Answer answer(SignedTransaction tx) {
    Admission a = admit(tx);
    if (a instanceof Admission.Refused r) {
      return new Forwarding.Refused(r.code(), r.message());
    }
    Optional<CommittedTx> done = reader.tx(tx.hash());
    return done.isPresent() ? new Forwarding.Committed(done.get().location().height()) : new Forwarding.Accepted();
  }

  // ---- what applying the log does here ----

  /** After a block is stored: settle its transactions' futures, drop stale pending ones, tell subscribers. */
  private void settle(BlockCommit commit, List<Proposal.Dropped> dropped) {
    List<SignedTransaction> txs = commit.block().txs();
    List<Hash> included = new ArrayList<>(txs.size());
    Set<Address> senders = new LinkedHashSet<>();
    for (SignedTransaction tx : txs) {
      included.add(tx.hash());
      senders.add(tx.sender());
    }
    Map<Hash, Mempool.Entry> mine = new HashMap<>();
    for (Mempool.Entry e : mempool.remove(included)) {
      mine.put(e.tx().hash(), e);
    }
    Map<Hash, Proposal.Dropped> droppedByHash = new HashMap<>();
    for (Proposal.Dropped d : dropped) {
      droppedByHash.put(d.hash(), d);
    }
    List<Mempool.Entry> droppedEntries = mempool.remove(new ArrayList<>(droppedByHash.keySet()));
    List<Mempool.Entry> stale = mempool.pruneStale(senders, a -> chain.bank().account(replica.storeState(), a).nonce());
    List<Receipt> receipts = commit.results().receipts();
    txsCommitted.addAndGet(receipts.size());
    txsFailed.addAndGet(receipts.stream().filter(r -> !r.isOk()).count());
    long height = commit.block().height();
    CommittedBlock cb = new CommittedBlock(commit.block(), commit.results());
    notify(() -> {
      for (int i = 0; i < receipts.size(); i++) {
        Mempool.Entry e = mine.get(included.get(i));
        if (e != null) {
          e.outcome().complete(new TxOutcome.Committed(new TxLocation(height, i), receipts.get(i), commit.block().header()));
        }
      }
      for (Mempool.Entry e : droppedEntries) {
        Proposal.Dropped d = droppedByHash.get(e.tx().hash());
        reject(e, d.code(), d.message());
      }
      for (Mempool.Entry e : stale) {
        reject(e, Rejection.BAD_NONCE.code(), "its nonce was used by another transaction");
      }
      for (Consumer<CommittedBlock> l : listeners) {
        try {
          l.accept(cb);
        } catch (RuntimeException ex) {
          log.error("a block subscriber failed on block {}", height, ex);
        }
      }
    });
    txsDropped.addAndGet(droppedEntries.size() + stale.size());
  }

  /** After a snapshot replaced the store: settle what it already holds and drop what it made stale. */
  private void afterSnapshot() {
    List<Hash> committed = new ArrayList<>();
    Set<Address> senders = new LinkedHashSet<>();
    for (Mempool.Entry e : mempool.entries()) {
      senders.add(e.tx().sender());
      if (reader.tx(e.tx().hash()).isPresent()) {
        committed.add(e.tx().hash());
      }
    }
    List<Mempool.Entry> done = mempool.remove(committed);
    List<Mempool.Entry> stale = mempool.pruneStale(senders, a -> chain.bank().account(replica.storeState(), a).nonce());
    notify(() -> {
      for (Mempool.Entry e : done) {
        CommittedTx c = reader.tx(e.tx().hash()).orElseThrow();
        e.outcome().complete(new TxOutcome.Committed(c.location(), c.receipt(), c.header()));
      }
      for (Mempool.Entry e : stale) {
        reject(e, Rejection.BAD_NONCE.code(), "its nonce was used by another transaction");
      }
    });
  }

  private void rejectEntries(List<Mempool.Entry> entries, String code, String message) {
    if (entries.isEmpty()) {
      return;
    }
    txsDropped.addAndGet(entries.size());
    notify(() -> entries.forEach(e -> reject(e, code, message)));
  }

  private void reject(Mempool.Entry e, String code, String message) {
    synchronized (recentRejections) {
      recentRejections.put(e.tx().hash(), new TxStatus.Rejected(code, message));
    }
    e.outcome().complete(new TxOutcome.Rejected(code, message));
  }

  private void notify(Runnable r) {
    try {
      notifier.execute(r);
    } catch (RejectedExecutionException e) {
      r.run();
    }
  }

  // ---- membership ----

  /** On the leader: makes Raft's group hold exactly the validator set (adds first, removes after). */
  private void reconcileMembership() {
    RaftNode r = raft;
    if (r == null || !running || !r.isLeaderReady() || !r.configurationStable() || !reconciling.compareAndSet(false, true)) {
      return;
    }
    try {
      Map<String, String> current = r.currentPeers();
      ValidatorSet set = replica.validators();
      Map<String, String> desired = new LinkedHashMap<>();
      for (Validator v : set.members()) {
        String address = current.containsKey(v.id()) ? current.get(v.id()) : v.address().isEmpty() ? config.peers().get(v.id()) : v.address();
        if (address == null) {
          log.warn("validator {} has no known Raft address; it cannot join the group", v.id());
          return;
        }
        desired.put(v.id(), address);
      }
      if (desired.keySet().equals(current.keySet())) {
        return;
      }
      log.info("changing the Raft group from {} to {}", current.keySet(), desired.keySet());
      var reply = r.setConfiguration(desired);
      log.info("Raft group change {}: {}", reply.isSuccess() ? "done" : "failed", reply.isSuccess() ? desired.keySet() : reply.getException());
    } catch (java.io.IOException | RuntimeException e) {
      log.warn("changing the Raft group failed; retrying: {}", e.toString());
    } finally {
      reconciling.set(false);
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
    BlockProducer p = producer;
    return new EngineMetrics(
        reader.height(), mempool.size(), p == null ? 0 : p.blocksProduced(), txsCommitted.get(), txsFailed.get(), txsDropped.get(), byCode,
        p == null ? 0 : p.lastBlockMillis());
  }

  /** Role, leader, indices, peers, attested height and whether this replica halted. */
  public ClusterStatus clusterStatus() {
    RaftNode r = raft;
    ValidatorSet set = replica.validators();
    Map<String, String> group = r == null ? Map.of() : r.currentPeers();
    Map<String, Long> commits = r == null ? Map.of() : r.commitInfos();
    Map<String, String> all = new LinkedHashMap<>(group);
    for (Validator v : set.members()) {
      all.putIfAbsent(v.id(), v.address().isEmpty() ? config.peers().getOrDefault(v.id(), "") : v.address());
    }
    List<ClusterStatus.Peer> peers = new ArrayList<>();
    all.forEach((id, address) -> peers.add(new ClusterStatus.Peer(id, address, set.byId(id).isPresent(), commits.getOrDefault(id, -1L))));
    LedgerStateMachine sm = stateMachine;
    long snapshot = sm == null || sm.getLatestSnapshot() == null ? -1 : sm.getLatestSnapshot().getIndex();
    return new ClusterStatus(
        config.selfId(), r == null ? "STOPPED" : running ? r.role() : "STOPPED", r == null ? Optional.empty() : r.leaderId(), r == null ? 0 : r.term(),
        r == null ? -1 : r.appliedIndex(), r == null ? -1 : r.commitIndex(), snapshot, r == null ? -1 : r.logStartIndex(), reader.height(),
        replica.attestedHeight(), peers, set.version(), replica.snapshotsInstalled(), replica.haltReason(), replica.evidence().size());
  }

  /**
   * Replays this replica's whole chain from genesis through the block executor and checks every header,
   * signature (by a key that was a validator) and receipt; what an auditor or a test runs.
   */
  public Result<dev.openledger.ledger.engine.ChainVerifier.Report> verifyChain() {
    java.util.Set<dev.openledger.core.crypto.PublicKey> keys = replica.everValidators();
    return dev.openledger.ledger.engine.ChainVerifier.verify(store, chain, keys::contains);
  }

  /** The evidence this validator recorded, oldest first. */
  public List<SignedEvidence> evidence() {
    return replica.evidence();
  }

  /** The validator set as of the latest stored block (the chain's state). */
  public ValidatorSet validators() {
    return replica.validators();
  }

  /** The genesis validators. */
  public ClusterSpec spec() {
    return spec;
  }

  /**
   * What this validator did towards slashing with the evidence {@code hash} (see {@link SlashReport}); empty
   * when it holds no such evidence or recorded it before this process started.
   */
  public Optional<SlashReport> slashReport(Hash hash) {
    if (reporter.isEmpty()) {
      return replica.evidence().stream().anyMatch(e -> e.hash().equals(hash))
          ? Optional.of(new SlashReport("disabled", "slash reporting is off or the chain has no staking module"))
          : Optional.empty();
    }
    return reporter.get().report(hash);
  }

  public String selfId() {
    return config.selfId();
  }

  /** Appends any entry through the leader: for tests that play a faulty validator. */
  ApplyOutcome submitEntry(ClusterEntry entry) throws java.io.IOException {
    return requireRaft().submitBlocking(entry.encode());
  }

  /** True while this node leads the group. */
  public boolean isLeader() {
    RaftNode r = raft;
    return r != null && r.isLeader();
  }

  @Override
  public boolean isRunning() {
    return running && replica.haltReason().isEmpty();
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    running = false;
    BlockProducer p = producer;
    Forwarder f = forwarder;
    if (p != null) {
      p.stop();
    }
    if (f != null) {
      f.stop();
    }
    attester.stop();
    maintenance.shutdownNow();
    for (Thread t : threads) {
      t.interrupt();
      try {
        t.join(TimeUnit.SECONDS.toMillis(10));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    threads.clear();
    try {
      RaftNode r = raft;
      raft = null;
      if (r != null) {
        r.close();
      }
    } finally {
      verifiers.shutdown();
      for (Mempool.Entry e : mempool.clear()) {
        reject(e, Rejection.UNAVAILABLE.code(), "the engine stopped before the transaction was included");
      }
      notifier.shutdown();
      try {
        notifier.awaitTermination(10, TimeUnit.SECONDS);
        verifiers.awaitTermination(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      store.close();
      log.info("validator {} stopped at height {}", config.selfId(), replica.head().header().height());
    }
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  /** The replica's events, on the applying thread. */
  private final class ReplicaEvents implements Replica.Listener {
    @Override
    public void blockApplied(BlockCommit commit, List<Proposal.Dropped> dropped) {
      settle(commit, dropped);
    }

    @Override
    public void attest(Attestation a) {
      attester.add(a);
    }

    @Override
    public void validatorsChanged(ValidatorSet set) {
      try {
        maintenance.execute(RatisEngine.this::reconcileMembership);
      } catch (RejectedExecutionException e) {
        log.debug("not reconciling membership: the engine is stopping");
      }
    }

    @Override
    public void storeReplaced() {
      afterSnapshot();
    }
  }

  /** What Ratis asks of and tells the engine. */
  private final class Hooks implements LedgerStateMachine.Hooks {
    @Override
    public CompletableFuture<Message> query(Message request) {
      try {
        List<SignedTransaction> txs = Forwarding.decodeRequest(request.getContent().toByteArray());
        return admitForwarded(txs);
      } catch (DecodeException e) {
        return CompletableFuture.failedFuture(new IllegalArgumentException("not a request this node answers: " + e.getMessage()));
      }
    }

    @Override
    public void leaderChanged(RaftPeerId leaderId) {
      log.info("{}: the leader is now {}", config.selfId(), leaderId);
      Forwarder f = forwarder;
      if (f != null) {
        f.leaderChanged();
      }
      pokeLoops();
    }

    @Override
    public void configurationChanged(RaftConfigurationProto conf) {
      log.info("{}: Raft group changed ({} peers)", config.selfId(), conf.getPeersCount());
    }
  }
}
