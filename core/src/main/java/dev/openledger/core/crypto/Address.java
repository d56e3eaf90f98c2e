package dev.openledger.core.crypto;

import dev.openledger.core.Hex;
import java.util.Arrays;
import java.util.Optional;

/**
 * An account address: the first 20 bytes of SHA-256 over the account's Ed25519 public key. Its text
 * form is Bech32m with the prefix {@code ol}, e.g. {@code ol1...}, so a mistyped character is
 * caught by the checksum instead of sending money nowhere. Ordered by unsigned byte order.
 */
public final class Address implements Comparable<Address> {
  public static final int LENGTH = 20;
  public static final String PREFIX = "ol";

  private final byte[] bytes;

  private Address(byte[] bytes) {
    this.bytes = bytes;
  }

  public static Address fromPublicKey(PublicKey key) {
    return new Address(Arrays.copyOf(Hash.sha256(key.bytes()).bytes(), LENGTH));
  }

  /** Wraps exactly 20 bytes (copied). */
  public static Address wrap(byte[] bytes) {
    if (bytes.length != LENGTH) {
      throw new IllegalArgumentException("an address is " + LENGTH + " bytes, got " + bytes.length);
    }
    return new Address(bytes.clone());
  }

  /**
   * A well-known address that no key controls (module accounts such as the treasury): the first 20
   * bytes of SHA-256 over {@code "openledger-module:" + name}.
   */
  public static Address module(String name) {
    return new Address(
        Arrays.copyOf(
            Hash.sha256(
                    ("openledger-module:" + name).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .bytes(),
            LENGTH));
  }

  /**
   * Parses the Bech32m text form.
   *
   * @throws IllegalArgumentException saying what is wrong (prefix, character, checksum, length)
   */
  public static Address parse(String text) {
    byte[] raw;
    try {
      raw = Bech32m.decode(PREFIX, text.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("invalid address '" + text + "': " + e.getMessage(), e);
    }
    if (raw.length != LENGTH) {
      throw new IllegalArgumentException(
          "invalid address '" + text + "': holds " + raw.length + " bytes, not " + LENGTH);
    }
    return new Address(raw);
  }

  public static Optional<Address> tryParse(String text) {
    try {
      return Optional.of(parse(text));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  public byte[] bytes() {
    return bytes.clone();
  }

  public String toHex() {
    return Hex.encode(bytes);
  }

  @Override
  public int compareTo(Address o) {
    return Arrays.compareUnsigned(bytes, o.bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Address a && Arrays.equals(bytes, a.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  /** The Bech32m text form. */
  @Override
  public String toString() {
    return Bech32m.encode(PREFIX, bytes);
  }
}
