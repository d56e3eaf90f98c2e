package dev.openledger.ledger.tx;

import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import dev.openledger.core.crypto.Signature;
import java.util.Arrays;

/**
 * A transaction body with its signature, as it travels and is stored: {@code body || signature}.
 * Holds its encoding, hash and sender address, computed once.
 */
public final class SignedTransaction {
  private final Transaction body;
  private final Signature signature;
  private final byte[] encoded;
  private final int bodyLength;
  private final Hash hash;
  private final Address senderAddress;

  private SignedTransaction(Transaction body, Signature signature, byte[] encoded, int bodyLength) {
    this.body = body;
    this.signature = signature;
    this.encoded = encoded;
    this.bodyLength = bodyLength;
    this.hash = Hash.sha256(encoded);
    this.senderAddress = body.sender().address();
  }

  static SignedTransaction of(Transaction body, byte[] bodyBytes, Signature signature) {
    byte[] encoded = Arrays.copyOf(bodyBytes, bodyBytes.length + Signature.LENGTH);
    System.arraycopy(signature.bytes(), 0, encoded, bodyBytes.length, Signature.LENGTH);
    return new SignedTransaction(body, signature, encoded, bodyBytes.length);
  }

  /** Adopts bytes already known to be {@code bodyBytes || signature} of {@code body}. */
  static SignedTransaction adopt(
      Transaction body, byte[] encoded, int bodyLength, Signature signature) {
    return new SignedTransaction(body, signature, encoded, bodyLength);
  }

  public Transaction body() {
    return body;
  }

  public Signature signature() {
    return signature;
  }

  /** The canonical wire bytes (a copy). */
  public byte[] encoded() {
    return encoded.clone();
  }

  public int encodedLength() {
    return encoded.length;
  }

  /** The bytes the signature covers: the domain prefix and the body. */
  byte[] signingBytes() {
    return TxCodec.signingBytes(Arrays.copyOf(encoded, bodyLength));
  }

  /** SHA-256 of the wire bytes: the transaction's id. */
  public Hash hash() {
    return hash;
  }

  public Address sender() {
    return senderAddress;
  }

  public long nonce() {
    return body.nonce();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SignedTransaction t && Arrays.equals(encoded, t.encoded);
  }

  @Override
  public int hashCode() {
    return hash.hashCode();
  }

  @Override
  public String toString() {
    return "Tx["
        + hash.shortHex()
        + " "
        + body.message().type().name()
        + " from "
        + senderAddress
        + " nonce "
        + body.nonce()
        + "]";
  }
}
