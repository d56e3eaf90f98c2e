package dev.openledger.datanet;

import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import dev.openledger.datanet.dedup.DedupIndex;
import dev.openledger.datanet.dedup.Deduplicator;
import dev.openledger.datanet.dedup.Fingerprinter;
import dev.openledger.datanet.dedup.MemoryDedupIndex;
import dev.openledger.datanet.dedup.RowFingerprint;
import dev.openledger.datanet.ingest.Extraction;
import dev.openledger.datanet.ingest.Extractor;
import dev.openledger.datanet.ingest.FileType;
import dev.openledger.datanet.ingest.RowSplitter;
import dev.openledger.datanet.ingest.TypeDetector;
import dev.openledger.datanet.store.RowRecord;
import dev.openledger.datanet.text.TextNormalizer;
import dev.openledger.datanet.validate.Checked;
import dev.openledger.datanet.validate.CorpusStats;
import dev.openledger.datanet.validate.LimitsStage;
import dev.openledger.datanet.validate.Reason;
import dev.openledger.datanet.validate.Rejection;
import dev.openledger.datanet.validate.RelevanceStage;
import dev.openledger.datanet.validate.RowShapeStage;
import dev.openledger.datanet.validate.SpamStage;
import dev.openledger.datanet.validate.StageResult;
import dev.openledger.datanet.validate.UsageSnapshot;
import dev.openledger.datanet.validate.ValidationParams;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The validation recipe for one file; pure apart from reading the duplicate index. File stages
 * first (limits, type, encoding and extraction, row count), then for every row, cheapest first:
 * shape, duplicate (exact, then near; against the datanet, then the file's earlier rows), spam,
 * relevance.
 *
 * <p>Scores: a row's quality is {@code spam grade × (0.5 + 0.5 × relevance grade)}; the
 * contribution's score is {@code accepted rows / rows × mean quality of accepted rows}.
 */
final class IngestPipeline {
  private final ValidationParams params;
  private final LimitsStage limits;
  private final RowShapeStage shape;
  private final RowSplitter splitter;
  private final Fingerprinter fingerprinter;
  private final Deduplicator deduplicator;
  private final java.util.Map<Hash, CachedRelevance> relevanceCache = new java.util.HashMap<>();

  IngestPipeline(ValidationParams params) {
    this.params = params;
    this.limits = new LimitsStage(params.limits());
    this.shape = new RowShapeStage(params.rows());
    this.splitter = new RowSplitter(params.rows());
    ValidationParams.Dedup d = params.dedup();
    this.fingerprinter = new Fingerprinter(d.shingleSize(), d.bands(), d.rowsPerBand());
    this.deduplicator = new Deduplicator(d.jaccardThreshold());
  }

  /** A file's evaluation: the result to report and, when staged, the rows to store. */
  record Evaluation(IngestResult result, List<RowRecord> rows) {}

  /** What the pipeline reads about the datanet. */
  record Context(Hash datanetId, long acceptedRows, CorpusStats stats, DedupIndex claims) {}

  Evaluation evaluate(
      Context ctx, Address submitter, String fileName, byte[] bytes, UsageSnapshot usage)
      throws IOException {
    StageResult lim = limits.check(bytes.length, usage);
    if (lim instanceof StageResult.Reject r) {
      return rejected(r.rejection(), List.of());
    }
    Checked<FileType> type = TypeDetector.detect(fileName, bytes);
    if (type instanceof Checked.Rejected<FileType> r) {
      return rejected(r.rejection(), List.of());
    }
    FileType ft = ((Checked.Ok<FileType>) type).value();
    Checked<Extraction> extraction = Extractor.forType(ft).extract(bytes);
    if (extraction instanceof Checked.Rejected<Extraction> r) {
      return rejected(r.rejection(), List.of());
    }
    List<String> texts = splitter.rows(((Checked.Ok<Extraction>) extraction).value());
    if (texts.size() > params.limits().maxRowsPerFile()) {
      return rejected(
          Rejection.of(
              Reason.TOO_MANY_ROWS,
              "the file has "
                  + texts.size()
                  + " rows; the limit is "
                  + params.limits().maxRowsPerFile()
                  + " per file"),
          List.of());
    }
    Hash blobHash = Hash.sha256(bytes);
    Hash contributionId = Ids.contribution(ctx.datanetId(), submitter, blobHash);
    return evaluateRows(ctx, submitter, contributionId, blobHash, ft, bytes.length, texts);
  }

  private Evaluation evaluateRows(
      Context ctx,
      Address submitter,
      Hash contributionId,
      Hash blobHash,
      FileType ft,
      long size,
      List<String> texts)
      throws IOException {
    SpamStage spam = new SpamStage(params.spam(), ctx.stats());
    RelevanceStage relevance = relevanceFor(ctx);
    MemoryDedupIndex inFile = new MemoryDedupIndex();
    List<DedupIndex> indexes = List.of(ctx.claims(), inFile);
    List<RowDecision> decisions = new ArrayList<>(texts.size());
    List<RowRecord> accepted = new ArrayList<>();
    double qualitySum = 0;
    for (int i = 0; i < texts.size(); i++) {
      String text = texts.get(i);
      String key = TextNormalizer.dedupKey(text);
      List<String> words = TextNormalizer.words(key);
      RowFingerprint fp = fingerprinter.fingerprint(key, words);
      Hash rowId = Ids.row(contributionId, fp.dedupHash());
      double[] quality = {1.0};
      Optional<Rejection> rejection =
          firstRejection(text, words, fp, indexes, spam, relevance, quality);
      decisions.add(new RowDecision(i, rowId, rejection.isPresent() ? 0 : quality[0], rejection));
      if (rejection.isEmpty()) {
        RowRecord row =
            new RowRecord(
                rowId,
                contributionId,
                submitter,
                fp.shingles(),
                ctx.datanetId(),
                i,
                textHash(text),
                fp.dedupHash(),
                fp.bandKeys(),
                text);
        inFile.add(fp, row.claim());
        accepted.add(row);
        qualitySum += quality[0];
      }
    }
    if (accepted.isEmpty()) {
      return rejected(
          Rejection.of(
              Reason.NO_ACCEPTED_ROWS,
              "none of the " + texts.size() + " rows was accepted; see the row reasons"),
          decisions);
    }
    double score = (accepted.size() / (double) texts.size()) * (qualitySum / accepted.size());
    IngestResult.Staged staged =
        new IngestResult.Staged(
            contributionId,
            blobHash,
            ft,
            size,
            texts.size(),
            accepted.size(),
            Math.min(1, Math.max(0, score)),
            decisions);
    return new Evaluation(staged, accepted);
  }

  private Optional<Rejection> firstRejection(
      String text,
      List<String> words,
      RowFingerprint fp,
      List<DedupIndex> indexes,
      SpamStage spam,
      RelevanceStage relevance,
      double[] quality)
      throws IOException {
    StageResult r = shape.check(text, words);
    if (r instanceof StageResult.Pass) {
      r = deduplicator.check(fp, indexes);
    }
    double spamGrade = 1;
    if (r instanceof StageResult.Pass) {
      r = spam.check(text, words);
      if (r instanceof StageResult.Pass p) {
        spamGrade = p.score();
      }
    }
    if (r instanceof StageResult.Pass) {
      r = relevance.check(words);
      if (r instanceof StageResult.Pass p) {
        quality[0] = spamGrade * (0.5 + 0.5 * p.score());
      }
    }
    return r instanceof StageResult.Reject rej ? Optional.of(rej.rejection()) : Optional.empty();
  }

  /**
   * The relevance stage for the datanet's current statistics. Building one costs O(vocabulary log
   * vocabulary) (the profile norm), so it is reused until the statistics change.
   */
  private RelevanceStage relevanceFor(Context ctx) {
    CachedRelevance c = relevanceCache.get(ctx.datanetId());
    if (c == null
        || c.stats() != ctx.stats()
        || c.version() != ctx.stats().version()
        || c.acceptedRows() != ctx.acceptedRows()) {
      c =
          new CachedRelevance(
              ctx.stats(),
              ctx.stats().version(),
              ctx.acceptedRows(),
              new RelevanceStage(params.relevance(), ctx.stats(), ctx.acceptedRows()));
      relevanceCache.put(ctx.datanetId(), c);
    }
    return c.stage();
  }

  private record CachedRelevance(
      CorpusStats stats, long version, long acceptedRows, RelevanceStage stage) {}

  /** The duplicate stage alone for one cleaned row against one index. */
  StageResult duplicateCheck(String cleanText, DedupIndex index) throws IOException {
    String key = TextNormalizer.dedupKey(cleanText);
    return deduplicator.check(
        fingerprinter.fingerprint(key, TextNormalizer.words(key)), List.of(index));
  }

  /** The fingerprint of a stored row, for registration re-checks. */
  RowFingerprint fingerprint(RowRecord row) {
    return new RowFingerprint(row.dedupHash(), row.shingles(), row.bandKeys());
  }

  Deduplicator deduplicator() {
    return deduplicator;
  }

  static Hash textHash(String text) {
    return Hash.sha256(text.getBytes(StandardCharsets.UTF_8));
  }

  private static Evaluation rejected(Rejection why, List<RowDecision> rows) {
    return new Evaluation(new IngestResult.Rejected(why, rows), List.of());
  }
}
