package dev.openledger.ml.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.openledger.core.crypto.Hash;
import dev.openledger.core.json.Json;
import dev.openledger.ml.lora.LoraConfig;
import dev.openledger.ml.model.LlamaConfig;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;

/**
 * A resumable training state: trained parameters, AdamW moments and the step. The run's random
 * state is (seed, step) — every stream is derived from them (see {@link Trainer}) — and both are
 * saved, so resuming continues bit for bit.
 *
 * <p>File format (little-endian):
 *
 * <pre>
 *   8 bytes   magic "OLCKPT" 0x00 0x01
 *   int32     header length H
 *   H bytes   UTF-8 JSON header: {"kind":"base"|"lora", "model":{…}, "lora":{…}|null, "train":{…},
 *             "step":s, "size":n, "baseSha256":hex|null}
 *   n float32 parameters, then n float32 first moments, then n float32 second moments
 * </pre>
 *
 * For a LoRA run {@code baseSha256} is the SHA-256 of the frozen base weights (float32 LE), checked
 * on resume.
 *
 * @param kind "base" or "lora"
 * @param model the model shape
 * @param lora the adapter shape for a LoRA run, else null
 * @param train the run's hyper-parameters (its seed included)
 * @param step optimizer steps done
 * @param baseSha256 hash of the frozen base for a LoRA run, else null
 * @param params trained parameters
 * @param m AdamW first moments
 * @param v AdamW second moments
 */
public record Checkpoint(
    String kind,
    LlamaConfig model,
    LoraConfig lora,
    TrainConfig train,
    int step,
    String baseSha256,
    float[] params,
    float[] m,
    float[] v) {

  private static final byte[] MAGIC = {'O', 'L', 'C', 'K', 'P', 'T', 0, 1};
  private static final int MAX_HEADER = 1 << 20;

  public Checkpoint {
    if (!kind.equals("base") && !kind.equals("lora")) {
      throw new IllegalArgumentException("checkpoint kind must be base or lora, got " + kind);
    }
    if ((lora == null) == kind.equals("lora")) {
      throw new IllegalArgumentException(
          "a lora checkpoint needs an adapter config, a base one none");
    }
    if (m.length != params.length || v.length != params.length) {
      throw new IllegalArgumentException("moments and parameters differ in length");
    }
  }

  /** The JSON header. */
  record Header(
      String kind,
      LlamaConfig model,
      LoraConfig lora,
      TrainConfig train,
      int step,
      int size,
      String baseSha256) {}

  /**
   * Captures a trainer's state. {@code base} is the frozen base for LoRA runs (hashed), else null.
   */
  public static Checkpoint of(Trainer trainer, LlamaConfig model, LoraConfig lora, float[] base) {
    return new Checkpoint(
        lora == null ? "base" : "lora",
        model,
        lora,
        trainer.config(),
        trainer.stepsDone(),
        base == null ? null : sha256(base),
        trainer.objective().params().clone(),
        trainer.optimizer().m().clone(),
        trainer.optimizer().v().clone());
  }

  /**
   * A trainer that continues this checkpoint: its parameters are copied into {@code objective}
   * (which must be built for the same model and adapter shapes), its moments restored.
   */
  public Trainer resume(Objective objective, BatchSource data) {
    float[] target = objective.params();
    if (target.length != params.length) {
      throw new IllegalArgumentException(
          "checkpoint holds " + params.length + " parameters, the objective " + target.length);
    }
    System.arraycopy(params, 0, target, 0, params.length);
    return new Trainer(
        objective, train, data, new AdamW(objective.decayMask(), m.clone(), v.clone()), step);
  }

  /** SHA-256 of floats as little-endian bytes, in hex. */
  public static String sha256(float[] data) {
    ByteBuffer buf = ByteBuffer.allocate(data.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    buf.asFloatBuffer().put(data);
    return Hash.sha256(buf.array()).toHex();
  }

  /**
   * Writes the checkpoint atomically: to a temporary file beside {@code path}, then renamed over
   * it.
   */
  public void write(Path path) throws IOException {
    Path dir = path.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, path.getFileName().toString(), ".tmp");
    try {
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
        byte[] header =
            Json.mapper()
                .writeValueAsBytes(
                    new Header(kind, model, lora, train, step, params.length, baseSha256));
        out.write(MAGIC);
        out.write(
            ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(header.length).array());
        out.write(header);
        writeFloats(out, params);
        writeFloats(out, m);
        writeFloats(out, v);
      }
      Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * Reads a checkpoint; a file that is not one, or is truncated, fails with a message saying so.
   */
  public static Checkpoint read(Path path) throws IOException {
    try (DataInputStream in =
        new DataInputStream(new BufferedInputStream(Files.newInputStream(path), 1 << 16))) {
      byte[] magic = new byte[MAGIC.length];
      readFully(in, magic, path);
      if (!Arrays.equals(magic, MAGIC)) {
        throw new IOException(path + " is not an openledger training checkpoint (bad magic)");
      }
      byte[] len = new byte[4];
      readFully(in, len, path);
      int h = ByteBuffer.wrap(len).order(ByteOrder.LITTLE_ENDIAN).getInt();
      if (h <= 0 || h > MAX_HEADER) {
        throw new IOException(path + ": checkpoint header length " + h + " is out of range");
      }
      byte[] hb = new byte[h];
      readFully(in, hb, path);
      Header header;
      try {
        header = Json.mapper().readValue(hb, Header.class);
      } catch (JsonProcessingException e) {
        throw new IOException(path + ": bad checkpoint header: " + e.getOriginalMessage(), e);
      }
      long expected = MAGIC.length + 4L + h + 12L * header.size();
      if (header.size() < 0 || Files.size(path) != expected) {
        throw new IOException(
            path
                + ": checkpoint is "
                + Files.size(path)
                + " bytes, its header promises "
                + expected
                + " (truncated or corrupt)");
      }
      float[] p = readFloats(in, header.size(), path);
      float[] m = readFloats(in, header.size(), path);
      float[] v = readFloats(in, header.size(), path);
      if (in.read() != -1) {
        throw new IOException(path + ": trailing bytes after the checkpoint data");
      }
      return new Checkpoint(
          header.kind(),
          header.model(),
          header.lora(),
          header.train(),
          header.step(),
          header.baseSha256(),
          p,
          m,
          v);
    }
  }

  private static void writeFloats(OutputStream out, float[] data) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
    for (float f : data) {
      if (!buf.hasRemaining()) {
        out.write(buf.array(), 0, buf.position());
        buf.clear();
      }
      buf.putFloat(f);
    }
    out.write(buf.array(), 0, buf.position());
  }

  private static float[] readFloats(InputStream in, int n, Path path) throws IOException {
    if (n < 0) {
      throw new IOException(path + ": negative tensor size");
    }
    byte[] bytes = new byte[n * 4];
    readFully(in, bytes, path);
    float[] out = new float[n];
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
    return out;
  }

  private static void readFully(InputStream in, byte[] buf, Path path) throws IOException {
    int off = 0;
    while (off < buf.length) {
      int r = in.read(buf, off, buf.length - off);
      if (r < 0) {
        throw new EOFException(
            path + " is truncated: expected " + buf.length + " more bytes, got " + off);
      }
      off += r;
    }
  }

  /** The string form of the header, for logs. */
  @Override
  public String toString() {
    return "Checkpoint["
        + kind
        + ", step "
        + step
        + ", "
        + params.length
        + " params, hash "
        + sha256(params)
        + "]";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Checkpoint c
        && c.kind.equals(kind)
        && c.model.equals(model)
        && java.util.Objects.equals(c.lora, lora)
        && c.train.equals(train)
        && c.step == step
        && java.util.Objects.equals(c.baseSha256, baseSha256)
        && Arrays.equals(c.params, params)
        && Arrays.equals(c.m, m)
        && Arrays.equals(c.v, v);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(kind, step, Arrays.hashCode(params));
  }
}
