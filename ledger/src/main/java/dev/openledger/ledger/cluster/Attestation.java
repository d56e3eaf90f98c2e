package dev.openledger.ledger.cluster;

import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;
import dev.openledger.core.crypto.Hash;
import dev.openledger.core.crypto.KeyPair;
import dev.openledger.core.crypto.PublicKey;
import dev.openledger.core.crypto.Signature;
import dev.openledger.ledger.block.BlockHeader;
import dev.openledger.ledger.msg.ValidatorVote;
import java.util.Objects;

/**
 * A validator's signed statement "after executing block {@code height} I hold the header
 * {@code blockHash}, whose state root is {@code stateRoot}", made of the two staking votes the chain's
 * slashing reads ({@link ValidatorVote} of kind {@code BLOCK} and {@code STATE_ROOT}, each signed over
 * {@code "openledger:vote:v1\n" | chainId | height | kind | hash}). The chain id is the chain's own and is
 * not repeated here. Replicas that executed the same block on the same state sign the same claim; two
 * different claims for one height mean one side computed something else, and the votes themselves are the
 * slashing evidence.
 *
 * @param validator the signer
 * @param height the block height
 * @param blockHash the hash of the header the signer computed
 * @param stateRoot the state root in that header
 * @param blockSignature the signer's {@code BLOCK} vote signature over {@code blockHash}
 * @param stateRootSignature the signer's {@code STATE_ROOT} vote signature over {@code stateRoot}
 */
public record Attestation(PublicKey validator, long height, Hash blockHash, Hash stateRoot, Signature blockSignature, Signature stateRootSignature) {

  public Attestation {
    Objects.requireNonNull(validator, "validator");
    if (height < 1) {
      throw new IllegalArgumentException("attestations cover blocks from height 1, got " + height);
    }
    Objects.requireNonNull(blockHash, "blockHash");
    Objects.requireNonNull(stateRoot, "stateRoot");
    Objects.requireNonNull(blockSignature, "blockSignature");
    Objects.requireNonNull(stateRootSignature, "stateRootSignature");
  }

  /** The signer's attestation of a header it computed: its block vote and its state-root vote. */
  public static Attestation sign(KeyPair key, BlockHeader header) {
    Hash blockHash = header.hash();
    ValidatorVote block = ValidatorVote.sign(key, header.chainId(), header.height(), ValidatorVote.Kind.BLOCK, blockHash);
    ValidatorVote state = ValidatorVote.sign(key, header.chainId(), header.height(), ValidatorVote.Kind.STATE_ROOT, header.stateRoot());
    return new Attestation(key.publicKey(), header.height(), blockHash, header.stateRoot(), block.signature(), state.signature());
  }

  /** The {@code BLOCK} vote this attestation carries, on chain {@code chainId}. */
  public ValidatorVote blockVote(String chainId) {
    return new ValidatorVote(validator, chainId, height, ValidatorVote.Kind.BLOCK, blockHash, blockSignature);
  }

  /** The {@code STATE_ROOT} vote this attestation carries, on chain {@code chainId}. */
  public ValidatorVote stateRootVote(String chainId) {
    return new ValidatorVote(validator, chainId, height, ValidatorVote.Kind.STATE_ROOT, stateRoot, stateRootSignature);
  }

  /** True when both votes are the validator's signatures on {@code chainId}. */
  public boolean verify(String chainId) {
    return blockVote(chainId).verify() && stateRootVote(chainId).verify();
  }

  /** True when both claim the same header for the same height. */
  public boolean agreesWith(Attestation other) {
    return height == other.height && blockHash.equals(other.blockHash) && stateRoot.equals(other.stateRoot);
  }

  void encode(CanonicalWriter w) {
    w.publicKey(validator).varint(height).hash(blockHash).hash(stateRoot).signature(blockSignature).signature(stateRootSignature);
  }

  static Attestation decode(CanonicalReader r) throws DecodeException {
    PublicKey v = r.publicKey("attestation validator");
    long height = r.varint("attestation height");
    Hash block = r.hash("attestation block hash");
    Hash root = r.hash("attestation state root");
    Signature blockSig = r.signature("attestation block signature");
    Signature rootSig = r.signature("attestation state-root signature");
    try {
      return new Attestation(v, height, block, root, blockSig, rootSig);
    } catch (IllegalArgumentException e) {
      throw new DecodeException(e.getMessage());
    }
  }
}
