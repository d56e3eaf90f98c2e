package dev.openledger.ledger.msg;

import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;
import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The attribution of one inference as the chain records it: the hash of the full result (the
 * attribution module's {@code AttributionResult.hash()}, which {@code openledger attribution
 * verify} recomputes), the hashes of its inputs, and the contributors' integer shares on a fixed
 * scale. The chain pays by the shares and keeps the hashes; it cannot recompute them (the model and
 * data are off chain), anyone else can.
 *
 * @param resultHash SHA-256 of the result's canonical encoding
 * @param inputs the hashes of what it was computed from
 * @param scale units of the whole contributors' part (the attribution's policy scale), 1 to 10^18
 * @param contributors 0 to {@value #MAX_CONTRIBUTORS} contributors in increasing address order with
 *     positive units summing to at most {@code scale}; the rest is unallocated and goes to the
 *     treasury
 * @param flagged rows the attribution flagged (self-influence outliers), at most {@value
 *     #MAX_FLAGGED}, distinct, with their owners and contributions: each counts once towards its
 *     owner's penalty score
 */
public record AttributionClaim(
    Hash resultHash,
    InputHashes inputs,
    long scale,
    List<ContributorUnits> contributors,
    List<FlaggedRow> flagged) {
  public static final int MAX_CONTRIBUTORS = 256;
  public static final int MAX_FLAGGED = 32;
  public static final long MAX_SCALE = 1_000_000_000_000_000_000L;

  public AttributionClaim {
    Objects.requireNonNull(resultHash, "resultHash");
    Objects.requireNonNull(inputs, "inputs");
    contributors = List.copyOf(contributors);
    flagged = List.copyOf(flagged);
    if (scale < 1 || scale > MAX_SCALE) {
      throw new IllegalArgumentException("scale must be within [1, 10^18], got " + scale);
    }
    if (contributors.size() > MAX_CONTRIBUTORS) {
      throw new IllegalArgumentException(
          "at most " + MAX_CONTRIBUTORS + " contributors, got " + contributors.size());
    }
    long sum = 0;
    for (int i = 0; i < contributors.size(); i++) {
      if (i > 0
          && contributors.get(i - 1).contributor().compareTo(contributors.get(i).contributor())
              >= 0) {
        throw new IllegalArgumentException(
            "contributors must be distinct and in increasing address order");
      }
      sum += contributors.get(i).units();
      if (sum > scale) {
        throw new IllegalArgumentException("the contributors' units exceed the scale " + scale);
      }
    }
    if (flagged.size() > MAX_FLAGGED) {
      throw new IllegalArgumentException(
          "at most " + MAX_FLAGGED + " flagged rows, got " + flagged.size());
    }
    Set<Hash> rows = new HashSet<>();
    for (FlaggedRow f : flagged) {
      if (!rows.add(f.rowId())) {
        throw new IllegalArgumentException("flagged row " + f.rowId() + " is listed twice");
      }
    }
  }

  /** Units nobody was given (paid to the treasury with the rounding dust). */
  public long unallocated() {
    long sum = 0;
    for (ContributorUnits c : contributors) {
      sum += c.units();
    }
    return scale - sum;
  }

  /** Writes the claim in the canonical encoding (inside a message or a stored record). */
  public void encode(CanonicalWriter w) {
    w.hash(resultHash);
    inputs.encode(w);
    w.varint(scale).varint(contributors.size());
    for (ContributorUnits c : contributors) {
      w.address(c.contributor()).varint(c.units());
    }
    w.varint(flagged.size());
    for (FlaggedRow f : flagged) {
      w.hash(f.rowId()).address(f.contributor()).hash(f.contribution());
    }
  }

  /** Reads what {@link #encode} wrote. */
  public static AttributionClaim decode(CanonicalReader r) throws DecodeException {
    Hash result = r.hash("resultHash");
    InputHashes inputs = InputHashes.decode(r);
    long scale = r.varint("scale", MAX_SCALE);
    int n = (int) r.varint("contributors", MAX_CONTRIBUTORS);
    List<ContributorUnits> cs = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      cs.add(new ContributorUnits(r.address("contributor"), r.varint("units", MAX_SCALE)));
    }
    int f = (int) r.varint("flagged", MAX_FLAGGED);
    List<FlaggedRow> fs = new ArrayList<>(f);
    for (int i = 0; i < f; i++) {
      fs.add(new FlaggedRow(r.hash("rowId"), r.address("contributor"), r.hash("contribution")));
    }
    return new AttributionClaim(result, inputs, scale, cs, fs);
  }

  /**
   * What an attribution was computed from (the attribution module's {@code AttributionInputs}).
   *
   * @param request hash of the request id, model, adapter and the prompt and response tokens
   * @param gradientStore the model's per-example gradient store
   * @param rowCatalog the store's rows with owners and submission order
   * @param spanIndex the span index over the model's Datanet versions
   * @param queryGradient the query gradient
   * @param output the generated tokens
   * @param config the attribution configuration
   */
  public record InputHashes(
      Hash request,
      Hash gradientStore,
      Hash rowCatalog,
      Hash spanIndex,
      Hash queryGradient,
      Hash output,
      Hash config) {
    public InputHashes {
      Objects.requireNonNull(request, "request");
      Objects.requireNonNull(gradientStore, "gradientStore");
      Objects.requireNonNull(rowCatalog, "rowCatalog");
      Objects.requireNonNull(spanIndex, "spanIndex");
      Objects.requireNonNull(queryGradient, "queryGradient");
      Objects.requireNonNull(output, "output");
      Objects.requireNonNull(config, "config");
    }

    void encode(CanonicalWriter w) {
      w.hash(request)
          .hash(gradientStore)
          .hash(rowCatalog)
          .hash(spanIndex)
          .hash(queryGradient)
          .hash(output)
          .hash(config);
    }

    static InputHashes decode(CanonicalReader r) throws DecodeException {
      return new InputHashes(
          r.hash("request"),
          r.hash("gradientStore"),
          r.hash("rowCatalog"),
          r.hash("spanIndex"),
          r.hash("queryGradient"),
          r.hash("output"),
          r.hash("config"));
    }
  }

  /** A contributor's units of the scale. */
  public record ContributorUnits(Address contributor, long units) {
    public ContributorUnits {
      Objects.requireNonNull(contributor, "contributor");
      if (units < 1) {
        throw new IllegalArgumentException("a listed contributor has at least one unit");
      }
    }
  }

  /**
   * A row the attribution flagged, with its owner and the contribution that brought it (the chain
   * checks that the contribution was submitted by that owner).
   */
  public record FlaggedRow(Hash rowId, Address contributor, Hash contribution) {
    public FlaggedRow {
      Objects.requireNonNull(rowId, "rowId");
      Objects.requireNonNull(contributor, "contributor");
      Objects.requireNonNull(contribution, "contribution");
    }
  }
}
