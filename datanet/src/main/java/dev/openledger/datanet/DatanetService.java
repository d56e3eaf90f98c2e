package dev.openledger.datanet;

import com.fasterxml.jackson.databind.ObjectWriter;
import dev.openledger.core.Result;
import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import dev.openledger.core.json.Json;
import dev.openledger.datanet.blob.BlobStore;
import dev.openledger.datanet.blob.FileBlobStore;
import dev.openledger.datanet.blob.GcReport;
import dev.openledger.datanet.dedup.DedupIndex;
import dev.openledger.datanet.leaderboard.ContributionOutcome;
import dev.openledger.datanet.leaderboard.Leaderboard;
import dev.openledger.datanet.leaderboard.LeaderboardEntry;
import dev.openledger.datanet.store.ContributionRecord;
import dev.openledger.datanet.store.ContributionState;
import dev.openledger.datanet.store.DatanetRecord;
import dev.openledger.datanet.store.DatanetStore;
import dev.openledger.datanet.store.RowRecord;
import dev.openledger.datanet.store.StoreTx;
import dev.openledger.datanet.store.VersionRecord;
import dev.openledger.datanet.text.TextNormalizer;
import dev.openledger.datanet.validate.CorpusStats;
import dev.openledger.datanet.validate.Reason;
import dev.openledger.datanet.validate.Rejection;
import dev.openledger.datanet.validate.StageResult;
import dev.openledger.datanet.validate.UsageSnapshot;
import dev.openledger.datanet.validate.ValidationParams;
import dev.openledger.datanet.version.InclusionProof;
import dev.openledger.datanet.version.MerkleTree;
import dev.openledger.datanet.version.VersionLeaf;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The off-chain datanet service the node calls. Each method mirrors a step of the on-chain flow:
 *
 * <ol>
 *   <li>{@link #createDatanet} when a CreateDatanet transaction commits;
 *   <li>{@link #ingest} when a user uploads a file: validates it and, if it passes, stores the blob
 *       durably and stages the contribution; the node then sends SubmitContribution with the
 *       result's values;
 *   <li>{@link #register} when SubmitContribution commits: the rows now own their content;
 *   <li>{@link #accept} / {@link #reject} when ReviewContribution commits;
 *   <li>{@link #previewVersion} before PublishVersion (its root goes in the message), {@link
 *       #buildVersion} when PublishVersion commits; {@link #export} and {@link #proof} serve the
 *       published version;
 *   <li>{@link #collectGarbage} with the set of blobs the chain references.
 * </ol>
 *
 * Everything persists under one data directory ({@code blobs/} and {@code index/}). Methods are
 * synchronised: one writer at a time, so claims and statistics never race. Expected failures come
 * back as {@link Result} errors with stable codes; I/O failures are thrown.
 */
public final class DatanetService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DatanetService.class);

  private final BlobStore blobs;
  private final DatanetStore store;
  private final IngestPipeline pipeline;
  private final Clock clock;
  private final Map<Hash, CorpusStats> statsCache = new HashMap<>();
  private final Map<String, MerkleTree> treeCache = new HashMap<>();

  private DatanetService(
      BlobStore blobs, DatanetStore store, ValidationParams params, Clock clock) {
    this.blobs = blobs;
    this.store = store;
    this.pipeline = new IngestPipeline(params);
    this.clock = clock;
  }

  /** Opens (creating if needed) the service's state under {@code dataDir}. */
  public static DatanetService open(Path dataDir, ValidationParams params, Clock clock)
      throws IOException {
    FileBlobStore blobs = FileBlobStore.open(dataDir.resolve("blobs"), clock);
    DatanetStore store = DatanetStore.open(dataDir.resolve("index"));
    return new DatanetService(blobs, store, params, clock);
  }

  /** Records a datanet created on chain. Idempotent for the same spec. */
  public synchronized Result<DatanetRecord> createDatanet(DatanetSpec spec) throws IOException {
    Optional<DatanetRecord> existing = store.datanet(spec.id());
    if (existing.isPresent()) {
      DatanetRecord d = existing.get();
      return d.owner().equals(spec.owner()) && d.name().equals(spec.name())
          ? Result.ok(d)
          : Result.err(
              "datanet_exists",
              "datanet " + spec.id() + " already exists with another owner or name");
    }
    DatanetRecord record =
        new DatanetRecord(
            spec.id(),
            spec.owner(),
            spec.name(),
            spec.summary() + "\n" + spec.description(),
            spec.tags(),
            0);
    CorpusStats stats = new CorpusStats();
    Set<String> words =
        stats.add(TextNormalizer.words(TextNormalizer.dedupKey(spec.purposeText())));
    try (StoreTx tx = store.begin()) {
      tx.putDatanet(record);
      tx.putTerms(spec.id(), stats, words);
      tx.commit();
    }
    statsCache.put(spec.id(), stats);
    return Result.ok(record);
  }

  public Optional<DatanetRecord> datanet(Hash id) throws IOException {
    return store.datanet(id);
  }

  /**
   * Validates a file and, if at least one row passes, stores its blob durably (before returning)
   * and stages the contribution. A rejected file leaves nothing behind.
   *
   * @param usage what the chain says the submitter and the datanet have contributed today
   */
  public synchronized IngestResult ingest(
      Hash datanetId, Address submitter, String fileName, byte[] bytes, UsageSnapshot usage)
      throws IOException {
    Optional<DatanetRecord> datanet = store.datanet(datanetId);
    if (datanet.isEmpty()) {
      return new IngestResult.Rejected(
          Rejection.of(Reason.UNKNOWN_DATANET, "no datanet " + datanetId + " on this node"),
          List.of());
    }
    IngestPipeline.Context ctx =
        new IngestPipeline.Context(
            datanetId, datanet.get().acceptedRows(), stats(datanetId), store.dedupIndex(datanetId));
    IngestPipeline.Evaluation eval = pipeline.evaluate(ctx, submitter, fileName, bytes, usage);
    if (!(eval.result() instanceof IngestResult.Staged staged)) {
      return eval.result();
    }
    Optional<ContributionRecord> existing = store.contribution(staged.contributionId());
    if (existing.isPresent() && existing.get().state() != ContributionState.STAGED) {
      return new IngestResult.Rejected(
          Rejection.of(
              Reason.ALREADY_SUBMITTED,
              "this file was already submitted to this datanet by "
                  + submitter
                  + " as contribution "
                  + staged.contributionId().toHex()
                  + " ("
                  + existing.get().state().name().toLowerCase(Locale.ROOT)
                  + ")"),
          staged.rows());
    }
    // Durability order: the blob is on disk before any record, let alone a transaction, names it.
    Hash stored = blobs.put(bytes);
    if (!stored.equals(staged.blobHash())) {
      throw new IllegalStateException(
          "blob store returned " + stored + " for content hashing to " + staged.blobHash());
    }
    stage(datanetId, submitter, fileName, staged, eval.rows());
    return staged;
  }

  private void stage(
      Hash datanetId,
      Address submitter,
      String fileName,
      IngestResult.Staged s,
      List<RowRecord> rows)
      throws IOException {
    List<Hash> rowIds = rows.stream().map(RowRecord::rowId).toList();
    ContributionRecord record =
        new ContributionRecord(
            s.contributionId(),
            datanetId,
            submitter,
            s.blobHash(),
            fileName,
            s.type().extension(),
            s.bytes(),
            ContributionState.STAGED,
            clock.millis(),
            s.score(),
            s.rowsTotal(),
            rowIds,
            "");
    try (StoreTx tx = store.begin()) {
      tx.putContribution(record);
      for (RowRecord r : rows) {
        tx.putRow(r);
      }
      tx.commit();
    }
  }

  /**
   * Called once the chain has recorded the contribution's submission: its rows claim their content.
   * Rows that another contribution claimed in the meantime are re-checked and left out. Idempotent.
   */
  public synchronized Result<Registration> register(Hash contributionId) throws IOException {
    Optional<ContributionRecord> found = store.contribution(contributionId);
    if (found.isEmpty()) {
      return Result.err(
          "unknown_contribution", "no staged contribution " + contributionId + " on this node");
    }
    ContributionRecord c = found.get();
    if (c.state() == ContributionState.SUBMITTED || c.state() == ContributionState.ACCEPTED) {
      return Result.ok(new Registration(contributionId, c.rowIds(), List.of()));
    }
    if (c.state() != ContributionState.STAGED) {
      return Result.err(
          "wrong_state", "contribution " + contributionId + " is " + c.state() + ", not staged");
    }
    if (!blobs.contains(c.blobHash())) {
      return Result.err(
          "blob_missing",
          "the blob "
              + c.blobHash()
              + " of contribution "
              + contributionId
              + " is not stored here");
    }
    List<Hash> claimed = new ArrayList<>();
    List<RowDecision> lost = new ArrayList<>();
    try (StoreTx tx = store.begin()) {
      DedupIndex index = tx.dedupIndex(c.datanetId());
      for (Hash rowId : c.rowIds()) {
        RowRecord row = requireRow(rowId);
        StageResult r = pipeline.deduplicator().check(pipeline.fingerprint(row), List.of(index));
        if (r instanceof StageResult.Reject rej) {
          lost.add(new RowDecision(row.ordinal(), rowId, 0, Optional.of(rej.rejection())));
          tx.deleteRow(rowId);
        } else {
          tx.claim(row);
          claimed.add(rowId);
        }
      }
      tx.putContribution(c.with(ContributionState.SUBMITTED, claimed, ""));
      tx.commit();
    }
    if (!lost.isEmpty()) {
      LOG.info(
          "contribution {} lost {} rows to earlier registrations",
          contributionId.shortHex(),
          lost.size());
    }
    return Result.ok(new Registration(contributionId, claimed, lost));
  }

  /**
   * Whether {@code text} (one row) copies content already claimed in the datanet: the pointer to
   * the original if so. Read-only; the same exact and near-duplicate test that ingestion applies.
   */
  public synchronized Optional<Rejection> findCopy(Hash datanetId, String text) throws IOException {
    StageResult r =
        pipeline.duplicateCheck(TextNormalizer.clean(text), store.dedupIndex(datanetId));
    return r instanceof StageResult.Reject rej ? Optional.of(rej.rejection()) : Optional.empty();
  }

  /**
   * Review approval (ReviewContribution committed): the rows join the corpus and can enter
   * versions.
   */
  public synchronized Result<ContributionRecord> accept(Hash contributionId, String note)
      throws IOException {
    Result<ContributionRecord> sub = submitted(contributionId);
    if (!(sub instanceof Result.Ok<ContributionRecord> ok)) {
      return sub;
    }
    ContributionRecord c = ok.value();
    DatanetRecord d =
        store
            .datanet(c.datanetId())
            .orElseThrow(
                () ->
                    new IllegalStateException("contribution of unknown datanet " + c.datanetId()));
    CorpusStats stats = stats(c.datanetId());
    Set<String> touched = new HashSet<>();
    ContributionRecord accepted = c.with(ContributionState.ACCEPTED, c.rowIds(), note);
    try (StoreTx tx = store.begin()) {
      for (Hash rowId : c.rowIds()) {
        touched.addAll(
            stats.add(TextNormalizer.words(TextNormalizer.dedupKey(requireRow(rowId).text()))));
      }
      tx.putTerms(c.datanetId(), stats, touched);
      tx.putDatanet(d.withAcceptedRows(d.acceptedRows() + c.rowIds().size()));
      tx.putContribution(accepted);
      tx.commit();
    } catch (IOException | RuntimeException e) {
      statsCache.remove(
          c.datanetId()); // the in-memory counts ran ahead of the store; reload next time
      throw e;
    }
    return Result.ok(accepted);
  }

  /** Review refusal (ReviewContribution committed): the rows release their content. */
  public synchronized Result<ContributionRecord> reject(Hash contributionId, String note)
      throws IOException {
    Result<ContributionRecord> sub = submitted(contributionId);
    if (!(sub instanceof Result.Ok<ContributionRecord> ok)) {
      return sub;
    }
    ContributionRecord rejected =
        ok.value().with(ContributionState.REJECTED, ok.value().rowIds(), note);
    try (StoreTx tx = store.begin()) {
      for (Hash rowId : ok.value().rowIds()) {
        tx.release(requireRow(rowId));
      }
      tx.putContribution(rejected);
      tx.commit();
    }
    return Result.ok(rejected);
  }

  private Result<ContributionRecord> submitted(Hash contributionId) throws IOException {
    Optional<ContributionRecord> c = store.contribution(contributionId);
    if (c.isEmpty()) {
      return Result.err(
          "unknown_contribution", "no contribution " + contributionId + " on this node");
    }
    if (c.get().state() != ContributionState.SUBMITTED) {
      return Result.err(
          "wrong_state",
          "contribution "
              + contributionId
              + " is "
              + c.get().state()
              + "; only a submitted contribution can be reviewed");
    }
    return Result.ok(c.get());
  }

  /**
   * Builds version {@code version} of a datanet from accepted contributions (the PublishVersion
   * message's list) and stores it. Rebuilding with the same contributions returns the stored
   * version.
   */
  public synchronized Result<VersionRecord> buildVersion(
      Hash datanetId, int version, List<Hash> contributionIds) throws IOException {
    if (version < 1) {
      return Result.err("bad_version", "versions are numbered from 1");
    }
    if (new HashSet<>(contributionIds).size() != contributionIds.size()) {
      return Result.err("duplicate_contribution", "a contribution is listed twice");
    }
    Optional<VersionRecord> existing = store.version(datanetId, version);
    if (existing.isPresent()) {
      return existing.get().contributionIds().equals(contributionIds)
          ? Result.ok(existing.get())
          : Result.err(
              "version_exists",
              "version "
                  + version
                  + " of datanet "
                  + datanetId
                  + " was built from other contributions");
    }
    Result<List<VersionLeaf>> found = leaves(datanetId, contributionIds);
    if (found instanceof Result.Err<List<VersionLeaf>> err) {
      return Result.err(err.code(), err.message());
    }
    List<VersionLeaf> leaves = found.orElseThrow();
    MerkleTree tree = MerkleTree.build(leaves);
    VersionRecord record =
        new VersionRecord(
            datanetId,
            version,
            tree.root(),
            contributionIds,
            leaves.stream().map(VersionLeaf::rowId).toList());
    try (StoreTx tx = store.begin()) {
      tx.putVersion(record);
      tx.commit();
    }
    treeCache.put(treeKey(datanetId, version), tree);
    return Result.ok(record);
  }

  /**
   * The root and row count that {@link #buildVersion} would give these contributions, without
   * storing anything: what the owner puts in PublishVersion before the chain has it.
   */
  public synchronized Result<VersionPreview> previewVersion(
      Hash datanetId, List<Hash> contributionIds) throws IOException {
    if (new HashSet<>(contributionIds).size() != contributionIds.size()) {
      return Result.err("duplicate_contribution", "a contribution is listed twice");
    }
    return leaves(datanetId, contributionIds)
        .map(leaves -> new VersionPreview(MerkleTree.build(leaves).root(), leaves.size()));
  }

  /** The leaves of the listed accepted contributions, sorted by row id. */
  private Result<List<VersionLeaf>> leaves(Hash datanetId, List<Hash> contributionIds)
      throws IOException {
    List<VersionLeaf> leaves = new ArrayList<>();
    for (Hash id : contributionIds) {
      Optional<ContributionRecord> c = store.contribution(id);
      if (c.isEmpty() || !c.get().datanetId().equals(datanetId)) {
        return Result.err(
            "unknown_contribution",
            "contribution " + id + " does not belong to datanet " + datanetId);
      }
      if (c.get().state() != ContributionState.ACCEPTED) {
        return Result.err(
            "not_accepted",
            "contribution "
                + id
                + " is "
                + c.get().state()
                + "; versions contain accepted contributions only");
      }
      for (Hash rowId : c.get().rowIds()) {
        RowRecord r = requireRow(rowId);
        leaves.add(new VersionLeaf(r.rowId(), r.owner(), r.textHash()));
      }
    }
    if (leaves.isEmpty()) {
      return Result.err("empty_version", "the listed contributions have no rows");
    }
    leaves.sort(Comparator.comparing(VersionLeaf::rowId));
    return Result.ok(leaves);
  }

  public Optional<VersionRecord> version(Hash datanetId, int version) throws IOException {
    return store.version(datanetId, version);
  }

  public List<Integer> versions(Hash datanetId) {
    return store.versions(datanetId);
  }

  /**
   * Writes version {@code version} as JSONL, one {@link ExportRow} per line in leaf order: the
   * input ModelFactory trains on. Returns the number of rows written.
   */
  public Result<Long> export(Hash datanetId, int version, OutputStream out) throws IOException {
    Optional<VersionRecord> v = store.version(datanetId, version);
    if (v.isEmpty()) {
      return Result.err("unknown_version", "datanet " + datanetId + " has no version " + version);
    }
    ObjectWriter writer = Json.mapper().writerFor(ExportRow.class);
    long n = 0;
    for (Hash rowId : v.get().rowIds()) {
      RowRecord r = requireRow(rowId);
      ExportRow line =
          new ExportRow((int) n, r.rowId(), r.owner(), r.contributionId(), r.textHash(), r.text());
      out.write(writer.writeValueAsBytes(line));
      out.write('\n');
      n++;
    }
    out.flush();
    return Result.ok(n);
  }

  /** The inclusion proof of a row in a version. */
  public synchronized Result<InclusionProof> proof(Hash datanetId, int version, Hash rowId)
      throws IOException {
    Optional<MerkleTree> tree = tree(datanetId, version);
    if (tree.isEmpty()) {
      return Result.err("unknown_version", "datanet " + datanetId + " has no version " + version);
    }
    Optional<Integer> index = tree.get().indexOf(rowId);
    if (index.isEmpty()) {
      return Result.err("unknown_row", "row " + rowId + " is not in version " + version);
    }
    return Result.ok(tree.get().proof(index.get()));
  }

  private Optional<MerkleTree> tree(Hash datanetId, int version) throws IOException {
    String key = treeKey(datanetId, version);
    MerkleTree cached = treeCache.get(key);
    if (cached != null) {
      return Optional.of(cached);
    }
    Optional<VersionRecord> v = store.version(datanetId, version);
    if (v.isEmpty()) {
      return Optional.empty();
    }
    List<VersionLeaf> leaves = new ArrayList<>(v.get().rowIds().size());
    for (Hash rowId : v.get().rowIds()) {
      RowRecord r = requireRow(rowId);
      leaves.add(new VersionLeaf(r.rowId(), r.owner(), r.textHash()));
    }
    MerkleTree tree = MerkleTree.build(leaves);
    if (!tree.root().equals(v.get().root())) {
      throw new IOException(
          "stored rows of version "
              + version
              + " of datanet "
              + datanetId
              + " no longer match its root");
    }
    treeCache.put(key, tree);
    return Optional.of(tree);
  }

  /**
   * The datanet's leaderboard from this node's contribution records (staged ones are not on chain
   * yet).
   */
  public List<LeaderboardEntry> leaderboard(Hash datanetId) throws IOException {
    List<ContributionOutcome> outcomes = new ArrayList<>();
    for (ContributionRecord c : store.contributions(datanetId)) {
      ContributionOutcome.Status status =
          switch (c.state()) {
            case STAGED -> null;
            case SUBMITTED -> ContributionOutcome.Status.PENDING;
            case ACCEPTED -> ContributionOutcome.Status.ACCEPTED;
            case REJECTED -> ContributionOutcome.Status.REJECTED;
          };
      if (status != null) {
        int accepted = status == ContributionOutcome.Status.ACCEPTED ? c.rowIds().size() : 0;
        outcomes.add(
            new ContributionOutcome(c.submitter(), c.id(), status, c.rowsTotal(), accepted));
      }
    }
    return Leaderboard.compute(outcomes);
  }

  public Optional<ContributionRecord> contribution(Hash id) throws IOException {
    return store.contribution(id);
  }

  public List<ContributionRecord> contributions(Hash datanetId) throws IOException {
    return store.contributions(datanetId);
  }

  /** The text and metadata of a stored row. */
  public Optional<RowRecord> row(Hash rowId) throws IOException {
    return store.row(rowId);
  }

  /** The original bytes of a contribution, verified against their hash. */
  public Optional<byte[]> blob(Hash blobHash) throws IOException {
    return blobs.get(blobHash);
  }

  /**
   * Removes what the chain does not reference: staged contributions (and their rows) whose blob is
   * not in {@code referencedBlobs} and that are older than {@code grace}, then every blob that
   * neither the chain nor a remaining contribution names and that is older than {@code grace}.
   */
  public synchronized GcResult collectGarbage(Set<Hash> referencedBlobs, Duration grace)
      throws IOException {
    long cutoff = clock.millis() - grace.toMillis();
    Set<Hash> live = new HashSet<>(referencedBlobs);
    List<Hash> removed = new ArrayList<>();
    for (ContributionRecord c : store.allContributions()) {
      boolean orphan =
          c.state() == ContributionState.STAGED
              && !referencedBlobs.contains(c.blobHash())
              && c.stagedAtMillis() <= cutoff;
      if (!orphan) {
        live.add(c.blobHash());
        continue;
      }
      try (StoreTx tx = store.begin()) {
        for (Hash rowId : c.rowIds()) {
          tx.deleteRow(rowId);
        }
        tx.deleteContribution(c);
        tx.commit();
      }
      removed.add(c.id());
    }
    GcReport report = blobs.collectGarbage(live, grace);
    if (!removed.isEmpty()) {
      LOG.info("GC removed {} staged contributions that never reached the chain", removed.size());
    }
    return new GcResult(removed, report);
  }

  private CorpusStats stats(Hash datanetId) {
    return statsCache.computeIfAbsent(datanetId, store::loadStats);
  }

  private RowRecord requireRow(Hash rowId) throws IOException {
    return store
        .row(rowId)
        .orElseThrow(() -> new IOException("row " + rowId + " is referenced but not stored"));
  }

  private static String treeKey(Hash datanetId, int version) {
    return datanetId.toHex() + "/" + version;
  }

  @Override
  public synchronized void close() {
    store.close();
  }
}
