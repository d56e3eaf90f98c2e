package dev.openledger.modelfactory.data;

import dev.openledger.core.crypto.Hash;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Independent seeds for the parts of a run, derived from the spec's one seed and a label. */
public final class Seeds {
  public static final String ADAPTER_INIT = "adapter-init";
  public static final String ROW_ORDER = "row-order";
  public static final String DROPOUT = "dropout";
  public static final String EVAL_SPLIT = "eval-split";
  public static final String PROJECTION = "gradient-projection";

  private Seeds() {}

  /** The first 8 bytes (big-endian) of SHA-256(seed as 8 bytes ‖ label). */
  public static long derive(long seed, String label) {
    byte[] s = ByteBuffer.allocate(8).putLong(seed).array();
    return ByteBuffer.wrap(Hash.sha256(s, label.getBytes(StandardCharsets.UTF_8)).bytes())
        .getLong();
  }
}
