package dev.openledger.ledger.block;

import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;
import dev.openledger.core.crypto.Hash;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a block's execution produced besides state: one receipt per transaction, and the events of
 * the modules' begin- and end-block hooks. Immutable; the receipts' encodings are computed once and
 * shared by the receipt root and the storage encoding.
 *
 * <p>The receipt root is the Merkle root over the receipts' encodings, followed, when there are
 * block events, by one more leaf: {@code varint n | n × event}.
 */
public final class BlockResults {
  public static final BlockResults EMPTY = new BlockResults(List.of(), List.of());

  private final List<Receipt> receipts;
  private final List<Event> blockEvents;
  private volatile List<byte[]> leaves;

  /**
   * @param receipts one per transaction, in order
   * @param blockEvents events from begin/end-block hooks, in order
   */
  public BlockResults(List<Receipt> receipts, List<Event> blockEvents) {
    this.receipts = List.copyOf(receipts);
    this.blockEvents = List.copyOf(blockEvents);
  }

  public List<Receipt> receipts() {
    return receipts;
  }

  public List<Event> blockEvents() {
    return blockEvents;
  }

  /** The Merkle leaves: each receipt's encoding, then the block events' when there are any. */
  private List<byte[]> leaves() {
    List<byte[]> l = leaves;
    if (l == null) {
      l = new ArrayList<>(receipts.size() + 1);
      for (Receipt rc : receipts) {
        l.add(rc.encode());
      }
      if (!blockEvents.isEmpty()) {
        CanonicalWriter w = new CanonicalWriter(64);
        writeEvents(w, blockEvents);
        l.add(w.toByteArray());
      }
      leaves = l;
    }
    return l;
  }

  public Hash receiptRoot() {
    return MerkleRoot.of(leaves());
  }

  /** Storage encoding: {@code varint n | n × receipt | varint m | m × event}. */
  public byte[] encode() {
    List<byte[]> l = leaves();
    int size = 16;
    for (byte[] b : l) {
      size += b.length;
    }
    CanonicalWriter w = new CanonicalWriter(size);
    w.varint(receipts.size());
    for (int i = 0; i < receipts.size(); i++) {
      w.raw(l.get(i));
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

  @Override
  public boolean equals(Object o) {
    return o instanceof BlockResults r
        && r.receipts.equals(receipts)
        && r.blockEvents.equals(blockEvents);
  }

  @Override
  public int hashCode() {
    return Objects.hash(receipts, blockEvents);
  }

  @Override
  public String toString() {
    return "BlockResults["
        + receipts.size()
        + " receipts, "
        + blockEvents.size()
        + " block events]";
  }
}
