package dev.openledger.modelfactory.run;

import dev.openledger.attribution.grad.GradientStoreWriter;
import dev.openledger.attribution.grad.ProjectionSpec;
import dev.openledger.attribution.grad.SegmentLayout;
import dev.openledger.core.crypto.Hash;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntToDoubleFunction;

/**
 * The per-example gradients of the last epoch as training produces them, before they become a
 * sealed gradient store. Fixed-size little-endian records, in step order:
 *
 * <pre>
 *   int32 example index   int32 step (0-based, the step whose update follows)   float32[dim] gradient
 * </pre>
 *
 * Synced with each checkpoint; {@link #openAt} drops the records of steps at or after the
 * checkpoint's (and a torn last record), so a resumed run appends exactly the records the
 * interrupted one would have.
 */
public final class GradientLog implements AutoCloseable {
  private static final int HEADER = 8;

  private final Path file;
  private final FileChannel channel;
  private final int dim;
  private final ByteBuffer record;

  private GradientLog(Path file, FileChannel channel, int dim) {
    this.file = file;
    this.channel = channel;
    this.dim = dim;
    this.record = ByteBuffer.allocate(HEADER + 4 * dim).order(ByteOrder.LITTLE_ENDIAN);
  }

  /** Opens (creating if needed) the log for a run that has done {@code stepsDone} steps. */
  public static GradientLog openAt(Path file, int dim, int stepsDone) throws IOException {
    FileChannel ch =
        FileChannel.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    long recordBytes = HEADER + 4L * dim;
    long complete = ch.size() / recordBytes;
    ByteBuffer head = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
    long keep = 0;
    while (keep < complete) {
      head.clear();
      readFully(ch, head, keep * recordBytes);
      if (head.getInt(4) >= stepsDone) {
        break;
      }
      keep++;
    }
    ch.truncate(keep * recordBytes);
    ch.position(keep * recordBytes);
    return new GradientLog(file, ch, dim);
  }

  /**
   * Appends the gradient of example {@code example}, taken before the update of step {@code step}.
   */
  public void append(int example, int step, float[] gradient) throws IOException {
    if (gradient.length != dim) {
      throw new IllegalArgumentException(
          "gradient of " + gradient.length + " floats, the log holds " + dim);
    }
    record.clear();
    record.putInt(example).putInt(step);
    record.asFloatBuffer().put(gradient);
    record.position(record.capacity());
    record.flip();
    while (record.hasRemaining()) {
      channel.write(record);
    }
  }

  /** Forces appended records to stable storage (before a checkpoint is written). */
  public void sync() throws IOException {
    channel.force(false);
  }

  /**
   * Writes the sealed gradient store: one record per training row, rows in training order keyed by
   * {@code rowIds}, one checkpoint whose step size is the mean learning rate of the steps the
   * gradients were taken at.
   *
   * @param lrAtStep the learning rate of a (0-based) step
   * @return the store's content hash
   * @throws IllegalStateException if a row has no record or more than one (a bug in the run)
   */
  public Hash seal(
      Path store,
      SegmentLayout layout,
      ProjectionSpec projection,
      List<Hash> rowIds,
      IntToDoubleFunction lrAtStep)
      throws IOException {
    sync();
    long recordBytes = HEADER + 4L * dim;
    long count = channel.size() / recordBytes;
    long[] offset = new long[rowIds.size()];
    Arrays.fill(offset, -1);
    double lrSum = 0;
    ByteBuffer head = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
    for (long r = 0; r < count; r++) {
      head.clear();
      readFully(channel, head, r * recordBytes);
      int example = head.getInt(0);
      if (example < 0 || example >= offset.length || offset[example] >= 0) {
        throw new IllegalStateException(
            file.getFileName() + ": example " + example + " is out of range or logged twice");
      }
      offset[example] = r * recordBytes;
      lrSum += lrAtStep.applyAsDouble(head.getInt(4));
    }
    if (count != rowIds.size()) {
      throw new IllegalStateException(
          file.getFileName()
              + " holds "
              + count
              + " gradients for "
              + rowIds.size()
              + " training rows");
    }
    ByteBuffer body = ByteBuffer.allocate(4 * dim).order(ByteOrder.LITTLE_ENDIAN);
    float[] g = new float[dim];
    try (GradientStoreWriter w = GradientStoreWriter.create(store, layout, projection)) {
      w.beginCheckpoint(lrSum / count);
      for (int i = 0; i < rowIds.size(); i++) {
        body.clear();
        readFully(channel, body, offset[i] + HEADER);
        body.flip();
        body.asFloatBuffer().get(g);
        w.append(rowIds.get(i), g);
      }
      w.endCheckpoint();
      return w.seal();
    }
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }

  private static void readFully(FileChannel ch, ByteBuffer buf, long pos) throws IOException {
    while (buf.hasRemaining()) {
      if (ch.read(buf, pos + buf.position()) < 0) {
        throw new IOException("unexpected end of gradient log at " + (pos + buf.position()));
      }
    }
  }
}
