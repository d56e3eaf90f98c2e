package dev.openledger.core.crypto;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * An Ed25519 key pair held in memory. The 32-byte private seed never leaves this object except
 * through {@link #exportSeed()}, which exists for the encrypted keystore; {@link #toString()} never
 * shows it.
 */
public final class KeyPair {
  public static final int SEED_LENGTH = 32;

  private final byte[] seed;
  private final PublicKey publicKey;

  private KeyPair(byte[] seed) {
    this.seed = seed;
    byte[] pk = new byte[PublicKey.LENGTH];
    Ed25519.generatePublicKey(seed, 0, pk, 0);
    this.publicKey = PublicKey.adopt(pk);
  }

  /** A new key from the system's strong random source. */
  public static KeyPair generate() {
    byte[] seed = new byte[SEED_LENGTH];
    new SecureRandom().nextBytes(seed);
    return new KeyPair(seed);
  }

  /** The key whose RFC 8032 private seed is {@code seed} (copied). */
  public static KeyPair fromSeed(byte[] seed) {
    if (seed.length != SEED_LENGTH) {
      throw new IllegalArgumentException(
          "an Ed25519 seed is " + SEED_LENGTH + " bytes, got " + seed.length);
    }
    return new KeyPair(seed.clone());
  }

  /**
   * A deterministic key for devnets and tests: the seed is SHA-256 of the label. Anyone who knows
   * the label has the key, so such keys must never hold real value.
   */
  public static KeyPair insecureFromLabel(String label) {
    return new KeyPair(
        Hash.sha256(("openledger-insecure-key:" + label).getBytes(StandardCharsets.UTF_8)).bytes());
  }

  public PublicKey publicKey() {
    return publicKey;
  }

  public Address address() {
    return publicKey.address();
  }

  /** The RFC 8032 deterministic signature over {@code message}. */
  public Signature sign(byte[] message) {
    byte[] sig = new byte[Signature.LENGTH];
    Ed25519.sign(seed, 0, message, 0, message.length, sig, 0);
    return Signature.adopt(sig);
  }

  /** The private seed, for writing an encrypted keystore. Callers must wipe the copy when done. */
  public byte[] exportSeed() {
    return seed.clone();
  }

  /** Overwrites the private seed in memory. The key pair must not be used afterwards. */
  public void destroy() {
    Arrays.fill(seed, (byte) 0);
  }

  @Override
  public String toString() {
    return "KeyPair[" + address() + "]";
  }
}
