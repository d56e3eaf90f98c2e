package dev.openledger.ledger.block;

import dev.openledger.core.Result;
import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;
import dev.openledger.core.crypto.Hash;
import dev.openledger.core.crypto.Signature;
import dev.openledger.ledger.tx.SignedTransaction;
import dev.openledger.ledger.tx.TxCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A signed header and its transactions. Encoding: {@code header | signature(64) | varint n | n ×
 * bytes(tx)}.
 *
 * @param header the header; {@code header.txCount() == txs.size()}
 * @param signature the proposer's signature over the header
 * @param txs the included transactions, in execution order
 */
public record Block(BlockHeader header, Signature signature, List<SignedTransaction> txs) {
  /** Upper bound on transactions per block that any decoder accepts. */
  public static final int HARD_MAX_TXS = 1_000_000;

  public Block {
    Objects.requireNonNull(header, "header");
    Objects.requireNonNull(signature, "signature");
    txs = List.copyOf(txs);
    if (header.txCount() != txs.size()) {
      throw new IllegalArgumentException(
          "header says " + header.txCount() + " transactions, block holds " + txs.size());
    }
  }

  public long height() {
    return header.height();
  }

  public Hash hash() {
    return header.hash();
  }

  public byte[] encode() {
    CanonicalWriter w = new CanonicalWriter(256 + txs.size() * 160);
    header.encode(w);
    w.signature(signature).varint(txs.size());
    for (SignedTransaction tx : txs) {
      w.bytes(tx.encoded());
    }
    return w.toByteArray();
  }

  /**
   * Decodes a stored or transmitted block; transactions are decoded but their signatures not
   * checked.
   */
  public static Block decode(byte[] bytes) throws DecodeException {
    CanonicalReader r = new CanonicalReader(bytes);
    BlockHeader header = BlockHeader.decode(r);
    Signature signature = r.signature("block signature");
    int n = (int) r.varint("tx count", Math.min(HARD_MAX_TXS, r.remaining()));
    List<SignedTransaction> txs = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Result<SignedTransaction> tx = TxCodec.decode(r.bytes("tx", TxCodec.HARD_MAX_TX_BYTES));
      if (tx instanceof Result.Err<SignedTransaction> err) {
        throw new DecodeException(
            "transaction " + i + " of block " + header.height() + ": " + err.message());
      }
      txs.add(tx.orElseThrow());
    }
    r.finish();
    try {
      return new Block(header, signature, txs);
    } catch (IllegalArgumentException e) {
      throw new DecodeException(e.getMessage());
    }
  }

  /** The Merkle root over the transactions' hashes, as {@link BlockHeader#txRoot()} must be. */
  public static Hash txRoot(List<SignedTransaction> txs) {
    List<Hash> hashes = new ArrayList<>(txs.size());
    for (SignedTransaction tx : txs) {
      hashes.add(tx.hash());
    }
    return MerkleRoot.ofHashes(hashes);
  }
}
