package dev.openledger.core.keystore;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.openledger.core.Hex;
import dev.openledger.core.Result;
import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.KeyPair;
import dev.openledger.core.crypto.PublicKey;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.spec.KeySpec;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * One encrypted key, as stored in a file.
 *
 * <pre>
 * {
 *   "version": 1,
 *   "address": "ol1...",
 *   "publicKey": "&lt;32 bytes hex&gt;",
 *   "crypto": {
 *     "cipher": "aes-256-gcm", "iv": "&lt;12 bytes hex&gt;", "ciphertext": "&lt;seed (32) + GCM tag (16), hex&gt;",
 *     "kdf": "pbkdf2-hmac-sha256", "kdfparams": {"iterations": 600000, "salt": "&lt;16 bytes hex&gt;", "dklen": 32}
 *   }
 * }
 * </pre>
 *
 * @param version format version, 1
 * @param address the key's address
 * @param publicKey the key's public key (also the cipher's associated data)
 * @param crypto the encrypted seed and how to decrypt it
 */
@JsonPropertyOrder({"version", "address", "publicKey", "crypto"})
public record KeyFile(int version, Address address, PublicKey publicKey, Crypto crypto) {
  public static final int VERSION = 1;

  /** PBKDF2 iterations for new files: OWASP's 2023 recommendation for PBKDF2-HMAC-SHA256. */
  public static final int DEFAULT_ITERATIONS = 600_000;

  static final String CIPHER = "aes-256-gcm";
  static final String KDF = "pbkdf2-hmac-sha256";
  private static final int IV_BYTES = 12;
  private static final int SALT_BYTES = 16;
  private static final int TAG_BITS = 128;
  private static final int MAX_ITERATIONS = 50_000_000;

  public KeyFile {
    if (version != VERSION) {
      throw new IllegalArgumentException(
          "unsupported key file version "
              + version
              + " (this program reads version "
              + VERSION
              + ")");
    }
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(publicKey, "publicKey");
    Objects.requireNonNull(crypto, "crypto");
    if (!publicKey.address().equals(address)) {
      throw new IllegalArgumentException(
          "key file address " + address + " does not belong to its public key");
    }
  }

  /**
   * The cipher section.
   *
   * @param cipher {@code aes-256-gcm}
   * @param iv the GCM nonce, hex
   * @param ciphertext the encrypted seed followed by the GCM tag, hex
   * @param kdf {@code pbkdf2-hmac-sha256}
   * @param kdfparams the derivation parameters
   */
  @JsonPropertyOrder({"cipher", "iv", "ciphertext", "kdf", "kdfparams"})
  public record Crypto(
      String cipher, String iv, String ciphertext, String kdf, KdfParams kdfparams) {
    public Crypto {
      if (!CIPHER.equals(cipher)) {
        throw new IllegalArgumentException(
            "unsupported cipher '" + cipher + "' (expected " + CIPHER + ")");
      }
      if (!KDF.equals(kdf)) {
        throw new IllegalArgumentException("unsupported kdf '" + kdf + "' (expected " + KDF + ")");
      }
      Objects.requireNonNull(kdfparams, "kdfparams");
      if (Hex.decode(iv).length != IV_BYTES) {
        throw new IllegalArgumentException("iv must be " + IV_BYTES + " bytes");
      }
      if (Hex.decode(ciphertext).length != KeyPair.SEED_LENGTH + TAG_BITS / 8) {
        throw new IllegalArgumentException(
            "ciphertext must be " + (KeyPair.SEED_LENGTH + TAG_BITS / 8) + " bytes");
      }
    }
  }

  /**
   * PBKDF2 parameters.
   *
   * @param iterations PBKDF2 rounds
   * @param salt random salt, hex
   * @param dklen derived key length in bytes, 32
   */
  @JsonPropertyOrder({"iterations", "salt", "dklen"})
  public record KdfParams(int iterations, String salt, int dklen) {
    public KdfParams {
      if (iterations < 1 || iterations > MAX_ITERATIONS) {
        throw new IllegalArgumentException(
            "kdf iterations must be within [1, " + MAX_ITERATIONS + "]");
      }
      if (Hex.decode(salt).length < 8) {
        throw new IllegalArgumentException("kdf salt must be at least 8 bytes");
      }
      if (dklen != 32) {
        throw new IllegalArgumentException("dklen must be 32");
      }
    }
  }

  /** Encrypts a key under a passphrase with fresh salt and nonce. */
  public static KeyFile encrypt(KeyPair key, char[] passphrase, int iterations) {
    SecureRandom random = new SecureRandom();
    byte[] salt = new byte[SALT_BYTES];
    byte[] iv = new byte[IV_BYTES];
    random.nextBytes(salt);
    random.nextBytes(iv);
    byte[] seed = key.exportSeed();
    byte[] dk = derive(passphrase, salt, iterations);
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(dk, "AES"), new GCMParameterSpec(TAG_BITS, iv));
      c.updateAAD(key.publicKey().bytes());
      byte[] ct = c.doFinal(seed);
      return new KeyFile(
          VERSION,
          key.address(),
          key.publicKey(),
          new Crypto(
              CIPHER,
              Hex.encode(iv),
              Hex.encode(ct),
              KDF,
              new KdfParams(iterations, Hex.encode(salt), 32)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is part of every JDK", e);
    } finally {
      Arrays.fill(seed, (byte) 0);
      Arrays.fill(dk, (byte) 0);
    }
  }

  /**
   * Decrypts the key; fails with {@code wrong_passphrase} when the passphrase (or the file) is
   * wrong.
   */
  public Result<KeyPair> decrypt(char[] passphrase) {
    byte[] dk =
        derive(passphrase, Hex.decode(crypto.kdfparams().salt()), crypto.kdfparams().iterations());
    byte[] seed = null;
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(
          Cipher.DECRYPT_MODE,
          new SecretKeySpec(dk, "AES"),
          new GCMParameterSpec(TAG_BITS, Hex.decode(crypto.iv())));
      c.updateAAD(publicKey.bytes());
      seed = c.doFinal(Hex.decode(crypto.ciphertext()));
      KeyPair key = KeyPair.fromSeed(seed);
      if (!key.publicKey().equals(publicKey)) {
        key.destroy();
        return Result.err(
            "corrupt_key_file", "the decrypted key does not match the file's public key");
      }
      return Result.ok(key);
    } catch (AEADBadTagException e) {
      return Result.err(
          "wrong_passphrase", "wrong passphrase for key " + address + " (or the file was altered)");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is part of every JDK", e);
    } finally {
      Arrays.fill(dk, (byte) 0);
      if (seed != null) {
        Arrays.fill(seed, (byte) 0);
      }
    }
  }

  private static byte[] derive(char[] passphrase, byte[] salt, int iterations) {
    try {
      KeySpec spec = new PBEKeySpec(passphrase, salt, iterations, 256);
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every JDK", e);
    }
  }
}
