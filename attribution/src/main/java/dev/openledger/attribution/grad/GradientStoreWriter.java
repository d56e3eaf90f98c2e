package dev.openledger.attribution.grad;

import dev.openledger.attribution.kernel.Kernels;
import dev.openledger.core.crypto.Hash;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a gradient store while an adapter trains. Usage: for each checkpoint, {@link
 * #beginCheckpoint}, then {@link #append} every training row (the same rows in the same order for
 * every checkpoint), then {@link #endCheckpoint}; finally {@link #seal}. The file is written as
 * {@code NAME.partial} and renamed into place by {@code seal}, so a crash never leaves a
 * half-written store under the final name. Not thread-safe.
 */
public final class GradientStoreWriter implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(GradientStoreWriter.class);
  private static final int BUFFER_BYTES = 1 << 20;

  private final Path target;
  private final Path partial;
  private final FileChannel channel;
  private final MessageDigest digest = Hash.newDigest();
  private final ByteBuffer buffer = StoreFormat.le(BUFFER_BYTES);
  private final Projector projector;
  private final SegmentLayout stored;
  private final int stride;
  private final float[] projected;
  private final List<Hash> rowIds = new ArrayList<>();
  private final Map<Hash, Integer> rowIndex = new HashMap<>();
  private final List<double[]> norms = new ArrayList<>(); // per row: C × S
  private final List<Double> learningRates = new ArrayList<>();
  private final long dataOffset;
  private long written;
  private int checkpoint = -1;
  private int rowInCheckpoint;
  private boolean open;
  private boolean sealed;

  private GradientStoreWriter(Path target, SegmentLayout source, ProjectionSpec projection)
      throws IOException {
    this.target = target;
    this.partial = target.resolveSibling(target.getFileName() + ".partial");
    this.projector = new Projector(projection, source);
    this.stored = projector.target();
    this.stride = StoreFormat.rowStride(stored.dim());
    this.projected = new float[stored.dim()];
    this.channel =
        FileChannel.open(
            partial,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE);
    byte[] header = StoreFormat.encodeHeader(source, projection);
    ByteBuffer pre = StoreFormat.le(12);
    pre.put(StoreFormat.MAGIC).putInt(StoreFormat.VERSION).putInt(header.length);
    write(pre.array());
    write(header);
    this.dataOffset = StoreFormat.align(position());
    write(new byte[(int) (dataOffset - position())]);
  }

  /**
   * Starts a store at {@code path} (any existing file there is replaced only when {@link #seal}
   * succeeds).
   */
  public static GradientStoreWriter create(
      Path path, SegmentLayout source, ProjectionSpec projection) throws IOException {
    return new GradientStoreWriter(path, source, projection);
  }

  /** The layout of stored (projected) vectors. */
  public SegmentLayout storedLayout() {
    return stored;
  }

  /**
   * Opens checkpoint {@code c} (0, 1, ...), taken with step size {@code learningRate} (TracIn's
   * η_c).
   */
  public void beginCheckpoint(double learningRate) {
    if (open || sealed) {
      throw new IllegalStateException("a checkpoint is already open or the store is sealed");
    }
    if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
      throw new IllegalArgumentException(
          "learning rate must be a positive number, got " + learningRate);
    }
    learningRates.add(learningRate);
    checkpoint++;
    rowInCheckpoint = 0;
    open = true;
  }

  /**
   * Appends the gradient of one training row at the open checkpoint.
   *
   * @param rowId the row's id; in checkpoints after the first it must repeat the first checkpoint's
   *     order
   * @param gradient the flat per-example gradient in the source layout
   * @return the row's key
   */
  public RowKey append(Hash rowId, float[] gradient) throws IOException {
    if (!open) {
      throw new IllegalStateException("append needs an open checkpoint");
    }
    if (gradient.length != projector.source().dim()) {
      throw new IllegalArgumentException(
          "gradient has " + gradient.length + " elements, the layout " + projector.source().dim());
    }
    for (float v : gradient) {
      if (!Float.isFinite(v)) {
        throw new IllegalArgumentException(
            "gradient of row " + rowId.shortHex() + " has a non-finite element");
      }
    }
    int index = rowInCheckpoint++;
    if (checkpoint == 0) {
      if (rowIndex.putIfAbsent(rowId, index) != null) {
        throw new IllegalArgumentException("row " + rowId + " appended twice");
      }
      rowIds.add(rowId);
      norms.add(new double[0]);
    } else if (index >= rowIds.size() || !rowIds.get(index).equals(rowId)) {
      throw new IllegalArgumentException(
          "checkpoint "
              + checkpoint
              + " row "
              + index
              + " is "
              + rowId.shortHex()
              + ", expected the first checkpoint's order");
    }
    projector.project(gradient, projected);
    double[] rowNorms = new double[stored.size()];
    for (int s = 0; s < stored.size(); s++) {
      Segment seg = stored.get(s);
      rowNorms[s] = Kernels.dot(projected, seg.offset(), projected, seg.offset(), seg.length());
    }
    double[] prev = norms.get(index);
    double[] all = java.util.Arrays.copyOf(prev, prev.length + rowNorms.length);
    System.arraycopy(rowNorms, 0, all, prev.length, rowNorms.length);
    norms.set(index, all);
    writeFloats(projected, stride);
    return new RowKey(rowId, index);
  }

  /** Closes the open checkpoint; it must hold exactly the rows of the first one. */
  public void endCheckpoint() {
    if (!open) {
      throw new IllegalStateException("no checkpoint is open");
    }
    if (checkpoint > 0 && rowInCheckpoint != rowIds.size()) {
      throw new IllegalStateException(
          "checkpoint "
              + checkpoint
              + " has "
              + rowInCheckpoint
              + " rows, the first "
              + rowIds.size());
    }
    open = false;
  }

  /**
   * Writes the row ids, norms, footer and trailer, syncs, renames into place; returns the content
   * hash.
   */
  public Hash seal() throws IOException {
    if (open || sealed || learningRates.isEmpty()) {
      throw new IllegalStateException("seal needs at least one closed checkpoint and no open one");
    }
    long rowIdsOffset = position();
    for (Hash id : rowIds) {
      write(id.bytes());
    }
    long normsOffset = position();
    for (double[] row : norms) {
      for (double v : row) {
        ensure(8);
        buffer.putDouble(v);
      }
    }
    long footerOffset = position();
    byte[] footer = StoreFormat.encodeFooter(rowIds.size(), learningRates);
    write(footer);
    ByteBuffer trailer = StoreFormat.le(StoreFormat.TRAILER_LENGTH - Hash.LENGTH);
    trailer
        .put(StoreFormat.TRAILER_MAGIC)
        .putInt(footer.length)
        .putLong(dataOffset)
        .putLong(rowIdsOffset)
        .putLong(normsOffset)
        .putLong(footerOffset);
    write(trailer.array());
    flush();
    Hash content = Hash.of(digest);
    channel.write(ByteBuffer.wrap(content.bytes()));
    channel.force(true);
    channel.close();
    Files.move(
        partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    sealed = true;
    LOG.info(
        "sealed gradient store {}: {} rows x {} checkpoints, dim {}, hash {}",
        target.getFileName(),
        rowIds.size(),
        learningRates.size(),
        stored.dim(),
        content.shortHex());
    return content;
  }

  /** Abandons an unsealed store (its partial file is deleted); does nothing after {@link #seal}. */
  @Override
  public void close() throws IOException {
    if (!sealed) {
      channel.close();
      Files.deleteIfExists(partial);
    }
  }

  /** Bytes written so far, buffered or not. */
  private long position() {
    return written + buffer.position();
  }

  private void writeFloats(float[] v, int strideFloats) throws IOException {
    if (4L * strideFloats <= buffer.capacity()) {
      ensure(4 * strideFloats);
      buffer.asFloatBuffer().put(v); // the view shares the buffer's little-endian order
      buffer.position(buffer.position() + 4 * v.length);
      for (int i = v.length; i < strideFloats; i++) {
        buffer.putFloat(0f);
      }
      return;
    }
    for (int i = 0; i < strideFloats; i++) {
      ensure(4);
      buffer.putFloat(i < v.length ? v[i] : 0f);
    }
  }

  private void write(byte[] bytes) throws IOException {
    int off = 0;
    while (off < bytes.length) {
      ensure(1);
      int n = Math.min(buffer.remaining(), bytes.length - off);
      buffer.put(bytes, off, n);
      off += n;
    }
  }

  private void ensure(int bytes) throws IOException {
    if (buffer.remaining() < bytes) {
      flush();
    }
  }

  private void flush() throws IOException {
    buffer.flip();
    digest.update(buffer.array(), 0, buffer.limit());
    written += buffer.limit();
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
    buffer.clear();
  }
}
