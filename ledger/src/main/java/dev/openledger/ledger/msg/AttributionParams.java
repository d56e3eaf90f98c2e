package dev.openledger.ledger.msg;

import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;
import dev.openledger.core.crypto.Address;
import java.util.Objects;

/**
 * The attribution module's parameters: set in genesis ({@code modules.attribution}), changed only
 * by {@link UpdateAttributionParams} from {@code authority}.
 *
 * <p>Penalty score of a contributor (points): {@code rejectedContributionPoints} × its
 * contributions rejected in review in the Datanets of the model being paid for, plus {@code
 * flaggedRowPoints} × its distinct rows that attributions flagged as self-influence outliers. Above
 * {@code penaltyThreshold} points, {@code penaltyCutBps} of each of its attribution rewards is
 * withheld and goes to the treasury.
 *
 * @param authority the account that may change these parameters (the governance module account)
 * @param sweepAfterSeconds how long after settlement a batch's unattributed part may be swept to
 *     the treasury (1 second to 365 days)
 * @param penaltyThreshold points a contributor may have before its rewards are cut
 * @param penaltyCutBps the part of a penalised contributor's reward withheld, in basis points (0 to
 *     10,000)
 * @param rejectedContributionPoints points per contribution rejected in review
 * @param flaggedRowPoints points per distinct row flagged by attribution
 */
public record AttributionParams(
    Address authority,
    long sweepAfterSeconds,
    int penaltyThreshold,
    int penaltyCutBps,
    int rejectedContributionPoints,
    int flaggedRowPoints) {
  public static final long MAX_SWEEP_SECONDS = 365L * 24 * 3600;
  public static final int MAX_POINTS = 1_000_000;

  public AttributionParams {
    Objects.requireNonNull(authority, "authority");
    if (sweepAfterSeconds < 1 || sweepAfterSeconds > MAX_SWEEP_SECONDS) {
      throw new IllegalArgumentException(
          "sweepAfterSeconds must be within [1, "
              + MAX_SWEEP_SECONDS
              + "], got "
              + sweepAfterSeconds);
    }
    if (penaltyCutBps < 0 || penaltyCutBps > 10_000) {
      throw new IllegalArgumentException(
          "penaltyCutBps must be within [0, 10000], got " + penaltyCutBps);
    }
    for (int v : new int[] {penaltyThreshold, rejectedContributionPoints, flaggedRowPoints}) {
      if (v < 0 || v > MAX_POINTS) {
        throw new IllegalArgumentException(
            "penalty points must be within [0, " + MAX_POINTS + "], got " + v);
      }
    }
  }

  /**
   * Seven days to attribute a batch; penalised above 10 points (two rejected contributions, or ten
   * flagged rows, or a mix); half of a penalised contributor's rewards withheld.
   */
  public static AttributionParams defaults(Address authority) {
    return new AttributionParams(authority, 7L * 24 * 3600, 10, 5_000, 5, 1);
  }

  /** The devnet's values: as {@link #defaults} but ten minutes to attribute a batch. */
  public static AttributionParams devnet(Address authority) {
    return new AttributionParams(authority, 600, 10, 5_000, 5, 1);
  }

  /** Whether {@code points} exceed the threshold. */
  public boolean penalised(long points) {
    return points > penaltyThreshold;
  }

  public byte[] encode() {
    CanonicalWriter w = new CanonicalWriter(48);
    encode(w);
    return w.toByteArray();
  }

  void encode(CanonicalWriter w) {
    w.address(authority)
        .varint(sweepAfterSeconds)
        .varint(penaltyThreshold)
        .varint(penaltyCutBps)
        .varint(rejectedContributionPoints)
        .varint(flaggedRowPoints);
  }

  public static AttributionParams decode(byte[] bytes) throws DecodeException {
    CanonicalReader r = new CanonicalReader(bytes);
    AttributionParams p = decode(r);
    r.finish();
    return p;
  }

  static AttributionParams decode(CanonicalReader r) throws DecodeException {
    return new AttributionParams(
        r.address("authority"),
        r.varint("sweepAfterSeconds", MAX_SWEEP_SECONDS),
        (int) r.varint("penaltyThreshold", MAX_POINTS),
        (int) r.varint("penaltyCutBps", 10_000),
        (int) r.varint("rejectedContributionPoints", MAX_POINTS),
        (int) r.varint("flaggedRowPoints", MAX_POINTS));
  }
}
