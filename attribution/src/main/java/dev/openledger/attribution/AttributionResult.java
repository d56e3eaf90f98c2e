package dev.openledger.attribution;

import dev.openledger.attribution.grad.RowKey;
import dev.openledger.attribution.score.ScoringMethod;
import dev.openledger.attribution.span.Span;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.crypto.Hash;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * The attribution of one inference: integer shares the settlement pays by, and the evidence behind them.
 * Invariant: {@code Σ contributors.total() + unallocated == scale}; {@code spanPool + gradientPool == scale}.
 *
 * @param inputs hashes of everything it was computed from
 * @param method the gradient-track scorer
 * @param scale units of the whole contributors' pool
 * @param spanPool units routed through the span track ({@code ⌊covered·scale/outputLength⌋})
 * @param gradientPool units routed through the gradient track
 * @param unallocated units nobody earned (no helpful row, or caps that could not be met)
 * @param contributors shares by contributor, in address order, only non-zero ones
 * @param datanets shares by Datanet, in hash order, only non-zero ones
 * @param topRows the highest-scoring rows, best first (ties: lower index)
 * @param spans the span track's spans, by start
 * @param outlierRows rows flagged by self-influence
 * @param copiedRows rows excluded as copies of an earlier owner's document
 * @param duplicateRows rows dropped as later duplicates of the same content
 * @param crossCheck Spearman correlation with the cross-check scorer, when asked for
 */
public record AttributionResult(AttributionInputs inputs, ScoringMethod method, long scale, long spanPool,
    long gradientPool, long unallocated, List<ContributorShare> contributors, List<DatanetShare> datanets,
    List<RowAttribution> topRows, List<Span> spans, List<RowKey> outlierRows, List<RowKey> copiedRows,
    int duplicateRows, OptionalDouble crossCheck) {

  public AttributionResult {
    Objects.requireNonNull(inputs);
    Objects.requireNonNull(method);
    contributors = List.copyOf(contributors);
    datanets = List.copyOf(datanets);
    topRows = List.copyOf(topRows);
    spans = List.copyOf(spans);
    outlierRows = List.copyOf(outlierRows);
    copiedRows = List.copyOf(copiedRows);
    Objects.requireNonNull(crossCheck);
    long total = unallocated;
    for (ContributorShare c : contributors) {
      total += c.total();
    }
    if (total != scale || spanPool + gradientPool != scale) {
      throw new IllegalArgumentException("shares do not add up to the scale " + scale + ": " + total);
    }
  }

  /** The canonical encoding (doubles as IEEE-754 bits): what the settlement hashes. */
  public byte[] encode() {
    CanonicalWriter w = new CanonicalWriter(1024);
    encodeShares(w);
    w.varint(topRows.size());
    for (RowAttribution r : topRows) {
      w.hash(r.row().rowId()).varint(r.row().index()).address(r.contributor()).hash(r.datanet())
          .i64(Double.doubleToLongBits(r.score())).varint(r.units());
    }
    w.varint(spans.size());
    for (Span s : spans) {
      w.varint(s.start()).varint(s.end()).varint(s.occurrences()).i64(Double.doubleToLongBits(s.weight()))
          .varint(s.docIndex()).hash(s.docId()).address(s.owner()).hash(s.datanet());
    }
    encodeKeys(w, outlierRows);
    encodeKeys(w, copiedRows);
    w.varint(duplicateRows);
    w.bool(crossCheck.isPresent());
    if (crossCheck.isPresent()) {
      w.i64(Double.doubleToLongBits(crossCheck.getAsDouble()));
    }
    return w.toByteArray();
  }

  /** The integer part only: inputs, pools and shares (what must match exactly on recomputation). */
  public byte[] encodeSharesOnly() {
    CanonicalWriter w = new CanonicalWriter(512);
    encodeShares(w);
    return w.toByteArray();
  }

  private void encodeShares(CanonicalWriter w) {
    inputs.encode(w);
    w.u8(method.ordinal()).i64(scale).i64(spanPool).i64(gradientPool).i64(unallocated);
    w.varint(contributors.size());
    for (ContributorShare c : contributors) {
      w.address(c.contributor()).i64(c.gradientUnits()).i64(c.spanUnits());
    }
    w.varint(datanets.size());
    for (DatanetShare d : datanets) {
      w.hash(d.datanet()).i64(d.units());
    }
  }

  private static void encodeKeys(CanonicalWriter w, List<RowKey> keys) {
    w.varint(keys.size());
    for (RowKey k : keys) {
      w.hash(k.rowId()).varint(k.index());
    }
  }

  /** SHA-256 of {@link #encode()}. */
  public Hash hash() {
    return Hash.sha256(encode());
  }

  /** The share of {@code contributor} in units (0 when absent). */
  public long unitsOf(dev.openledger.core.crypto.Address contributor) {
    for (ContributorShare c : contributors) {
      if (c.contributor().equals(contributor)) {
        return c.total();
      }
    }
    return 0;
  }
}
