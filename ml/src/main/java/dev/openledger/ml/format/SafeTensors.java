package dev.openledger.ml.format;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openledger.core.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads and writes whole safetensors files (see {@link SafeTensorsFile} for the layout and the
 * checks made when reading). The writer is deterministic: {@code __metadata__} first, then tensors
 * in name order with consecutive offsets, the header padded with spaces so the data starts 8-byte
 * aligned.
 */
public final class SafeTensors {
  private static final int CHUNK = 1 << 20;

  private SafeTensors() {}

  /** Reads every tensor of a file. */
  public static NamedTensors read(Path file) throws IOException {
    try (SafeTensorsFile f = SafeTensorsFile.open(file)) {
      return f.readAll();
    }
  }

  /**
   * Writes {@code tensors}, all stored as {@code dtype}, with string metadata (may be empty).
   * Atomic.
   */
  public static void write(
      Path file, NamedTensors tensors, Map<String, String> metadata, DType dtype)
      throws IOException {
    Path tmp = FileSupport.tmpSibling(file);
    try {
      try (FileChannel ch =
          FileChannel.open(
              tmp,
              StandardOpenOption.CREATE,
              StandardOpenOption.TRUNCATE_EXISTING,
              StandardOpenOption.WRITE)) {
        write(ch, tensors, metadata, dtype);
        ch.force(true);
      }
      FileSupport.moveIntoPlace(tmp, file);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** The bytes of a safetensors file, for small tensors and tests. */
  public static byte[] toBytes(NamedTensors tensors, Map<String, String> metadata, DType dtype) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      write(Channels.newChannel(out), tensors, metadata, dtype);
    } catch (IOException e) {
      throw new IllegalStateException("writing to memory cannot fail", e);
    }
    return out.toByteArray();
  }

  private static void write(
      WritableByteChannel ch, NamedTensors tensors, Map<String, String> metadata, DType dtype)
      throws IOException {
    byte[] header = header(tensors, metadata, dtype);
    ByteBuffer len =
        ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, header.length);
    writeFully(ch, len);
    writeFully(ch, ByteBuffer.wrap(header));
    ByteBuffer buf = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
    for (Tensor t : tensors) {
      float[] data = t.data();
      for (int i = 0; i < data.length; ) {
        buf.clear();
        int n = Math.min(data.length - i, CHUNK / dtype.size());
        encode(dtype, data, i, n, buf);
        buf.flip();
        writeFully(ch, buf);
        i += n;
      }
    }
  }

  private static void encode(DType dtype, float[] data, int off, int n, ByteBuffer buf) {
    switch (dtype) {
      case F32 -> {
        buf.asFloatBuffer().put(data, off, n);
        buf.position(n * 4);
      }
      case F16 -> {
        for (int i = off; i < off + n; i++) {
          buf.putShort(DType.floatToHalf(data[i]));
        }
      }
      case BF16 -> {
        for (int i = off; i < off + n; i++) {
          buf.putShort(DType.floatToBf16(data[i]));
        }
      }
      default -> throw new IllegalStateException("unhandled dtype " + dtype);
    }
  }

  /** The header JSON, padded with spaces to a multiple of 8 bytes. */
  static byte[] header(NamedTensors tensors, Map<String, String> metadata, DType dtype) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    if (!metadata.isEmpty()) {
      ObjectNode meta = root.putObject("__metadata__");
      new TreeMap<>(metadata).forEach(meta::put);
    }
    long offset = 0;
    for (Tensor t : tensors) {
      if (t.name().equals("__metadata__")) {
        throw new IllegalArgumentException("'__metadata__' is reserved and cannot name a tensor");
      }
      ObjectNode e = root.putObject(t.name());
      e.put("dtype", dtype.name());
      var shape = e.putArray("shape");
      for (int d : t.shape()) {
        shape.add(d);
      }
      long bytes = (long) t.data().length * dtype.size();
      e.putArray("data_offsets").add(offset).add(offset + bytes);
      offset += bytes;
    }
    String json = Json.write(root);
    byte[] raw = json.getBytes(StandardCharsets.UTF_8);
    int padded = (raw.length + 7) / 8 * 8;
    byte[] out = new byte[padded];
    System.arraycopy(raw, 0, out, 0, raw.length);
    for (int i = raw.length; i < padded; i++) {
      out[i] = ' ';
    }
    return out;
  }

  private static void writeFully(WritableByteChannel ch, ByteBuffer buf) throws IOException {
    while (buf.hasRemaining()) {
      ch.write(buf);
    }
  }
}
