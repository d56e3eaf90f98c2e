package dev.openledger.modelfactory.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.openledger.core.json.Json;
import dev.openledger.modelfactory.io.AtomicFiles;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A job's loss curve, one JSON {@link LossPoint} per line, appended as training goes and synced
 * with each checkpoint. After a crash the file may run past the last checkpoint or end in a torn
 * line; {@link #openAt} keeps exactly the points up to the checkpoint's step.
 */
public final class LossCurve implements AutoCloseable {
  private static final ObjectWriter WRITER = Json.mapper().writerFor(LossPoint.class);
  private static final ObjectReader READER = Json.mapper().readerFor(LossPoint.class);

  private final FileChannel channel;
  private long lastTokens;

  private LossCurve(FileChannel channel, long lastTokens) {
    this.channel = channel;
    this.lastTokens = lastTokens;
  }

  /**
   * Opens the curve for appending after step {@code step}: points beyond it (and a torn tail) are
   * dropped.
   */
  public static LossCurve openAt(Path file, int step) throws IOException {
    List<LossPoint> kept = new ArrayList<>();
    for (LossPoint p : readLive(file)) {
      if (p.step() <= step) {
        kept.add(p);
      }
    }
    if (kept.size() != step) {
      throw new IOException(
          file
              + " holds "
              + kept.size()
              + " points up to step "
              + step
              + "; the curve is missing steps");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (LossPoint p : kept) {
      out.write(line(p));
    }
    AtomicFiles.write(file, out.toByteArray());
    FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    return new LossCurve(ch, kept.isEmpty() ? 0 : kept.get(kept.size() - 1).tokens());
  }

  /** Tokens trained on at the last point (0 before the first). */
  public long lastTokens() {
    return lastTokens;
  }

  public void append(LossPoint p) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(line(p));
    while (b.hasRemaining()) {
      channel.write(b);
    }
    lastTokens = p.tokens();
  }

  /** Forces appended points to stable storage (before a checkpoint is written). */
  public void sync() throws IOException {
    channel.force(false);
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }

  /** Every point of a finished curve; a malformed line is an error. */
  public static List<LossPoint> read(Path file) throws IOException {
    List<LossPoint> out = new ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      while ((line = in.readLine()) != null) {
        try {
          out.add(READER.readValue(line));
        } catch (JsonProcessingException e) {
          throw new IOException(
              file + " line " + (out.size() + 1) + ": " + e.getOriginalMessage(), e);
        }
      }
    }
    return out;
  }

  /**
   * The points of a curve that may be growing or may end in a torn line (an append in progress, or
   * a crash mid-append): the incomplete last line is left out.
   */
  public static List<LossPoint> readLive(Path file) throws IOException {
    List<LossPoint> out = new ArrayList<>();
    if (!Files.exists(file)) {
      return out;
    }
    byte[] bytes = Files.readAllBytes(file);
    int start = 0;
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == '\n') {
        out.add(READER.readValue(bytes, start, i - start));
        start = i + 1;
      }
    }
    return out; // bytes after the last newline are a torn append
  }

  private static byte[] line(LossPoint p) throws JsonProcessingException {
    byte[] json = WRITER.writeValueAsBytes(p);
    byte[] out = java.util.Arrays.copyOf(json, json.length + 1);
    out[json.length] = '\n';
    return out;
  }
}
