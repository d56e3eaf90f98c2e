package dev.openledger.ledger.cluster;

import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;
import dev.openledger.core.crypto.Hash;
import dev.openledger.core.crypto.KeyPair;
import dev.openledger.core.crypto.PublicKey;
import dev.openledger.core.crypto.Signature;
import dev.openledger.ledger.block.BlockHeader;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A validator's signed statement "after executing block {@code height} I hold the header
 * {@code blockHash}, whose state root is {@code stateRoot}". Replicas that executed the same block on the
 * same state sign the same claim; two different claims for one height mean one side computed something
 * else.
 *
 * @param validator the signer
 * @param height the block height
 * @param blockHash the hash of the header the signer computed
 * @param stateRoot the state root in that header
 * @param signature over {@link #signingBytes}
 */
public record Attestation(PublicKey validator, long height, Hash blockHash, Hash stateRoot, Signature signature) {
  private static final byte[] DOMAIN = "openledger:attestation:v1\n".getBytes(StandardCharsets.US_ASCII);

  public Attestation {
    Objects.requireNonNull(validator, "validator");
    if (height < 1) {
      throw new IllegalArgumentException("attestations cover blocks from height 1, got " + height);
    }
    Objects.requireNonNull(blockHash, "blockHash");
    Objects.requireNonNull(stateRoot, "stateRoot");
    Objects.requireNonNull(signature, "signature");
  }

  /** The signer's attestation of a header it computed. */
  public static Attestation sign(KeyPair key, BlockHeader header) {
    Hash blockHash = header.hash();
    byte[] msg = signingBytes(header.chainId(), header.height(), blockHash, header.stateRoot());
    return new Attestation(key.publicKey(), header.height(), blockHash, header.stateRoot(), key.sign(msg));
  }

  /** Domain, chain id, height, block hash and state root: what the signature covers. */
  public static byte[] signingBytes(String chainId, long height, Hash blockHash, Hash stateRoot) {
    CanonicalWriter w = new CanonicalWriter(DOMAIN.length + 120);
    w.raw(DOMAIN).string(chainId).varint(height).hash(blockHash).hash(stateRoot);
    return w.toByteArray();
  }

  /** True when the signature is the validator's over this claim on {@code chainId}. */
  public boolean verify(String chainId) {
    return validator.verify(signingBytes(chainId, height, blockHash, stateRoot), signature);
  }

  /** True when both claim the same header for the same height. */
  public boolean agreesWith(Attestation other) {
    return height == other.height && blockHash.equals(other.blockHash) && stateRoot.equals(other.stateRoot);
  }

  void encode(CanonicalWriter w) {
    w.publicKey(validator).varint(height).hash(blockHash).hash(stateRoot).signature(signature);
  }

  static Attestation decode(CanonicalReader r) throws DecodeException {
    PublicKey v = r.publicKey("attestation validator");
    long height = r.varint("attestation height");
    Hash block = r.hash("attestation block hash");
    Hash root = r.hash("attestation state root");
    Signature sig = r.signature("attestation signature");
    try {
      return new Attestation(v, height, block, root, sig);
    } catch (IllegalArgumentException e) {
      throw new DecodeException(e.getMessage());
    }
  }
}
