package dev.openledger.ledger.block;

import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;
import dev.openledger.core.crypto.Hash;
import dev.openledger.core.crypto.PublicKey;
import dev.openledger.core.crypto.Signature;
import dev.openledger.ledger.tx.Transaction;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A block header.
 *
 * @param chainId the chain
 * @param height 0 for the genesis block, then +1 per block
 * @param timeMillis the proposer's time, milliseconds since the Unix epoch; never before the
 *     parent's. State transitions read time from here, never from a clock
 * @param prevHash the parent header's hash (for height 0: the genesis file's hash)
 * @param txRoot Merkle root of the transaction hashes
 * @param receiptRoot Merkle root of the receipt encodings
 * @param stateRoot root of the sparse Merkle tree over the whole state after this block
 * @param proposer the key that signs the block
 * @param txCount the number of transactions
 */
public record BlockHeader(
    String chainId,
    long height,
    long timeMillis,
    Hash prevHash,
    Hash txRoot,
    Hash receiptRoot,
    Hash stateRoot,
    PublicKey proposer,
    int txCount) {
  public static final int VERSION = 1;
  private static final byte[] SIGN_DOMAIN =
      "openledger:block:v1\n".getBytes(StandardCharsets.US_ASCII);

  public BlockHeader {
    Objects.requireNonNull(chainId, "chainId");
    if (!Transaction.CHAIN_ID.matcher(chainId).matches()) {
      throw new IllegalArgumentException("bad chain id '" + chainId + "'");
    }
    if (height < 0 || timeMillis < 0 || txCount < 0) {
      throw new IllegalArgumentException("height, time and txCount are non-negative");
    }
    Objects.requireNonNull(prevHash, "prevHash");
    Objects.requireNonNull(txRoot, "txRoot");
    Objects.requireNonNull(receiptRoot, "receiptRoot");
    Objects.requireNonNull(stateRoot, "stateRoot");
    Objects.requireNonNull(proposer, "proposer");
  }

  public void encode(CanonicalWriter w) {
    w.u8(VERSION)
        .string(chainId)
        .varint(height)
        .varint(timeMillis)
        .hash(prevHash)
        .hash(txRoot)
        .hash(receiptRoot)
        .hash(stateRoot)
        .publicKey(proposer)
        .varint(txCount);
  }

  public byte[] encode() {
    CanonicalWriter w = new CanonicalWriter(256);
    encode(w);
    return w.toByteArray();
  }

  public static BlockHeader decode(CanonicalReader r) throws DecodeException {
    int version = r.u8("header version");
    if (version != VERSION) {
      throw new DecodeException("unsupported block header version " + version);
    }
    try {
      return new BlockHeader(
          r.string("chainId", 48),
          r.varint("height"),
          r.varint("time"),
          r.hash("prevHash"),
          r.hash("txRoot"),
          r.hash("receiptRoot"),
          r.hash("stateRoot"),
          r.publicKey("proposer"),
          (int) r.varint("txCount", Integer.MAX_VALUE));
    } catch (IllegalArgumentException e) {
      throw new DecodeException("block header: " + e.getMessage());
    }
  }

  /** SHA-256 of the canonical encoding: the block's id. */
  public Hash hash() {
    return Hash.sha256(encode());
  }

  /** The bytes the proposer signs. */
  public byte[] signingBytes() {
    byte[] h = hash().bytes();
    byte[] out = new byte[SIGN_DOMAIN.length + h.length];
    System.arraycopy(SIGN_DOMAIN, 0, out, 0, SIGN_DOMAIN.length);
    System.arraycopy(h, 0, out, SIGN_DOMAIN.length, h.length);
    return out;
  }

  /** True when {@code signature} is the proposer's signature over this header. */
  public boolean verifySignature(Signature signature) {
    return proposer.verify(signingBytes(), signature);
  }
}
