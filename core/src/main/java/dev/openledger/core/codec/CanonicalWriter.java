package dev.openledger.core.codec;

import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import dev.openledger.core.crypto.PublicKey;
import dev.openledger.core.crypto.Signature;
import dev.openledger.core.money.Amount;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Appends canonical encodings to a growing buffer. Not thread-safe. */
public final class CanonicalWriter {
  private byte[] buf;
  private int size;

  public CanonicalWriter() {
    this(64);
  }

  public CanonicalWriter(int initialCapacity) {
    buf = new byte[Math.max(16, initialCapacity)];
  }

  private void ensure(int extra) {
    if (size + extra > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + extra));
    }
  }

  public CanonicalWriter u8(int v) {
    if (v < 0 || v > 0xff) {
      throw new IllegalArgumentException("u8 out of range: " + v);
    }
    ensure(1);
    buf[size++] = (byte) v;
    return this;
  }

  public CanonicalWriter bool(boolean v) {
    return u8(v ? 1 : 0);
  }

  public CanonicalWriter u32(long v) {
    if (v < 0 || v > 0xffffffffL) {
      throw new IllegalArgumentException("u32 out of range: " + v);
    }
    ensure(4);
    for (int i = 3; i >= 0; i--) {
      buf[size++] = (byte) (v >>> (8 * i));
    }
    return this;
  }

  /** A signed 64-bit value, big-endian two's complement. */
  public CanonicalWriter i64(long v) {
    ensure(8);
    for (int i = 7; i >= 0; i--) {
      buf[size++] = (byte) (v >>> (8 * i));
    }
    return this;
  }

  /** An unsigned LEB128 varint of a non-negative long, shortest form. */
  public CanonicalWriter varint(long v) {
    if (v < 0) {
      throw new IllegalArgumentException("varint must be non-negative: " + v);
    }
    ensure(10);
    while ((v & ~0x7fL) != 0) {
      buf[size++] = (byte) ((v & 0x7f) | 0x80);
      v >>>= 7;
    }
    buf[size++] = (byte) v;
    return this;
  }

  /** Raw bytes with no length prefix (for fixed-size fields). */
  public CanonicalWriter raw(byte[] bytes) {
    ensure(bytes.length);
    System.arraycopy(bytes, 0, buf, size, bytes.length);
    size += bytes.length;
    return this;
  }

  /** Length-prefixed bytes. */
  public CanonicalWriter bytes(byte[] bytes) {
    varint(bytes.length);
    return raw(bytes);
  }

  /** Length-prefixed UTF-8. */
  public CanonicalWriter string(String s) {
    return bytes(s.getBytes(StandardCharsets.UTF_8));
  }

  public CanonicalWriter hash(Hash h) {
    ensure(Hash.LENGTH);
    h.copyTo(buf, size);
    size += Hash.LENGTH;
    return this;
  }

  public CanonicalWriter address(Address a) {
    return raw(a.bytes());
  }

  public CanonicalWriter publicKey(PublicKey k) {
    return raw(k.bytes());
  }

  public CanonicalWriter signature(Signature s) {
    return raw(s.bytes());
  }

  public CanonicalWriter amount(Amount a) {
    return varint(a.nano());
  }

  public int size() {
    return size;
  }

  public byte[] toByteArray() {
    return Arrays.copyOf(buf, size);
  }
}
