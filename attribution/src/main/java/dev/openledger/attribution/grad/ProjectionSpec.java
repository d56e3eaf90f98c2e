package dev.openledger.attribution.grad;

import java.util.Objects;

/**
 * A random projection of each segment to at most {@code dimsPerSegment} dimensions (TRAK's {@code φ
 * = Pᵀg}, applied per LoRA tensor so per-tensor damping survives). The matrix P is a pure function
 * of {@code seed} and is never stored: see {@link Projector}.
 *
 * @param kind how entries are drawn
 * @param seed the seed every entry is derived from
 * @param dimsPerSegment k, the projected size of a segment longer than k (shorter segments are kept
 *     as they are)
 */
public record ProjectionSpec(Kind kind, long seed, int dimsPerSegment) {

  /** How the entries of P are drawn. */
  public enum Kind {
    /** No projection: vectors are stored as given. */
    NONE,
    /** Entries ±1/√k with equal probability (Achlioptas); the default. */
    RADEMACHER,
    /** Entries N(0, 1/k), by Box-Muller from the hash; about 20 times slower than Rademacher. */
    GAUSSIAN
  }

  public static final ProjectionSpec NONE = new ProjectionSpec(Kind.NONE, 0, 0);

  public ProjectionSpec {
    Objects.requireNonNull(kind, "kind");
    if (kind == Kind.NONE && (seed != 0 || dimsPerSegment != 0)) {
      throw new IllegalArgumentException("ProjectionSpec.NONE takes no seed or dimension");
    }
    if (kind != Kind.NONE && dimsPerSegment <= 0) {
      throw new IllegalArgumentException(
          "projected dimension must be positive, got " + dimsPerSegment);
    }
  }

  public static ProjectionSpec rademacher(long seed, int dimsPerSegment) {
    return new ProjectionSpec(Kind.RADEMACHER, seed, dimsPerSegment);
  }

  public static ProjectionSpec gaussian(long seed, int dimsPerSegment) {
    return new ProjectionSpec(Kind.GAUSSIAN, seed, dimsPerSegment);
  }

  /**
   * The layout of projected vectors: each segment keeps its name and gets {@code min(length, k)}
   * elements.
   */
  public SegmentLayout apply(SegmentLayout source) {
    if (kind == Kind.NONE) {
      return source;
    }
    var lengths = new java.util.LinkedHashMap<String, Integer>();
    for (Segment s : source.segments()) {
      lengths.put(s.name(), Math.min(s.length(), dimsPerSegment));
    }
    return SegmentLayout.of(lengths);
  }
}
