package dev.openledger.ledger.block;

import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;
import dev.openledger.core.crypto.Hash;
import java.util.ArrayList;
import java.util.List;

/**
 * What a block's execution produced besides state: one receipt per transaction, and the events of the
 * modules' begin- and end-block hooks.
 *
 * <p>The receipt root is the Merkle root over the receipts' encodings, followed, when there are block
 * events, by one more leaf: {@code varint n | n × event}.
 *
 * @param receipts one per transaction, in order
 * @param blockEvents events from begin/end-block hooks, in order
 */
public record BlockResults(List<Receipt> receipts, List<Event> blockEvents) {
  public static final BlockResults EMPTY = new BlockResults(List.of(), List.of());

  public BlockResults {
    receipts = List.copyOf(receipts);
    blockEvents = List.copyOf(blockEvents);
  }

  public Hash receiptRoot() {
    List<byte[]> leaves = new ArrayList<>(receipts.size() + 1);
    for (Receipt rc : receipts) {
      leaves.add(rc.encode());
    }
    if (!blockEvents.isEmpty()) {
      CanonicalWriter w = new CanonicalWriter(64);
      writeEvents(w, blockEvents);
      leaves.add(w.toByteArray());
    }
    return MerkleRoot.of(leaves);
  }

  public byte[] encode() {
    CanonicalWriter w = new CanonicalWriter(64 + receipts.size() * 160);
    w.varint(receipts.size());
    for (Receipt rc : receipts) {
      rc.encode(w);
    }
    writeEvents(w, blockEvents);
    return w.toByteArray();
  }

  public static BlockResults decode(byte[] bytes) throws DecodeException {
    CanonicalReader r = new CanonicalReader(bytes);
    int n = (int) r.varint("receipt count", Math.min(Block.HARD_MAX_TXS, r.remaining()));
    List<Receipt> receipts = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      receipts.add(Receipt.decode(r));
    }
    int m = (int) r.varint("block event count", Math.min(100_000, r.remaining()));
    List<Event> events = new ArrayList<>(m);
    for (int i = 0; i < m; i++) {
      events.add(Event.decode(r));
    }
    r.finish();
    return new BlockResults(receipts, events);
  }

  private static void writeEvents(CanonicalWriter w, List<Event> events) {
    w.varint(events.size());
    for (Event e : events) {
      e.encode(w);
    }
  }
}
