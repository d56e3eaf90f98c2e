package dev.openledger.ledger.cluster;

import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;

/**
 * A position in the replicated log (Raft term and index).
 *
 * @param term the term of the entry
 * @param index the entry's index, from 0
 */
public record LogPosition(long term, long index) implements Comparable<LogPosition> {
  /** Before the first entry. */
  public static final LogPosition NONE = new LogPosition(0, -1);

  public LogPosition {
    if (term < 0 || index < -1) {
      throw new IllegalArgumentException("bad log position " + term + ":" + index);
    }
  }

  byte[] encode() {
    return new CanonicalWriter(20).varint(term).varint(index + 1).toByteArray();
  }

  static LogPosition decode(byte[] bytes) throws DecodeException {
    CanonicalReader r = new CanonicalReader(bytes);
    LogPosition p = new LogPosition(r.varint("term"), r.varint("index") - 1);
    r.finish();
    return p;
  }

  @Override
  public int compareTo(LogPosition o) {
    return Long.compare(index, o.index);
  }

  @Override
  public String toString() {
    return term + ":" + index;
  }
}
