package dev.openledger.ledger.store;

import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;
import dev.openledger.ledger.block.BlockHeader;
import dev.openledger.ledger.store.LedgerStore.SignedHeader;

/** Storage encodings shared by the store implementations. */
final class StoreCodec {
  private StoreCodec() {}

  /** Heights as 8 big-endian bytes, so that RocksDB's byte order is height order. */
  static byte[] heightKey(long height) {
    return new CanonicalWriter(8).i64(height).toByteArray();
  }

  static byte[] encodeHeader(SignedHeader h) {
    CanonicalWriter w = new CanonicalWriter(300);
    h.header().encode(w);
    w.signature(h.signature());
    return w.toByteArray();
  }

  static SignedHeader decodeHeader(byte[] bytes) throws DecodeException {
    CanonicalReader r = new CanonicalReader(bytes);
    SignedHeader h = new SignedHeader(BlockHeader.decode(r), r.signature("signature"));
    r.finish();
    return h;
  }

  static void checkNext(long storedHeight, BlockCommit commit) {
    long h = commit.block().height();
    if (h != storedHeight + 1) {
      throw new IllegalArgumentException(
          "block at height " + h + " cannot follow stored height " + storedHeight);
    }
  }
}
