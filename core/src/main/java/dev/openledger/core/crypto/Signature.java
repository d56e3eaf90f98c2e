package dev.openledger.core.crypto;

import dev.openledger.core.Hex;
import java.util.Arrays;

/** A 64-byte Ed25519 signature (RFC 8032). */
public final class Signature {
  public static final int LENGTH = 64;

  private final byte[] bytes;

  private Signature(byte[] bytes) {
    this.bytes = bytes;
  }

  /**
   * Wraps exactly 64 bytes (copied). Whether they form a valid signature is decided by
   * verification.
   */
  public static Signature wrap(byte[] bytes) {
    if (bytes.length != LENGTH) {
      throw new IllegalArgumentException(
          "an Ed25519 signature is " + LENGTH + " bytes, got " + bytes.length);
    }
    return new Signature(bytes.clone());
  }

  static Signature adopt(byte[] bytes) {
    return new Signature(bytes);
  }

  public static Signature fromHex(String hex) {
    return wrap(Hex.decode(hex));
  }

  public byte[] bytes() {
    return bytes.clone();
  }

  byte[] internal() {
    return bytes;
  }

  public String toHex() {
    return Hex.encode(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Signature s && Arrays.equals(bytes, s.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return toHex();
  }
}
