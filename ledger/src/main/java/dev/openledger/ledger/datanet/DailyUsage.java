package dev.openledger.ledger.datanet;

import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;

/**
 * What one account contributed on one UTC day over all datanets, at {@code datanet/u<address>}. One
 * record per account: a contribution on a later day starts it afresh, so the state does not grow
 * with the days.
 *
 * @param day epoch milliseconds / 86,400,000 of the block time
 * @param bytes bytes contributed that day
 * @param files contributions made that day
 */
public record DailyUsage(long day, long bytes, int files) {
  public static final long DAY_MILLIS = 86_400_000L;
  public static final DailyUsage NONE = new DailyUsage(0, 0, 0);

  public DailyUsage {
    if (day < 0 || bytes < 0 || files < 0) {
      throw new IllegalArgumentException("usage counts are non-negative");
    }
  }

  /** The UTC day of a block time. */
  public static long dayOf(long timeMillis) {
    return Math.floorDiv(timeMillis, DAY_MILLIS);
  }

  /** The bytes counted for {@code d}: this record's if it is for that day, else none. */
  public long bytesOn(long d) {
    return d == day ? bytes : 0;
  }

  public int filesOn(long d) {
    return d == day ? files : 0;
  }

  DailyUsage plus(long d, long addBytes) {
    return new DailyUsage(d, Math.addExact(bytesOn(d), addBytes), filesOn(d) + 1);
  }

  byte[] encode() {
    return new CanonicalWriter(24).varint(day).varint(bytes).varint(files).toByteArray();
  }

  static DailyUsage decode(byte[] b) throws DecodeException {
    CanonicalReader r = new CanonicalReader(b);
    DailyUsage u =
        new DailyUsage(
            r.varint("day"), r.varint("bytes"), (int) r.varint("files", Integer.MAX_VALUE));
    r.finish();
    return u;
  }
}
