package dev.openledger.attribution.grad;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How a flat gradient vector splits into named tensors: contiguous segments, in order, covering
 * {@code [0, dim)}. DataInf damps each segment separately, so the layout is part of the method.
 *
 * @param segments the segments in vector order
 */
public record SegmentLayout(List<Segment> segments) {
  public SegmentLayout {
    segments = List.copyOf(segments);
    if (segments.isEmpty()) {
      throw new IllegalArgumentException("a layout needs at least one segment");
    }
    int next = 0;
    Set<String> names = new HashSet<>();
    for (Segment s : segments) {
      if (s.offset() != next) {
        throw new IllegalArgumentException(
            "segment " + s.name() + " starts at " + s.offset() + ", expected " + next);
      }
      if (!names.add(s.name())) {
        throw new IllegalArgumentException("duplicate segment name " + s.name());
      }
      next = Math.addExact(next, s.length());
    }
  }

  /** A layout from names and lengths, in order (offsets follow). */
  public static SegmentLayout of(Map<String, Integer> lengths) {
    List<Segment> out = new ArrayList<>();
    int off = 0;
    for (Map.Entry<String, Integer> e : lengths.entrySet()) {
      out.add(new Segment(e.getKey(), off, e.getValue()));
      off += e.getValue();
    }
    return new SegmentLayout(out);
  }

  /** A layout of {@code count} equal segments named {@code prefix0, prefix1, ...}. */
  public static SegmentLayout uniform(String prefix, int count, int length) {
    Map<String, Integer> m = new LinkedHashMap<>();
    for (int i = 0; i < count; i++) {
      m.put(prefix + i, length);
    }
    return of(m);
  }

  /** Total length of a vector with this layout. */
  public int dim() {
    Segment last = segments.get(segments.size() - 1);
    return last.end();
  }

  public int size() {
    return segments.size();
  }

  public Segment get(int i) {
    return segments.get(i);
  }

  /** The largest segment length (scratch buffers are sized by it). */
  public int maxLength() {
    int m = 0;
    for (Segment s : segments) {
      m = Math.max(m, s.length());
    }
    return m;
  }
}
