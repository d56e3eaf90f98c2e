package dev.openledger.ml.format;

import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.crypto.Hash;
import dev.openledger.ml.lora.LoraConfig;
import dev.openledger.ml.model.LinearKind;
import dev.openledger.ml.model.LlamaConfig;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Map;

/**
 * A PEFT LoRA adapter directory, loadable by Python's {@code PeftModel.from_pretrained}:
 *
 * <pre>
 * adapter_config.json         {@link AdapterConfigJson}
 * adapter_model.safetensors   lora_A [r, in] and lora_B [out, r] per layer and target, {@link PeftNames}
 * </pre>
 *
 * Older PEFT directories with a pickled {@code adapter_model.bin} are refused (pickles can run
 * code).
 */
public final class PeftAdapterDirectory {
  public static final String CONFIG = "adapter_config.json";
  public static final String WEIGHTS = "adapter_model.safetensors";
  private static final String HASH_DOMAIN = "openledger/peft-lora-adapter/v1";

  private PeftAdapterDirectory() {}

  /** Writes {@code adapter} into {@code dir} after checking it against {@code base}. */
  public static void write(Path dir, PeftAdapter adapter, LlamaConfig base, DType dtype)
      throws IOException {
    adapter.check(base);
    Files.createDirectories(dir);
    SafeTensors.write(dir.resolve(WEIGHTS), adapter.tensors(), Map.of("format", "pt"), dtype);
    String json =
        AdapterConfigJson.toJson(
            new AdapterConfigJson.Contents(adapter.config(), adapter.baseModel()));
    FileSupport.writeAtomically(dir.resolve(CONFIG), json.getBytes(StandardCharsets.UTF_8));
  }

  /** Reads an adapter directory and checks it against the base model it will be applied to. */
  public static PeftAdapter read(Path dir, LlamaConfig base) throws IOException {
    AdapterConfigJson.Contents c = readConfig(dir);
    Path weights = dir.resolve(WEIGHTS);
    if (!Files.isRegularFile(weights)) {
      String why =
          Files.exists(dir.resolve("adapter_model.bin"))
              ? " (adapter_model.bin pickles are not read; convert to safetensors)"
              : "";
      throw new NoSuchFileException(
          weights.toString(), null, "not an adapter directory: " + WEIGHTS + " is missing" + why);
    }
    PeftAdapter adapter = new PeftAdapter(c.config(), c.baseModel(), SafeTensors.read(weights));
    try {
      adapter.check(base);
    } catch (IllegalArgumentException e) {
      throw new FormatException(WEIGHTS + ": " + e.getMessage(), e);
    }
    return adapter;
  }

  /** Reads only {@code adapter_config.json}. */
  public static AdapterConfigJson.Contents readConfig(Path dir) throws IOException {
    Path file = dir.resolve(CONFIG);
    if (!Files.isRegularFile(file)) {
      throw new NoSuchFileException(
          file.toString(), null, "not an adapter directory: " + CONFIG + " is missing");
    }
    return AdapterConfigJson.parse(FileSupport.readBounded(file, 1 << 20, CONFIG));
  }

  /**
   * The adapter's content hash: SHA-256 over a canonical encoding of the base model id, rank,
   * alpha, dropout, target modules (in {@link LinearKind} order) and every tensor in name order
   * (name, shape, float32 bits little-endian). It depends on what the adapter computes, not on how
   * it was stored: JSON formatting, field order and the safetensors dtype or layout do not change
   * it (an F16 file hashes as its values widened to float32).
   */
  public static Hash contentHash(PeftAdapter adapter) {
    MessageDigest md = Hash.newDigest();
    LoraConfig c = adapter.config();
    CanonicalWriter w = new CanonicalWriter();
    w.string(HASH_DOMAIN);
    w.bool(adapter.baseModel().isPresent()).string(adapter.baseModel().orElse(""));
    w.u32(c.rank())
        .u32(Integer.toUnsignedLong(Float.floatToIntBits(c.alpha())))
        .u32(Integer.toUnsignedLong(Float.floatToIntBits(c.dropout())));
    w.varint(c.targets().size());
    c.targets().forEach(k -> w.string(k.peftName()));
    w.varint(adapter.tensors().size());
    md.update(w.toByteArray());
    ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
    for (Tensor t : adapter.tensors()) {
      CanonicalWriter h = new CanonicalWriter().string(t.name()).varint(t.rank());
      for (int d : t.shape()) {
        h.varint(d);
      }
      md.update(h.toByteArray());
      float[] data = t.data();
      for (int i = 0; i < data.length; ) {
        buf.clear();
        int n = Math.min(data.length - i, buf.capacity() / 4);
        for (int j = 0; j < n; j++) {
          buf.putInt(Float.floatToIntBits(data[i + j])); // canonical NaN
        }
        buf.flip();
        md.update(buf);
        i += n;
      }
    }
    return Hash.of(md);
  }

  /** Reads {@code dir} (checked against {@code base}) and returns its {@link #contentHash}. */
  public static Hash contentHash(Path dir, LlamaConfig base) throws IOException {
    return contentHash(read(dir, base));
  }
}
