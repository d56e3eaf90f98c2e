package dev.openledger.ml.format;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A safetensors file opened for lazy reading: the header is parsed and validated when opened, and
 * each tensor's bytes are read only when asked for ({@link #read}), so a caller can load a few
 * tensors of a large file.
 *
 * <p>Layout (https://github.com/huggingface/safetensors): {@code u64 N} (little-endian) | {@code N}
 * bytes of UTF-8 JSON | data. The JSON maps each tensor name to {@code {"dtype", "shape",
 * "data_offsets": [begin, end]}}, offsets relative to the start of the data; an optional {@code
 * __metadata__} maps strings to strings. Data is little-endian, row-major.
 *
 * <p>Validation, all before any tensor is read: header length within the file and at most {@link
 * #MAX_HEADER_BYTES}; strict JSON (no duplicate names); supported dtype; non-negative shape whose
 * size in bytes equals {@code end - begin}; tensors tiling the data section exactly, with no gap,
 * overlap or trailing bytes (the reference implementation's rule).
 */
public final class SafeTensorsFile implements AutoCloseable {
  /** Largest header accepted (the reference implementation's limit is 100 MB). */
  public static final long MAX_HEADER_BYTES = 100L << 20;

  private static final int CHUNK = 1 << 20;

  /** Where one tensor lies and how it is stored. Offsets are absolute positions in the file. */
  public record Entry(String name, DType dtype, int[] shape, long begin, long end) {
    public Entry {
      shape = shape.clone();
    }

    @Override
    public int[] shape() {
      return shape.clone();
    }

    public long numel() {
      return (end - begin) / dtype.size();
    }
  }

  /** Positional reads from a file or from memory. */
  private interface Source extends AutoCloseable {
    long size() throws IOException;

    void read(ByteBuffer dst, long position) throws IOException;

    @Override
    void close() throws IOException;
  }

  private final Source source;
  private final String what;
  private final Map<String, String> metadata;
  private final Map<String, Entry> entries;

  private SafeTensorsFile(Source source, String what) throws IOException {
    this.source = source;
    this.what = what;
    long size = source.size();
    if (size < 8) {
      throw new FormatException(
          what + ": " + size + " bytes is shorter than the 8-byte header length");
    }
    ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
    readFully(lenBuf, 0);
    long n = lenBuf.getLong(0);
    if (n < 0 || n > size - 8) {
      throw new FormatException(
          what + ": header length " + Long.toUnsignedString(n) + " exceeds the file size " + size);
    }
    if (n > MAX_HEADER_BYTES) {
      throw new FormatException(
          what + ": header length " + n + " exceeds the limit of " + MAX_HEADER_BYTES);
    }
    ByteBuffer header = ByteBuffer.allocate((int) n);
    readFully(header, 8);
    long dataStart = 8 + n;
    Header h = parseHeader(header.array(), size - dataStart, dataStart);
    this.metadata = h.metadata;
    this.entries = h.entries;
  }

  /** Opens a file; the caller closes it. */
  public static SafeTensorsFile open(Path file) throws IOException {
    FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
    try {
      return new SafeTensorsFile(new FileSource(ch), file.getFileName().toString());
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  /** Parses safetensors bytes held in memory. */
  public static SafeTensorsFile of(byte[] bytes) throws FormatException {
    try {
      return new SafeTensorsFile(new MemorySource(bytes), "safetensors");
    } catch (FormatException e) {
      throw e;
    } catch (IOException e) {
      throw new IllegalStateException("reading memory cannot fail", e);
    }
  }

  private record Header(Map<String, String> metadata, Map<String, Entry> entries) {}

  private Header parseHeader(byte[] json, long dataLength, long dataStart) throws FormatException {
    if (json.length == 0 || json[0] != '{') {
      throw new FormatException(what + ": header does not start with '{'");
    }
    JsonNode root = FileSupport.parseJson(json, what + " header");
    Map<String, String> meta = new TreeMap<>();
    List<Entry> list = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getKey().equals("__metadata__")) {
        metadata(e.getValue(), meta);
      } else {
        list.add(entry(e.getKey(), e.getValue(), dataLength, dataStart));
      }
    }
    checkTiling(list, dataLength, dataStart);
    Map<String, Entry> byName = new TreeMap<>();
    for (Entry en : list) {
      byName.put(en.name(), en);
    }
    return new Header(Collections.unmodifiableMap(meta), Collections.unmodifiableMap(byName));
  }

  private void metadata(JsonNode node, Map<String, String> out) throws FormatException {
    if (!node.isObject()) {
      throw new FormatException(what + ": __metadata__ must be an object of strings");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().isTextual()) {
        throw new FormatException(
            what
                + ": __metadata__ value of '"
                + e.getKey()
                + "' must be a string, found "
                + e.getValue());
      }
      out.put(e.getKey(), e.getValue().asText());
    }
  }

  private Entry entry(String name, JsonNode node, long dataLength, long dataStart)
      throws FormatException {
    String where = what + " tensor '" + name + "'";
    if (name.isEmpty()) {
      throw new FormatException(what + ": a tensor has an empty name");
    }
    Fields f = new Fields(node, where);
    DType dtype = DType.parse(f.text("dtype"), name);
    int[] shape = shape(f.require("shape"), where);
    JsonNode off = f.require("data_offsets");
    f.rejectOthers();
    if (!off.isArray() || off.size() != 2 || !isLong(off.get(0)) || !isLong(off.get(1))) {
      throw new FormatException(
          where + ": data_offsets must be [begin, end] with non-negative integers, found " + off);
    }
    long begin = off.get(0).longValue();
    long end = off.get(1).longValue();
    if (begin > end || end > dataLength) {
      throw new FormatException(
          where
              + ": data_offsets ["
              + begin
              + ", "
              + end
              + "] are not within the "
              + dataLength
              + "-byte data section");
    }
    long numel =
        Tensor.numel(shape); // dims are ints, so at most 2^31 per dim; overflow checked below
    long bytes;
    try {
      bytes = Math.multiplyExact(numel, dtype.size());
    } catch (ArithmeticException e) {
      throw new FormatException(where + ": shape " + Arrays.toString(shape) + " is too large");
    }
    if (bytes != end - begin) {
      throw new FormatException(
          where
              + ": shape "
              + Arrays.toString(shape)
              + " of "
              + dtype
              + " needs "
              + bytes
              + " bytes but data_offsets span "
              + (end - begin));
    }
    return new Entry(name, dtype, shape, dataStart + begin, dataStart + end);
  }

  private static boolean isLong(JsonNode n) {
    return n.isIntegralNumber() && n.canConvertToLong() && n.longValue() >= 0;
  }

  private static int[] shape(JsonNode node, String where) throws FormatException {
    if (!node.isArray()) {
      throw new FormatException(where + ": shape must be an array, found " + node);
    }
    int[] shape = new int[node.size()];
    long numel = 1;
    for (int i = 0; i < shape.length; i++) {
      JsonNode d = node.get(i);
      if (!d.isIntegralNumber() || !d.canConvertToInt() || d.intValue() < 0) {
        throw new FormatException(
            where + ": shape dimension " + i + " must be an int ≥ 0, found " + d);
      }
      shape[i] = d.intValue();
      if (numel != 0 && shape[i] != 0 && numel > Long.MAX_VALUE / 8 / shape[i]) {
        throw new FormatException(where + ": shape " + node + " is too large");
      }
      numel *= shape[i];
    }
    return shape;
  }

  /** Tensors must cover the data section exactly, in offset order, without holes or overlaps. */
  private void checkTiling(List<Entry> list, long dataLength, long dataStart)
      throws FormatException {
    List<Entry> sorted = new ArrayList<>(list);
    sorted.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
    long at = dataStart;
    for (Entry e : sorted) {
      if (e.begin() != at) {
        throw new FormatException(
            what
                + " tensor '"
                + e.name()
                + "': data starts at offset "
                + (e.begin() - dataStart)
                + " but the previous tensor ends at "
                + (at - dataStart)
                + (e.begin() < at ? " (overlap)" : " (gap)"));
      }
      at = e.end();
    }
    if (at != dataStart + dataLength) {
      throw new FormatException(
          what
              + ": tensors cover "
              + (at - dataStart)
              + " bytes of a "
              + dataLength
              + "-byte data section (trailing bytes)");
    }
  }

  /** The {@code __metadata__} map (empty if absent), in key order. */
  public Map<String, String> metadata() {
    return metadata;
  }

  /** Entries by name, in name order. */
  public Map<String, Entry> entries() {
    return entries;
  }

  /** The entry called {@code name}. */
  public Entry entry(String name) throws FormatException {
    Entry e = entries.get(name);
    if (e == null) {
      throw new FormatException(what + ": no tensor named '" + name + "'");
    }
    return e;
  }

  /** Reads one tensor, converting to float. */
  public Tensor read(String name) throws IOException {
    Entry e = entry(name);
    long numel = e.numel();
    if (numel > Integer.MAX_VALUE - 8) {
      throw new FormatException(
          what + " tensor '" + name + "': " + numel + " elements do not fit a Java float[]");
    }
    float[] out = new float[(int) numel];
    ByteBuffer buf =
        ByteBuffer.allocate((int) Math.min(CHUNK, e.end() - e.begin()))
            .order(ByteOrder.LITTLE_ENDIAN);
    int o = 0;
    for (long pos = e.begin(); pos < e.end(); ) {
      buf.clear();
      buf.limit((int) Math.min(buf.capacity(), e.end() - pos));
      readFully(buf, pos);
      pos += buf.limit();
      buf.flip();
      o = decode(e.dtype(), buf, out, o);
    }
    return new Tensor(name, e.shape, out);
  }

  private static int decode(DType dtype, ByteBuffer buf, float[] out, int o) {
    switch (dtype) {
      case F32 -> {
        int n = buf.remaining() / 4;
        buf.asFloatBuffer().get(out, o, n);
        return o + n;
      }
      case F16 -> {
        while (buf.remaining() >= 2) {
          out[o++] = DType.halfToFloat(buf.getShort());
        }
        return o;
      }
      case BF16 -> {
        while (buf.remaining() >= 2) {
          out[o++] = DType.bf16ToFloat(buf.getShort());
        }
        return o;
      }
      default -> throw new IllegalStateException("unhandled dtype " + dtype);
    }
  }

  /** Reads every tensor. */
  public NamedTensors readAll() throws IOException {
    List<Tensor> out = new ArrayList<>(entries.size());
    for (String name : entries.keySet()) {
      out.add(read(name));
    }
    return NamedTensors.of(out);
  }

  private void readFully(ByteBuffer dst, long position) throws IOException {
    long pos = position;
    while (dst.hasRemaining()) {
      int before = dst.remaining();
      source.read(dst, pos);
      int got = before - dst.remaining();
      if (got <= 0) {
        throw new EOFException(what + ": file ended at " + pos + " while reading");
      }
      pos += got;
    }
  }

  @Override
  public void close() throws IOException {
    source.close();
  }

  private record FileSource(FileChannel ch) implements Source {
    @Override
    public long size() throws IOException {
      return ch.size();
    }

    @Override
    public void read(ByteBuffer dst, long position) throws IOException {
      ch.read(dst, position);
    }

    @Override
    public void close() throws IOException {
      ch.close();
    }
  }

  private record MemorySource(byte[] bytes) implements Source {
    @Override
    public long size() {
      return bytes.length;
    }

    @Override
    public void read(ByteBuffer dst, long position) {
      if (position >= bytes.length) {
        return;
      }
      int n = (int) Math.min(dst.remaining(), bytes.length - position);
      dst.put(bytes, (int) position, n);
    }

    @Override
    public void close() {}
  }
}
