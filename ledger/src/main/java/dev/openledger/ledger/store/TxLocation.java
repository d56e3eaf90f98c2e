package dev.openledger.ledger.store;

import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;

/**
 * Where a committed transaction is.
 *
 * @param height its block
 * @param index its position in the block (and in the block's receipts)
 */
public record TxLocation(long height, int index) {
  public TxLocation {
    if (height < 0 || index < 0) {
      throw new IllegalArgumentException("height and index are non-negative");
    }
  }

  byte[] encode() {
    return new CanonicalWriter(12).varint(height).varint(index).toByteArray();
  }

  static TxLocation decode(byte[] bytes) throws DecodeException {
    CanonicalReader r = new CanonicalReader(bytes);
    TxLocation loc = new TxLocation(r.varint("height"), (int) r.varint("index", Integer.MAX_VALUE));
    r.finish();
    return loc;
  }
}
