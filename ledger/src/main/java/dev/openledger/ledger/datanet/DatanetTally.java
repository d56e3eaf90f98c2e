package dev.openledger.ledger.datanet;

import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;

/**
 * A datanet's counters, at {@code datanet/t<id>} (kept apart from the datanet's description so that
 * a contribution rewrites a few bytes, not the metadata).
 *
 * @param contributions every contribution ever recorded (also the next sequence number)
 * @param pending waiting for review
 * @param accepted accepted
 * @param rejected rejected
 * @param bytesSubmitted bytes of all contributions
 * @param bytesAccepted bytes of accepted contributions
 * @param rowsAccepted rows of accepted contributions, as submitted
 * @param curators current curators
 * @param latestVersion the latest published version, 0 before the first
 * @param usageDay the UTC day (epoch milliseconds / 86,400,000) {@code bytesToday} counts
 * @param bytesToday bytes received on {@code usageDay}
 */
public record DatanetTally(
    long contributions,
    long pending,
    long accepted,
    long rejected,
    long bytesSubmitted,
    long bytesAccepted,
    long rowsAccepted,
    int curators,
    int latestVersion,
    long usageDay,
    long bytesToday) {

  public static final DatanetTally EMPTY = new DatanetTally(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

  public DatanetTally {
    if (contributions < 0
        || pending < 0
        || accepted < 0
        || rejected < 0
        || pending + accepted + rejected != contributions
        || curators < 0
        || latestVersion < 0
        || bytesToday < 0) {
      throw new IllegalArgumentException("inconsistent datanet counters");
    }
  }

  /** The bytes received on {@code day}. */
  public long bytesOn(long day) {
    return day == usageDay ? bytesToday : 0;
  }

  DatanetTally submitted(long bytes, long rows, boolean autoAccepted, long day) {
    return new DatanetTally(
        contributions + 1,
        pending + (autoAccepted ? 0 : 1),
        accepted + (autoAccepted ? 1 : 0),
        rejected,
        Math.addExact(bytesSubmitted, bytes),
        bytesAccepted + (autoAccepted ? bytes : 0),
        rowsAccepted + (autoAccepted ? rows : 0),
        curators,
        latestVersion,
        day,
        Math.addExact(bytesOn(day), bytes));
  }

  DatanetTally reviewed(boolean approved, long bytes, long rows) {
    return new DatanetTally(
        contributions,
        pending - 1,
        accepted + (approved ? 1 : 0),
        rejected + (approved ? 0 : 1),
        bytesSubmitted,
        bytesAccepted + (approved ? bytes : 0),
        rowsAccepted + (approved ? rows : 0),
        curators,
        latestVersion,
        usageDay,
        bytesToday);
  }

  DatanetTally withCurators(int n) {
    return new DatanetTally(
        contributions,
        pending,
        accepted,
        rejected,
        bytesSubmitted,
        bytesAccepted,
        rowsAccepted,
        n,
        latestVersion,
        usageDay,
        bytesToday);
  }

  DatanetTally withVersion(int v) {
    return new DatanetTally(
        contributions,
        pending,
        accepted,
        rejected,
        bytesSubmitted,
        bytesAccepted,
        rowsAccepted,
        curators,
        v,
        usageDay,
        bytesToday);
  }

  byte[] encode() {
    return new CanonicalWriter(64)
        .varint(contributions)
        .varint(pending)
        .varint(accepted)
        .varint(rejected)
        .varint(bytesSubmitted)
        .varint(bytesAccepted)
        .varint(rowsAccepted)
        .varint(curators)
        .varint(latestVersion)
        .varint(usageDay)
        .varint(bytesToday)
        .toByteArray();
  }

  static DatanetTally decode(byte[] bytes) throws DecodeException {
    CanonicalReader r = new CanonicalReader(bytes);
    DatanetTally t =
        new DatanetTally(
            r.varint("contributions"),
            r.varint("pending"),
            r.varint("accepted"),
            r.varint("rejected"),
            r.varint("bytesSubmitted"),
            r.varint("bytesAccepted"),
            r.varint("rowsAccepted"),
            (int) r.varint("curators", Integer.MAX_VALUE),
            (int) r.varint("latestVersion", Integer.MAX_VALUE),
            r.varint("usageDay"),
            r.varint("bytesToday"));
    r.finish();
    return t;
  }
}
