package dev.openledger.core.codec;

import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import dev.openledger.core.crypto.PublicKey;
import dev.openledger.core.crypto.Signature;
import dev.openledger.core.money.Amount;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Reads canonical encodings from a byte range, rejecting anything the writer would not produce. */
public final class CanonicalReader {
  private final byte[] buf;
  private final int end;
  private int pos;

  public CanonicalReader(byte[] buf) {
    this(buf, 0, buf.length);
  }

  public CanonicalReader(byte[] buf, int off, int len) {
    this.buf = buf;
    this.pos = off;
    this.end = off + len;
  }

  public int remaining() {
    return end - pos;
  }

  public int position() {
    return pos;
  }

  private void need(int n, String what) throws DecodeException {
    if (n < 0 || n > end - pos) {
      throw new DecodeException(
          "truncated input: " + what + " needs " + n + " bytes, " + (end - pos) + " left");
    }
  }

  public int u8(String field) throws DecodeException {
    need(1, field);
    return buf[pos++] & 0xff;
  }

  public boolean bool(String field) throws DecodeException {
    int v = u8(field);
    if (v > 1) {
      throw new DecodeException(field + ": boolean must be 0 or 1, got " + v);
    }
    return v == 1;
  }

  public long u32(String field) throws DecodeException {
    need(4, field);
    long v = 0;
    for (int i = 0; i < 4; i++) {
      v = (v << 8) | (buf[pos++] & 0xff);
    }
    return v;
  }

  public long i64(String field) throws DecodeException {
    need(8, field);
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (buf[pos++] & 0xff);
    }
    return v;
  }

  /** A shortest-form unsigned LEB128 varint that fits in a non-negative long. */
  public long varint(String field) throws DecodeException {
    long v = 0;
    for (int shift = 0; shift < 63; shift += 7) {
      int b = u8(field);
      v |= (long) (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        if (b == 0 && shift > 0) {
          throw new DecodeException(field + ": varint is not in its shortest form");
        }
        return v;
      }
    }
    // Nine groups of 7 bits hold 63 bits; a continuation bit on the ninth would need bit 63 or
    // more.
    throw new DecodeException(field + ": varint exceeds 63 bits");
  }

  /** A varint that must be at most {@code max}. */
  public long varint(String field, long max) throws DecodeException {
    long v = varint(field);
    if (v > max) {
      throw new DecodeException(field + ": " + v + " exceeds the limit of " + max);
    }
    return v;
  }

  /** A length-prefixed byte string of at most {@code maxLength} bytes. */
  public byte[] bytes(String field, int maxLength) throws DecodeException {
    int len = (int) varint(field + " length", maxLength);
    need(len, field);
    byte[] out = Arrays.copyOfRange(buf, pos, pos + len);
    pos += len;
    return out;
  }

  /** Exactly {@code length} raw bytes. */
  public byte[] raw(String field, int length) throws DecodeException {
    need(length, field);
    byte[] out = Arrays.copyOfRange(buf, pos, pos + length);
    pos += length;
    return out;
  }

  /** A length-prefixed string of at most {@code maxBytes} bytes of valid UTF-8. */
  public String string(String field, int maxBytes) throws DecodeException {
    byte[] b = bytes(field, maxBytes);
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(b))
          .toString();
    } catch (CharacterCodingException e) {
      throw new DecodeException(field + ": not valid UTF-8");
    }
  }

  public Hash hash(String field) throws DecodeException {
    return Hash.wrap(raw(field, Hash.LENGTH));
  }

  public Address address(String field) throws DecodeException {
    return Address.wrap(raw(field, Address.LENGTH));
  }

  public PublicKey publicKey(String field) throws DecodeException {
    byte[] b = raw(field, PublicKey.LENGTH);
    try {
      return PublicKey.wrap(b);
    } catch (IllegalArgumentException e) {
      throw new DecodeException(field + ": " + e.getMessage());
    }
  }

  public Signature signature(String field) throws DecodeException {
    return Signature.wrap(raw(field, Signature.LENGTH));
  }

  public Amount amount(String field) throws DecodeException {
    return Amount.ofNano(varint(field));
  }

  /** Fails unless every byte has been consumed. */
  public void finish() throws DecodeException {
    if (pos != end) {
      throw new DecodeException("trailing bytes: " + (end - pos) + " after the value");
    }
  }
}
