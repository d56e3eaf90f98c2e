package dev.openledger.ledger.datanet;

import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;

/**
 * One contributor's record in one datanet, at {@code datanet/s<datanet><address>}: what the
 * leaderboard ranks by (accepted ratio and volume).
 *
 * @param submitted contributions submitted
 * @param pending waiting for review
 * @param accepted accepted
 * @param rejected rejected
 * @param rowsSubmitted rows of all its contributions
 * @param rowsAccepted rows of its accepted contributions
 * @param bytesSubmitted bytes of all its contributions
 */
public record ContributorStats(
    long submitted,
    long pending,
    long accepted,
    long rejected,
    long rowsSubmitted,
    long rowsAccepted,
    long bytesSubmitted) {
  public static final ContributorStats EMPTY = new ContributorStats(0, 0, 0, 0, 0, 0, 0);

  public ContributorStats {
    if (pending < 0
        || accepted < 0
        || rejected < 0
        || pending + accepted + rejected != submitted
        || rowsAccepted > rowsSubmitted) {
      throw new IllegalArgumentException("inconsistent contributor counters");
    }
  }

  ContributorStats submitted(long rows, long bytes, boolean autoAccepted) {
    return new ContributorStats(
        submitted + 1,
        pending + (autoAccepted ? 0 : 1),
        accepted + (autoAccepted ? 1 : 0),
        rejected,
        rowsSubmitted + rows,
        rowsAccepted + (autoAccepted ? rows : 0),
        Math.addExact(bytesSubmitted, bytes));
  }

  ContributorStats reviewed(boolean approved, long rows) {
    return new ContributorStats(
        submitted,
        pending - 1,
        accepted + (approved ? 1 : 0),
        rejected + (approved ? 0 : 1),
        rowsSubmitted,
        rowsAccepted + (approved ? rows : 0),
        bytesSubmitted);
  }

  byte[] encode() {
    return new CanonicalWriter(40)
        .varint(submitted)
        .varint(pending)
        .varint(accepted)
        .varint(rejected)
        .varint(rowsSubmitted)
        .varint(rowsAccepted)
        .varint(bytesSubmitted)
        .toByteArray();
  }

  static ContributorStats decode(byte[] bytes) throws DecodeException {
    CanonicalReader r = new CanonicalReader(bytes);
    ContributorStats s =
        new ContributorStats(
            r.varint("submitted"),
            r.varint("pending"),
            r.varint("accepted"),
            r.varint("rejected"),
            r.varint("rowsSubmitted"),
            r.varint("rowsAccepted"),
            r.varint("bytesSubmitted"));
    r.finish();
    return s;
  }
}
