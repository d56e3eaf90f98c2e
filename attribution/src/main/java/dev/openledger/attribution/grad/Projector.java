package dev.openledger.attribution.grad;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * Applies a {@link ProjectionSpec} to vectors of a source layout, generating P on the fly.
 *
 * <p>Entry {@code P_s[j][c]} of segment {@code s} (source element {@code j}, output {@code c})
 * comes from a counter-based hash: {@code key = mix(seed ^ mix(s·2³² + j))}, and the 64 outputs of
 * block {@code b = c/64} take their signs from the bits of {@code word = mix(key + (b+1)·φ)} (bit
 * {@code c mod 64}; 1 means −), where {@code mix} is SplitMix64's finaliser and φ =
 * 0x9E3779B97F4A7C15. Gaussian entries take {@code h = mix(key + (c+1)·φ)} and {@code h' = mix(h)}
 * through Box-Muller. Segments no longer than k are copied, not projected. Accumulation runs over
 * {@code j} in order for each output, then scales by {@code 1/√k}, so the vector path and {@link
 * #projectScalar} give identical bits.
 *
 * <p>Shapes: {@code src[source.dim()] → dst[target.dim()]}. Immutable and thread-safe.
 */
public final class Projector {
  private static final long GOLDEN = 0x9E3779B97F4A7C15L;
  private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
  private static final int WIDTH = SPECIES.length();

  private final ProjectionSpec spec;
  private final SegmentLayout source;
  private final SegmentLayout target;

  public Projector(ProjectionSpec spec, SegmentLayout source) {
    this.spec = spec;
    this.source = source;
    this.target = spec.apply(source);
  }

  public ProjectionSpec spec() {
    return spec;
  }

  public SegmentLayout source() {
    return source;
  }

  public SegmentLayout target() {
    return target;
  }

  /** Projects {@code src} into {@code dst} (overwritten). */
  public void project(float[] src, float[] dst) {
    project(src, dst, true);
  }

  /** The scalar reference of {@link #project}; same bits. */
  public void projectScalar(float[] src, float[] dst) {
    project(src, dst, false);
  }

  private void project(float[] src, float[] dst, boolean vector) {
    checkLengths(src, dst);
    for (int s = 0; s < source.size(); s++) {
      Segment in = source.get(s);
      Segment out = target.get(s);
      if (spec.kind() == ProjectionSpec.Kind.NONE || in.length() == out.length()) {
        System.arraycopy(src, in.offset(), dst, out.offset(), in.length());
        continue;
      }
      java.util.Arrays.fill(dst, out.offset(), out.end(), 0f);
      if (spec.kind() == ProjectionSpec.Kind.RADEMACHER) {
        if (vector) {
          rademacherVector(s, src, in, dst, out);
        } else {
          rademacherScalar(s, src, in, dst, out);
        }
      } else {
        gaussian(s, src, in, dst, out);
      }
      float scale = (float) (1.0 / Math.sqrt(out.length()));
      for (int c = out.offset(); c < out.end(); c++) {
        dst[c] *= scale;
      }
    }
  }

  private void checkLengths(float[] src, float[] dst) {
    if (src.length != source.dim() || dst.length != target.dim()) {
      throw new IllegalArgumentException(
          "projection expects "
              + source.dim()
              + " -> "
              + target.dim()
              + " elements, got "
              + src.length
              + " -> "
              + dst.length);
    }
  }

  private long rowKey(int segment, int j) {
    return mix(spec.seed() ^ mix(((long) segment << 32) | j));
  }

  private void rademacherScalar(int seg, float[] src, Segment in, float[] dst, Segment out) {
    int k = out.length();
    for (int j = 0; j < in.length(); j++) {
      float x = src[in.offset() + j];
      if (x == 0f) {
        continue; // adding ±0 to a sum that starts at +0 changes no bit
      }
      long key = rowKey(seg, j);
      for (int b = 0; b * 64 < k; b++) {
        long bits = mix(key + (b + 1) * GOLDEN);
        int end = Math.min(64, k - b * 64);
        int base = out.offset() + b * 64;
        for (int c = 0; c < end; c++) {
          dst[base + c] += ((bits >>> c) & 1L) == 0 ? x : -x;
        }
      }
    }
  }

  private void rademacherVector(int seg, float[] src, Segment in, float[] dst, Segment out) {
    int k = out.length();
    for (int j = 0; j < in.length(); j++) {
      float x = src[in.offset() + j];
      if (x == 0f) {
        continue;
      }
      FloatVector plus = FloatVector.broadcast(SPECIES, x);
      FloatVector minus = FloatVector.broadcast(SPECIES, -x);
      long key = rowKey(seg, j);
      for (int b = 0; b * 64 < k; b++) {
        long bits = mix(key + (b + 1) * GOLDEN);
        int end = Math.min(64, k - b * 64);
        int base = out.offset() + b * 64;
        int c = 0;
        for (; c + WIDTH <= end; c += WIDTH) {
          VectorMask<Float> neg = VectorMask.fromLong(SPECIES, bits >>> c);
          FloatVector.fromArray(SPECIES, dst, base + c)
              .add(plus.blend(minus, neg))
              .intoArray(dst, base + c);
        }
        for (; c < end; c++) {
          dst[base + c] += ((bits >>> c) & 1L) == 0 ? x : -x;
        }
      }
    }
  }

  private void gaussian(int seg, float[] src, Segment in, float[] dst, Segment out) {
    int k = out.length();
    for (int j = 0; j < in.length(); j++) {
      float x = src[in.offset() + j];
      if (x == 0f) {
        continue;
      }
      long key = rowKey(seg, j);
      for (int c = 0; c < k; c++) {
        long h = mix(key + (c + 1) * GOLDEN);
        double u1 = ((h >>> 11) + 1) * 0x1.0p-53; // (0, 1]
        double u2 = (mix(h) >>> 11) * 0x1.0p-53; // [0, 1)
        // StrictMath: the same bits on every JVM.
        float z =
            (float)
                (StrictMath.sqrt(-2.0 * StrictMath.log(u1)) * StrictMath.cos(2.0 * Math.PI * u2));
        dst[out.offset() + c] = Math.fma(z, x, dst[out.offset() + c]);
      }
    }
  }

  /** SplitMix64's finaliser (Steele, Lea and Flood 2014). */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
