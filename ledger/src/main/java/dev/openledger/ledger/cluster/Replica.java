package dev.openledger.ledger.cluster;

import dev.openledger.core.Result;
import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;
import dev.openledger.core.crypto.Hash;
import dev.openledger.core.crypto.KeyPair;
import dev.openledger.core.crypto.PublicKey;
import dev.openledger.core.crypto.Signature;
import dev.openledger.ledger.block.Block;
import dev.openledger.ledger.block.BlockHeader;
import dev.openledger.ledger.engine.Chain;
import dev.openledger.ledger.exec.BlockInput;
import dev.openledger.ledger.exec.ExecutedBlock;
import dev.openledger.ledger.exec.TxExecutionException;
import dev.openledger.ledger.exec.TxResult;
import dev.openledger.ledger.genesis.Genesis;
import dev.openledger.ledger.membership.ClusterSpec;
import dev.openledger.ledger.membership.MembershipModule;
import dev.openledger.ledger.membership.Validator;
import dev.openledger.ledger.membership.ValidatorSet;
import dev.openledger.ledger.store.BlockCommit;
import dev.openledger.ledger.store.LedgerStore.SignedHeader;
import dev.openledger.ledger.store.RocksLedgerStore;
import dev.openledger.ledger.store.StorageException;
import dev.openledger.ledger.tx.SignedTransaction;
import dev.openledger.ledger.tx.VerifiedTransaction;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One validator's copy of the chain and the rules for applying log entries to it. Free of Ratis:
 * the state machine adapter decodes entries and calls {@link #applyProposal} and {@link
 * #applyAttestations} in log order on one thread; the leader's block producer calls {@link
 * #prepare}. The validator set is read from the chain's state (module {@code cluster}) after every
 * block, so a governance change takes effect on every replica from the block after the one that
 * made it.
 *
 * <p>Applying a proposal: an entry at or below the persisted log position is already in the store
 * and is skipped (replay after a crash); a block whose parent is not the head is stale and skipped
 * (two leaders proposed for one height; the first in the log wins); one from a key outside the
 * validator set, or whose header signature fails, is skipped; one holding a transaction that fails
 * the stateless checks is refused and becomes evidence against its signer. Otherwise the replica
 * verifies every transaction, executes the block on its own state and compares the header with the
 * proposal; equal, it stores the block with the log position in one atomic batch and attests the
 * state root; different, it stops applying blocks (halts) and attests what it computed, so the
 * disagreement shows up as evidence on every replica.
 */
final class Replica {
  private static final Logger log = LoggerFactory.getLogger(Replica.class);
  static final String META_APPLIED = "raft/applied";
  static final String META_EVIDENCE = "cluster/evidence";
  static final String META_HALT = "cluster/halted";

  /** Every key that was ever a validator here: who may have signed a stored block. */
  static final String META_PROPOSERS = "cluster/proposers";

  private static final int EVIDENCE_KEPT = 1000;
  private static final int ATTESTATION_WINDOW = 4096;

  /** What the engine does when the replica changes. Called on the applying thread. */
  interface Listener {
    /** A block is durably stored. */
    void blockApplied(BlockCommit commit, List<Proposal.Dropped> dropped);

    /** This validator's attestation of a block it applied (or computed differently), to send. */
    void attest(Attestation a);

    /** The validator set changed. */
    void validatorsChanged(ValidatorSet set);

    /** A snapshot replaced the whole store. */
    void storeReplaced();
  }

  /**
   * A block the leader executed and signed, waiting for its log entry to be applied.
   *
   * @param hash the block hash
   * @param commit what to store
   * @param proposal the log entry
   */
  record Prepared(Hash hash, BlockCommit commit, Proposal proposal) {}

  private final Chain chain;
  private final ClusterSpec spec;
  private final MembershipModule membership;
  private final SwitchableStore store;
  private final KeyPair key;
  private final EvidenceSink sink;
  private final ExecutorService verifyPool;
  private final int verifyThreads;
  private final Listener listener;
  private final Signature genesisSignature;
  private final AtomicReference<Prepared> prepared = new AtomicReference<>();
  private final AttestationBook book;
  private volatile SignedHeader head;
  private volatile ValidatorSet validators;
  private volatile Set<PublicKey> everValidators = Set.of();
  private volatile LogPosition persisted = LogPosition.NONE;
  private volatile String haltReason = "";
  private volatile List<SignedEvidence> evidence = List.of();
  private volatile long snapshotsInstalled;

  Replica(ReplicaDeps deps, Listener listener) {
    this.chain = deps.chain();
    this.spec = deps.spec();
    this.membership = deps.chain().module(MembershipModule.class);
    this.store = deps.store();
    this.key = deps.key();
    this.sink = deps.sink();
    this.verifyPool = deps.verifyPool();
    this.verifyThreads = deps.verifyThreads();
    this.listener = listener;
    this.genesisSignature = deps.genesisSignature();
    this.book = new AttestationBook(chain.genesis().chainId(), ATTESTATION_WINDOW);
  }

  /**
   * What a replica is built from.
   *
   * @param chain the chain's rules, with the {@code cluster} module
   * @param spec the genesis validators
   * @param store the replica's store
   * @param key this validator's key
   * @param genesisSignature the genesis sequencer's signature over block 0
   * @param sink where evidence goes besides the store
   * @param verifyPool workers checking transaction signatures of followers' blocks
   * @param verifyThreads how many of them
   */
  record ReplicaDeps(
      Chain chain,
      ClusterSpec spec,
      SwitchableStore store,
      KeyPair key,
      Signature genesisSignature,
      EvidenceSink sink,
      ExecutorService verifyPool,
      int verifyThreads) {}

  /**
   * Commits block 0 when the store is empty and loads the head, validators, log position and
   * evidence.
   */
  void open() {
    Genesis genesis = chain.genesis();
    if (store.height() < 0) {
      ExecutedBlock g = chain.executor().executeGenesis(genesis, store.state(), store.nodes());
      if (!genesis.sequencer().verify(g.header().signingBytes(), genesisSignature)) {
        throw new IllegalArgumentException(
            "the block 0 signature is not the genesis sequencer's (" + genesis.sequencer() + ")");
      }
      store.commit(g.toCommit(genesisSignature));
    }
    SignedHeader zero =
        store.header(0).orElseThrow(() -> new IllegalStateException("the store has no block 0"));
    if (!zero.header().prevHash().equals(genesis.hash())) {
      throw new IllegalArgumentException(
          "the store holds a chain made from genesis "
              + zero.header().prevHash()
              + ", not from this genesis "
              + genesis.hash());
    }
    reload();
  }

  private void reload() {
    long h = store.height();
    head =
        store
            .header(h)
            .orElseThrow(() -> new IllegalStateException("no header at the stored height " + h));
    persisted =
        store
            .meta(META_APPLIED)
            .map(b -> decodeOr(() -> LogPosition.decode(b), "log position"))
            .orElse(LogPosition.NONE);
    validators = stateValidators();
    evidence = store.meta(META_EVIDENCE).map(this::decodeEvidence).orElse(List.of());
    Set<PublicKey> ever = new LinkedHashSet<>();
    spec.validators().members().forEach(v -> ever.add(v.key()));
    store
        .meta(META_PROPOSERS)
        .ifPresent(b -> ever.addAll(decodeOr(() -> decodeKeys(b), "former validators")));
    validators.members().forEach(v -> ever.add(v.key()));
    everValidators = Set.copyOf(ever);
    haltReason =
        store
            .meta(META_HALT)
            .map(b -> new String(b, java.nio.charset.StandardCharsets.UTF_8))
            .orElse("");
  }

  // ---- applying entries (one thread, log order) ----

  ApplyOutcome applyProposal(LogPosition pos, Proposal p) {
    if (pos.index() <= persisted.index()) {
      return new ApplyOutcome("already_applied", "entry " + pos + " is already in the store");
    }
    Block b = p.block();
    BlockHeader h = b.header();
    SignedHeader parent = head;
    if (!haltReason.isEmpty()) {
      return new ApplyOutcome("halted", haltReason);
    }
    if (h.height() != parent.header().height() + 1
        || !h.prevHash().equals(parent.header().hash())) {
      return skipped(
          "stale",
          "block "
              + h.height()
              + " does not follow the head "
              + parent.header().height()
              + " ("
              + parent.header().hash().shortHex()
              + ")");
    }
    if (!validators.contains(h.proposer())) {
      return skipped(
          "not_validator",
          "block " + h.height() + " is proposed by " + h.proposer() + ", not a validator");
    }
    if (!h.verifySignature(b.signature())) {
      return skipped("bad_signature", "block " + h.height() + "'s signature does not verify");
    }
    Prepared own = prepared.get();
    BlockCommit commit;
    if (own != null && own.hash().equals(h.hash())) {
      commit = own.commit();
    } else {
      Result<BlockCommit> checked = verifyAndExecute(parent, b);
      if (checked instanceof Result.Err<BlockCommit> err) {
        return new ApplyOutcome(err.code(), err.message());
      }
      commit = checked.orElseThrow();
    }
    ValidatorSet after = validatorsAfter(commit);
    boolean setChanged = after.version() != validators.version();
    Map<String, byte[]> meta = new java.util.HashMap<>();
    meta.put(META_APPLIED, pos.encode());
    if (setChanged) {
      switchTo(after, meta);
    }
    store.commit(commit, meta);
    persisted = pos;
    head = new SignedHeader(h, b.signature());
    if (setChanged) {
      log.info(
          "validator set is now version {} after block {}: {}",
          after.version(),
          h.height(),
          after.members().stream().map(Validator::id).toList());
      listener.validatorsChanged(after);
    }
    listener.blockApplied(commit, p.dropped());
    listener.attest(Attestation.sign(key, h));
    return ApplyOutcome.applied("block " + h.height() + " stored");
  }

  /**
   * Publishes {@code next} before the block that made it is stored (whoever sees the new height
   * sees the new set) and adds its new keys to the past proposers, written in {@code meta} with the
   * block.
   */
  private void switchTo(ValidatorSet next, Map<String, byte[]> meta) {
    Set<PublicKey> ever = new LinkedHashSet<>(everValidators);
    next.members().forEach(v -> ever.add(v.key()));
    if (!ever.equals(everValidators)) {
      meta.put(META_PROPOSERS, encodeKeys(ever));
      everValidators = Set.copyOf(ever);
    }
    validators = next;
  }

  /**
   * The validator set the chain's state holds once {@code commit} is stored: the block's own write
   * of it when a governance change altered it, else the current one. Read before the block is
   * stored, so the new set, the block and the keys ever allowed to propose are written and
   * published together.
   */
  private ValidatorSet validatorsAfter(BlockCommit commit) {
    return membership.written(commit.changes()).orElse(validators);
  }

  private ValidatorSet stateValidators() {
    return membership.validators(store.state()).orElseThrow(Replica::noSet);
  }

  private static IllegalStateException noSet() {
    return new IllegalStateException(
        "the chain's state holds no validator set (module "
            + MembershipModule.NAMESPACE.name()
            + "); its genesis must have a cluster section");
  }

  /** A follower's checks and re-execution of another validator's block. */
  private Result<BlockCommit> verifyAndExecute(SignedHeader parent, Block b) {
    BlockHeader h = b.header();
    List<VerifiedTransaction> txs = verifyAll(b);
    if (txs == null) {
      return Result.err(
          "invalid",
          "block "
              + h.height()
              + " holds a transaction failing the stateless checks; refused, evidence recorded");
    }
    if (!h.chainId().equals(chain.genesis().chainId())
        || h.timeMillis() < parent.header().timeMillis()) {
      return Result.err(
          "invalid", "block " + h.height() + " is for another chain or older than its parent");
    }
    ExecutedBlock exec;
    try {
      exec =
          chain
              .executor()
              .execute(
                  new BlockInput(parent.header(), h.timeMillis(), h.proposer(), txs),
                  store.state(),
                  store.nodes());
    } catch (TxExecutionException e) {
      halt(
          "executing block "
              + h.height()
              + " threw on transaction "
              + e.txHash()
              + " (a bug in this node): "
              + e.getCause());
      log.error("block {} cannot be executed here", h.height(), e);
      return Result.err("diverged", haltReason);
    }
    if (!exec.dropped().isEmpty() || !exec.header().equals(h)) {
      halt(
          "block "
              + h.height()
              + " executes here to state root "
              + exec.header().stateRoot()
              + " (header "
              + exec.header().hash().shortHex()
              + "), the proposal says "
              + h.stateRoot()
              + " (header "
              + h.hash().shortHex()
              + ")");
      log.error("DIVERGENCE: {}", haltReason);
      listener.attest(Attestation.sign(key, exec.header()));
      return Result.err("diverged", haltReason);
    }
    return Result.ok(exec.toCommit(b.signature()));
  }

  /** The block's transactions verified in parallel, or null (evidence recorded) when one fails. */
  private List<VerifiedTransaction> verifyAll(Block b) {
    List<SignedTransaction> txs = b.txs();
    int n = txs.size();
    VerifiedTransaction[] out = new VerifiedTransaction[n];
    int[] failed = {-1};
    String[] why = {""};
    int parts = Math.max(1, Math.min(verifyThreads, n / 64));
    List<Future<?>> futures = new ArrayList<>(parts);
    for (int p = 0; p < parts; p++) {
      int from = (int) ((long) n * p / parts);
      int to = (int) ((long) n * (p + 1) / parts);
      futures.add(
          verifyPool.submit(
              () -> {
                for (int i = from; i < to; i++) {
                  Result<VerifiedTransaction> v = chain.verifier().verify(txs.get(i));
                  if (v instanceof Result.Err<VerifiedTransaction> err) {
                    synchronized (failed) {
                      if (failed[0] < 0 || i < failed[0]) {
                        failed[0] = i;
                        why[0] = err.code() + ": " + err.message();
                      }
                    }
                    return;
                  }
                  out[i] = v.orElseThrow();
                }
              }));
    }
    for (Future<?> f : futures) {
      try {
        f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted verifying block " + b.height(), e);
      } catch (ExecutionException e) {
        throw new IllegalStateException("verifying block " + b.height() + " failed", e.getCause());
      }
    }
    if (failed[0] >= 0) {
      record(new Evidence.InvalidProposal(b, failed[0], why[0]));
      return null;
    }
    return List.of(out);
  }

  void applyAttestations(AttestationBatch batch) {
    for (Attestation a : batch.attestations()) {
      for (Evidence e : book.add(a, validators)) {
        record(e);
      }
    }
  }

  private ApplyOutcome skipped(String code, String message) {
    log.debug("proposal skipped: {}", message);
    return new ApplyOutcome(code, message);
  }

  private void halt(String reason) {
    haltReason = reason;
    store.putMeta(Map.of(META_HALT, reason.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }

  /** Signs, keeps and hands on evidence found while applying (idempotent per evidence hash). */
  private void record(Evidence e) {
    Hash hash = e.hash();
    for (SignedEvidence known : evidence) {
      if (known.hash().equals(hash)) {
        return;
      }
    }
    SignedEvidence signed = SignedEvidence.sign(e, key, chain.genesis().chainId());
    List<SignedEvidence> next = new ArrayList<>(evidence);
    next.add(signed);
    if (next.size() > EVIDENCE_KEPT) {
      next.remove(0);
    }
    store.putMeta(Map.of(META_EVIDENCE, encodeEvidence(next)));
    evidence = List.copyOf(next);
    log.warn(
        "EVIDENCE {} against validator {} at height {}: {}",
        e.kind(),
        validators.byKey(e.offender()).map(Validator::id).orElse(e.offender().toString()),
        e.height(),
        hash);
    sink.accept(signed);
  }

  // ---- the leader's side ----

  /**
   * Executes the next block on the head and signs it; the result is remembered so that applying its
   * log entry stores it without executing it again.
   *
   * @throws TxExecutionException when a module throws on one of the transactions
   */
  Prepared prepare(List<VerifiedTransaction> txs, long nowMillis) {
    SignedHeader parent = head;
    long time = Math.max(nowMillis, parent.header().timeMillis());
    ExecutedBlock exec =
        chain
            .executor()
            .execute(
                new BlockInput(parent.header(), time, key.publicKey(), txs),
                store.state(),
                store.nodes());
    BlockCommit commit = exec.toCommit(key.sign(exec.header().signingBytes()));
    List<Proposal.Dropped> dropped = new ArrayList<>(exec.dropped().size());
    for (TxResult.Dropped d : exec.dropped()) {
      dropped.add(new Proposal.Dropped(d.hash(), d.code(), d.message()));
    }
    Prepared p = new Prepared(exec.header().hash(), commit, new Proposal(commit.block(), dropped));
    prepared.set(p);
    return p;
  }

  void forgetPrepared() {
    prepared.set(null);
  }

  // ---- snapshots ----

  /** Writes a checkpoint of the store into {@code target}; returns the log position it holds. */
  LogPosition checkpoint(Path target) {
    LogPosition at = persisted;
    store.withCurrent(
        db -> {
          db.checkpoint(target);
          return null;
        });
    return at;
  }

  /**
   * Replaces the store with a snapshot's database: table files are hard-linked (immutable), the
   * others copied, so the snapshot stays intact while the store changes.
   */
  void restore(Path snapshotDir) {
    store.swap(
        old -> {
          Path dir = old.dir();
          old.close();
          try {
            CheckpointStorage.deleteTree(dir);
            Files.createDirectories(dir);
            for (Path f : CheckpointStorage.databaseFiles(snapshotDir)) {
              Path target = dir.resolve(snapshotDir.relativize(f).toString());
              Files.createDirectories(target.getParent());
              if (f.getFileName().toString().endsWith(".sst")) {
                try {
                  Files.createLink(target, f);
                  continue;
                } catch (IOException | UnsupportedOperationException e) {
                  // A hard link needs one file system that supports links; a copy works anywhere.
                  log.debug("cannot hard-link {} ({}); copying it instead", f, e.toString());
                }
              }
              Files.copy(f, target);
            }
          } catch (IOException e) {
            throw new UncheckedIOException(
                "installing snapshot " + snapshotDir + " into " + dir + " failed", e);
          }
          return RocksLedgerStore.open(dir, true);
        });
    reload();
    snapshotsInstalled++;
    log.info(
        "installed snapshot {}: height {}, log position {}",
        snapshotDir.getFileName(),
        head.header().height(),
        persisted);
    listener.storeReplaced();
  }

  // ---- reads ----

  /** The flat state after the head. */
  dev.openledger.ledger.state.StateReader storeState() {
    return store.state();
  }

  SignedHeader head() {
    return head;
  }

  ValidatorSet validators() {
    return validators;
  }

  /**
   * Every key that was ever a validator here (genesis and later additions): who may have signed a
   * stored block.
   */
  Set<PublicKey> everValidators() {
    return everValidators;
  }

  LogPosition persisted() {
    return persisted;
  }

  Optional<String> haltReason() {
    return haltReason.isEmpty() ? Optional.empty() : Optional.of(haltReason);
  }

  List<SignedEvidence> evidence() {
    return evidence;
  }

  long attestedHeight() {
    return book.attestedHeight();
  }

  long snapshotsInstalled() {
    return snapshotsInstalled;
  }

  // ---- encodings ----

  private static byte[] encodeKeys(Set<PublicKey> keys) {
    CanonicalWriter w = new CanonicalWriter(8 + keys.size() * 33);
    w.varint(keys.size());
    keys.forEach(w::publicKey);
    return w.toByteArray();
  }

  private static Set<PublicKey> decodeKeys(byte[] bytes) throws DecodeException {
    CanonicalReader r = new CanonicalReader(bytes);
    int n = (int) r.varint("key count", bytes.length / 32);
    Set<PublicKey> out = new LinkedHashSet<>();
    for (int i = 0; i < n; i++) {
      out.add(r.publicKey("key"));
    }
    r.finish();
    return out;
  }

  private static byte[] encodeEvidence(List<SignedEvidence> list) {
    CanonicalWriter w = new CanonicalWriter(1024);
    w.varint(list.size());
    for (SignedEvidence e : list) {
      w.bytes(e.encode());
    }
    return w.toByteArray();
  }

  private List<SignedEvidence> decodeEvidence(byte[] bytes) {
    return decodeOr(
        () -> {
          CanonicalReader r = new CanonicalReader(bytes);
          int n = (int) r.varint("evidence count", EVIDENCE_KEPT);
          List<SignedEvidence> out = new ArrayList<>(n);
          for (int i = 0; i < n; i++) {
            out.add(SignedEvidence.decode(r.bytes("evidence", Integer.MAX_VALUE)));
          }
          r.finish();
          return List.copyOf(out);
        },
        "evidence list");
  }

  private interface Decoder<T> {
    T decode() throws DecodeException;
  }

  private <T> T decodeOr(Decoder<T> d, String what) {
    try {
      return d.decode();
    } catch (DecodeException e) {
      throw new StorageException("the stored " + what + " is corrupt: " + e.getMessage(), e);
    }
  }
}
