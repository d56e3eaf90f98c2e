package dev.openledger.datanet.dedup;

import dev.openledger.datanet.validate.DuplicateOf;
import dev.openledger.datanet.validate.Reason;
import dev.openledger.datanet.validate.Rejection;
import dev.openledger.datanet.validate.StageResult;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The duplicate stage: exact match on the dedup hash first, then LSH candidates verified by exact
 * Jaccard ≥ threshold. Indexes are consulted in the order given (the datanet's claims before the
 * file's own earlier rows), so the pointer names the earliest owner.
 */
public final class Deduplicator {
  private final double threshold;

  public Deduplicator(double jaccardThreshold) {
    this.threshold = jaccardThreshold;
  }

  public StageResult check(RowFingerprint fp, List<? extends DedupIndex> indexes)
      throws IOException {
    for (DedupIndex index : indexes) {
      Optional<RowClaim> same = index.exact(fp.dedupHash());
      if (same.isPresent()) {
        RowClaim c = same.get();
        return new StageResult.Reject(
            Rejection.duplicate(
                Reason.DUPLICATE,
                "the same text (ignoring case, spacing and punctuation) was first submitted by "
                    + c.owner()
                    + " in contribution "
                    + c.contributionId().toHex()
                    + " (row "
                    + c.rowId().toHex()
                    + ")",
                new DuplicateOf(c.rowId(), c.contributionId(), c.owner(), 1.0)));
      }
    }
    for (DedupIndex index : indexes) {
      Optional<StageResult> near = nearest(fp, index.candidates(fp.bandKeys()));
      if (near.isPresent()) {
        return near.get();
      }
    }
    return StageResult.PASS;
  }

  private Optional<StageResult> nearest(RowFingerprint fp, List<RowClaim> candidates) {
    RowClaim best = null;
    double bestJ = -1;
    for (RowClaim c : candidates) {
      double j = Shingles.jaccard(fp.shingles(), c.shingles());
      if (j > bestJ || (j == bestJ && best != null && c.rowId().compareTo(best.rowId()) < 0)) {
        best = c;
        bestJ = j;
      }
    }
    if (best == null || bestJ < threshold) {
      return Optional.empty();
    }
    return Optional.of(
        new StageResult.Reject(
            Rejection.duplicate(
                Reason.NEAR_DUPLICATE,
                String.format(
                    Locale.ROOT,
                    "%.0f%% of the row's word shingles match a row first submitted by %s in contribution %s (row %s); the threshold is %.0f%%",
                    100 * bestJ,
                    best.owner(),
                    best.contributionId().toHex(),
                    best.rowId().toHex(),
                    100 * threshold),
                new DuplicateOf(best.rowId(), best.contributionId(), best.owner(), bestJ))));
  }
}
