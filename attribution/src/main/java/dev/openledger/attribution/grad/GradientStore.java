package dev.openledger.attribution.grad;

import dev.openledger.core.Result;
import dev.openledger.core.codec.DecodeException;
import dev.openledger.core.crypto.Hash;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * A sealed gradient store, memory-mapped read-only (format: {@link StoreFormat}). Opening checks
 * the content hash over the whole file, so a modified byte anywhere is refused. Row data is mapped
 * in chunks of whole rows (at most 1 GiB each), so stores larger than 2 GiB work. Thread-safe for
 * concurrent reads.
 */
public final class GradientStore implements AutoCloseable {
  private static final long CHUNK_BYTES = 1L << 30;

  private final Path path;
  private final Hash contentHash;
  private final long fileSize;
  private final SegmentLayout source;
  private final ProjectionSpec projection;
  private final SegmentLayout layout;
  private final int stride;
  private final int rows;
  private final double[] learningRates;
  private final Hash[] rowIds;
  private final Map<Hash, Integer> indexById;
  private final double[] norms; // ((i·C)+c)·S+s
  private final FloatBuffer[] chunks;
  private final int rowsPerChunk;

  private GradientStore(Path path, Parsed p, FloatBuffer[] chunks, int rowsPerChunk) {
    this.path = path;
    this.contentHash = p.hash;
    this.fileSize = p.fileSize;
    this.source = p.header.source();
    this.projection = p.header.projection();
    this.layout = projection.apply(source);
    this.stride = StoreFormat.rowStride(layout.dim());
    this.rows = p.footer.rows();
    this.learningRates =
        p.footer.learningRates().stream().mapToDouble(Double::doubleValue).toArray();
    this.rowIds = p.rowIds;
    this.indexById = new HashMap<>();
    for (int i = 0; i < rowIds.length; i++) {
      indexById.put(rowIds[i], i);
    }
    this.norms = p.norms;
    this.chunks = chunks;
    this.rowsPerChunk = rowsPerChunk;
  }

  /**
   * Opens and verifies a sealed store.
   *
   * @return the store, or an error {@code store_corrupt} (malformed or inconsistent), {@code
   *     store_version} (a format this code does not read) or {@code store_tampered} (content hash
   *     mismatch)
   * @throws IOException when the file cannot be read
   */
  public static Result<GradientStore> open(Path path) throws IOException {
    try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
      Result<Parsed> parsed = parse(ch);
      if (parsed instanceof Result.Err<Parsed> e) {
        return Result.err(e.code(), path.getFileName() + ": " + e.message());
      }
      Parsed p = parsed.orElseThrow();
      int stride = StoreFormat.rowStride(p.header.projection().apply(p.header.source()).dim());
      long rowBytes = 4L * stride;
      int perChunk = (int) Math.max(1, CHUNK_BYTES / rowBytes);
      long totalRows = (long) p.footer.rows() * p.footer.learningRates().size();
      int nChunks = (int) ((totalRows + perChunk - 1) / perChunk);
      FloatBuffer[] chunks = new FloatBuffer[nChunks];
      for (int k = 0; k < nChunks; k++) {
        long first = (long) k * perChunk;
        long count = Math.min(perChunk, totalRows - first);
        chunks[k] =
            ch.map(FileChannel.MapMode.READ_ONLY, p.dataOffset + first * rowBytes, count * rowBytes)
                .order(ByteOrder.LITTLE_ENDIAN)
                .asFloatBuffer();
      }
      return Result.ok(new GradientStore(path, p, chunks, perChunk));
    }
  }

  private record Parsed(
      long fileSize,
      Hash hash,
      StoreFormat.Header header,
      StoreFormat.Footer footer,
      long dataOffset,
      Hash[] rowIds,
      double[] norms) {}

  private static Result<Parsed> parse(FileChannel ch) throws IOException {
    long size = ch.size();
    if (size < 12 + StoreFormat.TRAILER_LENGTH) {
      return Result.err(
          "store_corrupt", "file of " + size + " bytes is too short for a gradient store");
    }
    ByteBuffer pre = read(ch, 0, 12);
    byte[] magic = new byte[4];
    pre.get(magic);
    if (!Arrays.equals(magic, StoreFormat.MAGIC)) {
      return Result.err("store_corrupt", "not a gradient store (bad magic)");
    }
    int version = pre.getInt();
    if (version != StoreFormat.VERSION) {
      return Result.err(
          "store_version",
          "format version "
              + version
              + " is not supported (this code reads "
              + StoreFormat.VERSION
              + ")");
    }
    Hash actual = hashPrefix(ch, size - Hash.LENGTH);
    ByteBuffer trailer = read(ch, size - StoreFormat.TRAILER_LENGTH, StoreFormat.TRAILER_LENGTH);
    byte[] recorded = new byte[Hash.LENGTH];
    trailer.position(StoreFormat.TRAILER_LENGTH - Hash.LENGTH);
    trailer.get(recorded);
    if (!Hash.wrap(recorded).equals(actual)) {
      return Result.err(
          "store_tampered",
          "content hash "
              + actual.shortHex()
              + " differs from the recorded "
              + Hash.wrap(recorded).shortHex());
    }
    trailer.position(0);
    trailer.get(magic);
    if (!Arrays.equals(magic, StoreFormat.TRAILER_MAGIC)) {
      return Result.err("store_corrupt", "bad trailer magic");
    }
    int footerLength = trailer.getInt();
    long dataOffset = trailer.getLong();
    long rowIdsOffset = trailer.getLong();
    long normsOffset = trailer.getLong();
    long footerOffset = trailer.getLong();
    int headerLength = pre.getInt();
    try {
      if (headerLength < 0
          || 12L + headerLength > size
          || footerLength < 0
          || footerOffset + footerLength + StoreFormat.TRAILER_LENGTH != size) {
        throw new DecodeException("header or footer length does not fit the file");
      }
      StoreFormat.Header header = StoreFormat.decodeHeader(bytes(read(ch, 12, headerLength)));
      StoreFormat.Footer footer =
          StoreFormat.decodeFooter(bytes(read(ch, footerOffset, footerLength)));
      SegmentLayout stored = header.projection().apply(header.source());
      long n = footer.rows();
      long c = footer.learningRates().size();
      long s = stored.size();
      long dataBytes = 4L * StoreFormat.rowStride(stored.dim()) * n * c;
      if (dataOffset != StoreFormat.align(12L + headerLength)
          || rowIdsOffset != dataOffset + dataBytes
          || normsOffset != rowIdsOffset + n * Hash.LENGTH
          || footerOffset != normsOffset + 8 * n * c * s) {
        throw new DecodeException("section offsets are inconsistent with the header and footer");
      }
      ByteBuffer ids = read(ch, rowIdsOffset, Math.toIntExact(n * Hash.LENGTH));
      Hash[] rowIds = new Hash[(int) n];
      byte[] id = new byte[Hash.LENGTH];
      for (int i = 0; i < n; i++) {
        ids.get(id);
        rowIds[i] = Hash.wrap(id);
      }
      double[] norms = new double[Math.toIntExact(n * c * s)];
      read(ch, normsOffset, 8 * norms.length).asDoubleBuffer().get(norms);
      return Result.ok(new Parsed(size, actual, header, footer, dataOffset, rowIds, norms));
    } catch (DecodeException | ArithmeticException e) {
      return Result.err("store_corrupt", e.getMessage());
    }
  }

  private static Hash hashPrefix(FileChannel ch, long length) throws IOException {
    MessageDigest md = Hash.newDigest();
    ByteBuffer buf = ByteBuffer.allocate(1 << 20);
    long pos = 0;
    while (pos < length) {
      buf.clear();
      buf.limit((int) Math.min(buf.capacity(), length - pos));
      int n = ch.read(buf, pos);
      if (n < 0) {
        throw new IOException("unexpected end of file at " + pos);
      }
      md.update(buf.array(), 0, n);
      pos += n;
    }
    return Hash.of(md);
  }

  private static ByteBuffer read(FileChannel ch, long pos, int length) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
    while (buf.hasRemaining()) {
      if (ch.read(buf, pos + buf.position()) < 0) {
        throw new IOException("unexpected end of file reading " + length + " bytes at " + pos);
      }
    }
    buf.flip();
    return buf;
  }

  private static byte[] bytes(ByteBuffer b) {
    byte[] out = new byte[b.remaining()];
    b.get(out);
    return out;
  }

  /** SHA-256 of the file's bytes before the hash itself: what the chain records. */
  public Hash contentHash() {
    return contentHash;
  }

  public Path path() {
    return path;
  }

  public long fileSize() {
    return fileSize;
  }

  /** The layout of the gradients as training produced them. */
  public SegmentLayout sourceLayout() {
    return source;
  }

  /** The layout of stored vectors (after projection). */
  public SegmentLayout layout() {
    return layout;
  }

  public ProjectionSpec projection() {
    return projection;
  }

  /** A projector from the source layout to the stored one; apply it to query gradients. */
  public Projector projector() {
    return new Projector(projection, source);
  }

  public int rowCount() {
    return rows;
  }

  public int checkpointCount() {
    return learningRates.length;
  }

  /** TracIn's η_c of checkpoint {@code c}. */
  public double learningRate(int c) {
    return learningRates[c];
  }

  public Hash rowId(int row) {
    return rowIds[row];
  }

  public RowKey rowKey(int row) {
    return new RowKey(rowIds[row], row);
  }

  public List<Hash> rowIds() {
    return List.of(rowIds);
  }

  public OptionalInt indexOf(Hash rowId) {
    Integer i = indexById.get(rowId);
    return i == null ? OptionalInt.empty() : OptionalInt.of(i);
  }

  /**
   * ‖g‖² of segment {@code s} of row {@code row} at checkpoint {@code c} (of the stored vector).
   */
  public double squaredNorm(int row, int c, int s) {
    return norms[(row * learningRates.length + c) * layout.size() + s];
  }

  /** Copies row {@code row} of checkpoint {@code c} into {@code dst[0..layout().dim())}. */
  public void copyRow(int c, int row, float[] dst) {
    if (row < 0 || row >= rows || c < 0 || c >= learningRates.length) {
      throw new IndexOutOfBoundsException("row " + row + " of checkpoint " + c);
    }
    long global = (long) c * rows + row;
    int chunk = (int) (global / rowsPerChunk);
    int local = (int) (global % rowsPerChunk);
    chunks[chunk].get(local * stride, dst, 0, layout.dim());
  }

  /** Bytes the store spends per row: its file size divided by the row count. */
  public double bytesPerRow() {
    return rows == 0 ? 0 : (double) fileSize / rows;
  }

  /**
   * Releases nothing eagerly: the mappings are freed with this object (JDK 17 has no public unmap).
   */
  @Override
  public void close() {
    Arrays.fill(chunks, null);
  }
}
