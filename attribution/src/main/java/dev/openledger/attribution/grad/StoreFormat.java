package dev.openledger.attribution.grad;

import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The gradient store's file format, version 1 (all fixed-width numbers little-endian; header and
 * footer use the canonical codec):
 *
 * <pre>
 * [0]  "OLGS" | u32 version=1 | u32 headerLength | header | zero padding to a multiple of 64
 *      header: varint S, S × (string name, varint sourceLength), u8 projectionKind, i64 seed, varint k
 * [D]  data: C checkpoint blocks × n rows × rowStride float32, rowStride = storedDim rounded up to 16
 *      (zero padded); row i of checkpoint c starts at D + 4·rowStride·(c·n + i)
 * [R]  row ids: n × 32 bytes, in row order
 * [M]  squared norms: n × C × S float64, entry ((i·C)+c)·S+s = ‖g_{c,i,s}‖² of the stored vector
 * [F]  footer: varint n, varint C, C × i64 (IEEE-754 bits of the learning rate η_c)
 * [T]  trailer (72 bytes): "OLGT" | u32 footerLength | i64 D | i64 R | i64 M | i64 F | SHA-256
 * </pre>
 *
 * The SHA-256 covers every byte before it; it is the store's content hash, the value the chain
 * records.
 */
final class StoreFormat {
  static final byte[] MAGIC = "OLGS".getBytes(StandardCharsets.US_ASCII);
  static final byte[] TRAILER_MAGIC = "OLGT".getBytes(StandardCharsets.US_ASCII);
  static final int VERSION = 1;
  static final int TRAILER_LENGTH = 72;
  static final int ALIGN = 64;
  static final int MAX_SEGMENTS = 1 << 16;
  static final int MAX_CHECKPOINTS = 1 << 10;

  private StoreFormat() {}

  /** A row's stride in floats: the stored dimension rounded up to 16 floats (64 bytes). */
  static int rowStride(int storedDim) {
    return (storedDim + 15) & ~15;
  }

  static long align(long offset) {
    return (offset + ALIGN - 1) / ALIGN * ALIGN;
  }

  static byte[] encodeHeader(SegmentLayout source, ProjectionSpec projection) {
    CanonicalWriter w = new CanonicalWriter();
    w.varint(source.size());
    for (Segment s : source.segments()) {
      w.string(s.name()).varint(s.length());
    }
    w.u8(projection.kind().ordinal()).i64(projection.seed()).varint(projection.dimsPerSegment());
    return w.toByteArray();
  }

  /** The parsed header. */
  record Header(SegmentLayout source, ProjectionSpec projection) {}

  static Header decodeHeader(byte[] bytes) throws DecodeException {
    CanonicalReader r = new CanonicalReader(bytes);
    int count = (int) r.varint("segment count", MAX_SEGMENTS);
    if (count == 0) {
      throw new DecodeException("segment count is zero");
    }
    Map<String, Integer> lengths = new LinkedHashMap<>();
    for (int i = 0; i < count; i++) {
      String name = r.string("segment name", 1024);
      int len = (int) r.varint("segment length", Integer.MAX_VALUE);
      if (len == 0 || lengths.put(name, len) != null) {
        throw new DecodeException("segment " + name + " is empty or repeated");
      }
    }
    int kind = r.u8("projection kind");
    if (kind >= ProjectionSpec.Kind.values().length) {
      throw new DecodeException("unknown projection kind " + kind);
    }
    long seed = r.i64("projection seed");
    int k = (int) r.varint("projected dimension", Integer.MAX_VALUE);
    r.finish();
    try {
      return new Header(
          SegmentLayout.of(lengths),
          new ProjectionSpec(ProjectionSpec.Kind.values()[kind], seed, k));
    } catch (IllegalArgumentException e) {
      throw new DecodeException("invalid header: " + e.getMessage());
    }
  }

  static byte[] encodeFooter(int rows, List<Double> learningRates) {
    CanonicalWriter w = new CanonicalWriter();
    w.varint(rows).varint(learningRates.size());
    for (double eta : learningRates) {
      w.i64(Double.doubleToLongBits(eta));
    }
    return w.toByteArray();
  }

  /** The parsed footer. */
  record Footer(int rows, List<Double> learningRates) {}

  static Footer decodeFooter(byte[] bytes) throws DecodeException {
    CanonicalReader r = new CanonicalReader(bytes);
    int rows = (int) r.varint("row count", Integer.MAX_VALUE);
    int c = (int) r.varint("checkpoint count", MAX_CHECKPOINTS);
    if (c == 0) {
      throw new DecodeException("a store has at least one checkpoint");
    }
    List<Double> etas = new ArrayList<>();
    for (int i = 0; i < c; i++) {
      double eta = Double.longBitsToDouble(r.i64("learning rate"));
      if (!Double.isFinite(eta) || eta <= 0) {
        throw new DecodeException("learning rate " + eta + " is not a positive number");
      }
      etas.add(eta);
    }
    r.finish();
    return new Footer(rows, etas);
  }

  static ByteBuffer le(int capacity) {
    return ByteBuffer.allocate(capacity).order(ByteOrder.LITTLE_ENDIAN);
  }
}
