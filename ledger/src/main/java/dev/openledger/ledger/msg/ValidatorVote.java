package dev.openledger.ledger.msg;

import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;
import dev.openledger.core.crypto.Hash;
import dev.openledger.core.crypto.KeyPair;
import dev.openledger.core.crypto.PublicKey;
import dev.openledger.core.crypto.Signature;
import dev.openledger.ledger.tx.Transaction;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A validator's signed statement that, on {@code chainId} at {@code height}, the block hash or the
 * state root is {@code value}. Replicas of a replicated engine sign one per block; two statements
 * by one key that disagree are slashing evidence ({@link Evidence.DoubleSign}, {@link
 * Evidence.Divergence}).
 *
 * <pre>
 * signed bytes = "openledger:vote:v1\n" | string chainId | varint height | u8 kind | hash value
 * </pre>
 *
 * @param validator the signer
 * @param chainId the chain
 * @param height the block height the statement is about
 * @param kind what {@code value} is
 * @param value the block hash or state root
 * @param signature Ed25519 over the signed bytes
 */
public record ValidatorVote(
    PublicKey validator, String chainId, long height, Kind kind, Hash value, Signature signature) {
  private static final byte[] DOMAIN = "openledger:vote:v1\n".getBytes(StandardCharsets.US_ASCII);

  /** What a vote is about. */
  public enum Kind {
    /** The hash of the block at the height. */
    BLOCK,
    /** The state root after the block at the height. */
    STATE_ROOT
  }

  public ValidatorVote {
    Objects.requireNonNull(validator, "validator");
    Objects.requireNonNull(chainId, "chainId");
    if (!Transaction.CHAIN_ID.matcher(chainId).matches()) {
      throw new IllegalArgumentException(
          "chain id must match " + Transaction.CHAIN_ID.pattern() + ", got '" + chainId + "'");
    }
    if (height < 0) {
      throw new IllegalArgumentException("height must be non-negative");
    }
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(signature, "signature");
  }

  /** Signs a statement with {@code key}. */
  public static ValidatorVote sign(
      KeyPair key, String chainId, long height, Kind kind, Hash value) {
    return new ValidatorVote(
        key.publicKey(),
        chainId,
        height,
        kind,
        value,
        key.sign(signingBytes(chainId, height, kind, value)));
  }

  /** The bytes a validator signs. */
  public static byte[] signingBytes(String chainId, long height, Kind kind, Hash value) {
    CanonicalWriter w = new CanonicalWriter(96);
    w.raw(DOMAIN).string(chainId).varint(height).u8(kind.ordinal()).hash(value);
    return w.toByteArray();
  }

  /** True when the signature is the validator's over this statement. */
  public boolean verify() {
    return validator.verify(signingBytes(chainId, height, kind, value), signature);
  }

  /**
   * True when {@code other} is about the same chain, height and kind (so the two values must
   * agree).
   */
  public boolean sameSlot(ValidatorVote other) {
    return chainId.equals(other.chainId) && height == other.height && kind == other.kind;
  }

  void encode(CanonicalWriter w) {
    w.publicKey(validator)
        .string(chainId)
        .varint(height)
        .u8(kind.ordinal())
        .hash(value)
        .signature(signature);
  }

  static ValidatorVote decode(CanonicalReader r) throws DecodeException {
    PublicKey validator = r.publicKey("validator");
    String chainId = r.string("chainId", 48);
    long height = r.varint("height");
    int k = r.u8("kind");
    if (k >= Kind.values().length) {
      throw new DecodeException("vote kind: unknown code " + k);
    }
    return new ValidatorVote(
        validator, chainId, height, Kind.values()[k], r.hash("value"), r.signature("signature"));
  }
}
