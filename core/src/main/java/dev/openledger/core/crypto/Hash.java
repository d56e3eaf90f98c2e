package dev.openledger.core.crypto;

import dev.openledger.core.Hex;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/** A 32-byte SHA-256 digest. Ordered by unsigned lexicographic byte order. */
public final class Hash implements Comparable<Hash> {
  public static final int LENGTH = 32;
  public static final Hash ZERO = new Hash(new byte[LENGTH]);

  /** Never updated; only cloned. */
  private static final MessageDigest PROTOTYPE = lookup();

  private final byte[] bytes;

  private Hash(byte[] bytes) {
    this.bytes = bytes;
  }

  /** Wraps exactly 32 bytes (copied). */
  public static Hash wrap(byte[] bytes) {
    if (bytes.length != LENGTH) {
      throw new IllegalArgumentException("a hash is " + LENGTH + " bytes, got " + bytes.length);
    }
    return new Hash(bytes.clone());
  }

  /** Parses 64 hex digits, optionally prefixed by {@code 0x}. */
  public static Hash fromHex(String hex) {
    return wrap(Hex.decode(hex));
  }

  /** SHA-256 of the concatenation of {@code parts}. */
  public static Hash sha256(byte[]... parts) {
    MessageDigest md = newDigest();
    for (byte[] part : parts) {
      md.update(part);
    }
    return new Hash(md.digest());
  }

  /** SHA-256 of a range of a buffer. */
  public static Hash sha256(byte[] buf, int off, int len) {
    MessageDigest md = newDigest();
    md.update(buf, off, len);
    return new Hash(md.digest());
  }

  /**
   * A fresh SHA-256 digest, for streaming inputs. Cloned from an unused prototype: a provider
   * lookup per hash costs more than hashing a few dozen bytes.
   */
  public static MessageDigest newDigest() {
    try {
      return (MessageDigest) PROTOTYPE.clone();
    } catch (CloneNotSupportedException e) {
      return lookup();
    }
  }

  private static MessageDigest lookup() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK provides SHA-256", e);
    }
  }

  /** Wraps a finished digest's output. */
  public static Hash of(MessageDigest finished) {
    return new Hash(finished.digest());
  }

  public byte[] bytes() {
    return bytes.clone();
  }

  /** Copies the 32 bytes into {@code dst} at {@code off}. */
  public void copyTo(byte[] dst, int off) {
    System.arraycopy(bytes, 0, dst, off, LENGTH);
  }

  /** Byte {@code i} as an unsigned value. */
  public int byteAt(int i) {
    return bytes[i] & 0xff;
  }

  public String toHex() {
    return Hex.encode(bytes);
  }

  /** A short form for logs and tables: the first 8 hex digits. */
  public String shortHex() {
    return toHex().substring(0, 8);
  }

  @Override
  public int compareTo(Hash o) {
    return Arrays.compareUnsigned(bytes, o.bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Hash h && Arrays.equals(bytes, h.bytes);
  }

  @Override
  public int hashCode() {
    return (bytes[0] & 0xff) << 24
        | (bytes[1] & 0xff) << 16
        | (bytes[2] & 0xff) << 8
        | (bytes[3] & 0xff);
  }

  @Override
  public String toString() {
    return toHex();
  }
}
