package dev.openledger.core.receipt;

import dev.openledger.core.Hex;
import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;
import dev.openledger.core.crypto.KeyPair;
import dev.openledger.core.crypto.PublicKey;
import dev.openledger.core.crypto.Signature;

/**
 * A receipt with the provider's Ed25519 signature over {@link UsageReceipt#signingBytes()} and the
 * provider's public key (whose address must be the receipt's provider).
 */
public record SignedReceipt(UsageReceipt receipt, PublicKey providerKey, Signature signature) {

  public SignedReceipt {
    if (receipt == null || providerKey == null || signature == null) {
      throw new IllegalArgumentException("receipt, key and signature are required");
    }
  }

  /** Signs {@code receipt} with {@code provider}, whose address must be the receipt's provider. */
  public static SignedReceipt sign(UsageReceipt receipt, KeyPair provider) {
    if (!provider.address().equals(receipt.provider())) {
      throw new IllegalArgumentException(
          "key " + provider.address() + " is not the receipt's provider " + receipt.provider());
    }
    return new SignedReceipt(receipt, provider.publicKey(), provider.sign(receipt.signingBytes()));
  }

  /** Whether the key belongs to the receipt's provider and the signature is valid. */
  public boolean verify() {
    return providerKey.address().equals(receipt.provider())
        && providerKey.verify(receipt.signingBytes(), signature);
  }

  /** Canonical encoding: receipt, public key, signature. */
  public byte[] encode() {
    return receipt
        .write(new CanonicalWriter())
        .publicKey(providerKey)
        .signature(signature)
        .toByteArray();
  }

  /**
   * Hex of {@link #encode()}: the form carried in the {@code OpenLedger-Receipt} response header.
   */
  public String toHex() {
    return Hex.encode(encode());
  }

  /**
   * Decodes {@link #encode()}'s output; the signature is not checked here (call {@link #verify()}).
   */
  public static SignedReceipt decode(byte[] bytes) throws DecodeException {
    CanonicalReader r = new CanonicalReader(bytes);
    UsageReceipt receipt = UsageReceipt.read(r);
    PublicKey key = r.publicKey("provider_key");
    Signature sig = r.signature("signature");
    r.finish();
    return new SignedReceipt(receipt, key, sig);
  }

  /** Decodes {@link #toHex()}'s output. */
  public static SignedReceipt fromHex(String hex) throws DecodeException {
    try {
      return decode(Hex.decode(hex));
    } catch (IllegalArgumentException e) {
      throw new DecodeException("receipt: not hex: " + e.getMessage());
    }
  }
}
