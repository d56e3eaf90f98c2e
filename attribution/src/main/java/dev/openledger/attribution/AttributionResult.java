package dev.openledger.attribution;

import dev.openledger.attribution.grad.RowKey;
import dev.openledger.attribution.score.ScoringMethod;
import dev.openledger.attribution.span.Span;
import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;
import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * The attribution of one inference: integer shares the settlement pays by, and the evidence behind
 * them. Invariant: {@code Σ contributors.total() + unallocated == scale}; {@code spanPool +
 * gradientPool == scale}.
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
public record AttributionResult(
    AttributionInputs inputs,
    ScoringMethod method,
    long scale,
    long spanPool,
    long gradientPool,
    long unallocated,
    List<ContributorShare> contributors,
    List<DatanetShare> datanets,
    List<RowAttribution> topRows,
    List<Span> spans,
    List<RowKey> outlierRows,
    List<RowKey> copiedRows,
    int duplicateRows,
    OptionalDouble crossCheck) {

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
      throw new IllegalArgumentException(
          "shares do not add up to the scale " + scale + ": " + total);
    }
  }

  /** The canonical encoding (doubles as IEEE-754 bits): what the settlement hashes. */
  public byte[] encode() {
    CanonicalWriter w = new CanonicalWriter(1024);
    encodeShares(w);
    w.varint(topRows.size());
    for (RowAttribution r : topRows) {
      w.hash(r.row().rowId())
          .varint(r.row().index())
          .address(r.contributor())
          .hash(r.datanet())
          .i64(Double.doubleToLongBits(r.score()))
          .varint(r.units());
    }
    w.varint(spans.size());
    for (Span s : spans) {
      w.varint(s.start())
          .varint(s.end())
          .varint(s.occurrences())
          .i64(Double.doubleToLongBits(s.weight()))
          .varint(s.docIndex())
          .hash(s.docId())
          .address(s.owner())
          .hash(s.datanet());
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

  /**
   * Reads {@link #encode()}'s output back (a recorded result, for {@link Attributor#verify}).
   *
   * @throws DecodeException if the bytes are not a canonical encoding of a result
   */
  public static AttributionResult decode(byte[] bytes) throws DecodeException {
    CanonicalReader r = new CanonicalReader(bytes);
    AttributionInputs inputs =
        new AttributionInputs(
            r.hash("request"),
            r.hash("gradientStore"),
            r.hash("rowCatalog"),
            r.hash("spanIndex"),
            r.hash("queryGradient"),
            r.hash("output"),
            r.hash("config"));
    int m = r.u8("method");
    if (m >= ScoringMethod.values().length) {
      throw new DecodeException("method: unknown value " + m);
    }
    long scale = r.i64("scale");
    long spanPool = r.i64("spanPool");
    long gradientPool = r.i64("gradientPool");
    long unallocated = r.i64("unallocated");
    int nc = count(r, "contributors");
    List<ContributorShare> contributors = new ArrayList<>(nc);
    for (int i = 0; i < nc; i++) {
      contributors.add(
          new ContributorShare(
              r.address("contributor"), r.i64("gradientUnits"), r.i64("spanUnits")));
    }
    int nd = count(r, "datanets");
    List<DatanetShare> datanets = new ArrayList<>(nd);
    for (int i = 0; i < nd; i++) {
      datanets.add(new DatanetShare(r.hash("datanet"), r.i64("units")));
    }
    int nt = count(r, "topRows");
    List<RowAttribution> top = new ArrayList<>(nt);
    for (int i = 0; i < nt; i++) {
      Hash id = r.hash("rowId");
      int index = (int) r.varint("index", Integer.MAX_VALUE);
      Address contributor = r.address("contributor");
      Hash datanet = r.hash("datanet");
      double score = Double.longBitsToDouble(r.i64("score"));
      top.add(
          new RowAttribution(
              new RowKey(id, index), contributor, datanet, score, r.varint("units")));
    }
    int ns = count(r, "spans");
    List<Span> spans = new ArrayList<>(ns);
    for (int i = 0; i < ns; i++) {
      int start = (int) r.varint("start", Integer.MAX_VALUE);
      int end = (int) r.varint("end", Integer.MAX_VALUE);
      int occurrences = (int) r.varint("occurrences", Integer.MAX_VALUE);
      double weight = Double.longBitsToDouble(r.i64("weight"));
      int doc = (int) r.varint("docIndex", Integer.MAX_VALUE);
      spans.add(
          new Span(
              start,
              end,
              occurrences,
              weight,
              doc,
              r.hash("docId"),
              r.address("owner"),
              r.hash("datanet")));
    }
    List<RowKey> outliers = decodeKeys(r);
    List<RowKey> copied = decodeKeys(r);
    int duplicates = (int) r.varint("duplicateRows", Integer.MAX_VALUE);
    OptionalDouble cross =
        r.bool("crossCheck")
            ? OptionalDouble.of(Double.longBitsToDouble(r.i64("crossCheck")))
            : OptionalDouble.empty();
    r.finish();
    try {
      return new AttributionResult(
          inputs,
          ScoringMethod.values()[m],
          scale,
          spanPool,
          gradientPool,
          unallocated,
          contributors,
          datanets,
          top,
          spans,
          outliers,
          copied,
          duplicates,
          cross);
    } catch (IllegalArgumentException e) {
      throw new DecodeException("attribution result: " + e.getMessage());
    }
  }

  private static int count(CanonicalReader r, String field) throws DecodeException {
    return (int) r.varint(field, 1 << 20);
  }

  private static List<RowKey> decodeKeys(CanonicalReader r) throws DecodeException {
    int n = count(r, "rows");
    List<RowKey> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Hash id = r.hash("rowId");
      out.add(new RowKey(id, (int) r.varint("index", Integer.MAX_VALUE)));
    }
    return out;
  }

  /** SHA-256 of {@link #encode()}. */
  public Hash hash() {
    return Hash.sha256(encode());
  }

  /** The share of {@code contributor} in units (0 when absent). */
  public long unitsOf(Address contributor) {
    for (ContributorShare c : contributors) {
      if (c.contributor().equals(contributor)) {
        return c.total();
      }
    }
    return 0;
  }
}
