package dev.openledger.ledger.state;

import dev.openledger.core.Hex;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A state key: immutable bytes ordered by unsigned lexicographic order. */
public final class StateKey implements Comparable<StateKey> {
  /** Keys are short paths; this bounds them so that proofs and storage keys stay small. */
  public static final int MAX_LENGTH = 256;

  private final byte[] bytes;
  private final int hash;

  private StateKey(byte[] bytes) {
    if (bytes.length == 0 || bytes.length > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "a state key has 1.." + MAX_LENGTH + " bytes, got " + bytes.length);
    }
    this.bytes = bytes;
    this.hash = Arrays.hashCode(bytes);
  }

  public static StateKey of(byte[] bytes) {
    return new StateKey(bytes.clone());
  }

  static StateKey adopt(byte[] bytes) {
    return new StateKey(bytes);
  }

  public byte[] bytes() {
    return bytes.clone();
  }

  public int length() {
    return bytes.length;
  }

  /** True when this key begins with {@code prefix}. */
  public boolean startsWith(StateKey prefix) {
    return bytes.length >= prefix.bytes.length
        && Arrays.equals(bytes, 0, prefix.bytes.length, prefix.bytes, 0, prefix.bytes.length);
  }

  /** This key with {@code suffix} appended. */
  public StateKey append(byte[] suffix) {
    byte[] out = Arrays.copyOf(bytes, bytes.length + suffix.length);
    System.arraycopy(suffix, 0, out, bytes.length, suffix.length);
    return new StateKey(out);
  }

  /**
   * The smallest key greater than every key starting with this prefix, or null when there is none
   * (all bytes 0xff). Used as the exclusive upper bound of a prefix scan.
   */
  public StateKey prefixEnd() {
    byte[] out = bytes.clone();
    for (int i = out.length - 1; i >= 0; i--) {
      if (out[i] != (byte) 0xff) {
        out[i]++;
        return new StateKey(Arrays.copyOf(out, i + 1));
      }
    }
    return null;
  }

  @Override
  public int compareTo(StateKey o) {
    return Arrays.compareUnsigned(bytes, o.bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StateKey k && k.hash == hash && Arrays.equals(bytes, k.bytes);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  /** Printable ASCII as text, other bytes as {@code \xNN}: namespaces stay readable in logs. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    for (byte b : bytes) {
      if (b >= 0x21 && b < 0x7f) {
        sb.append((char) b);
      } else {
        sb.append("\\x").append(Hex.encode(new byte[] {b}));
      }
    }
    return sb.toString();
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
