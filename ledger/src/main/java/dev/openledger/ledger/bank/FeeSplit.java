package dev.openledger.ledger.bank;

import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;
import dev.openledger.core.money.Amount;

/**
 * How an inference fee is divided, in basis points (1/100 of a percent) that sum to exactly 10,000:
 * data contributors (paid by attribution), the model's developer, the serving provider that ran the
 * inference, stakers (the staking rewards reserve) and the treasury. A governance parameter of the
 * bank.
 *
 * @param contributorsBps share of the data contributors
 * @param developerBps share of the model developer
 * @param providerBps share of the serving provider
 * @param stakersBps share of the stakers, paid into the staking rewards reserve
 * @param treasuryBps share of the treasury, which also receives the rounding dust
 */
public record FeeSplit(
    int contributorsBps, int developerBps, int providerBps, int stakersBps, int treasuryBps) {
  public static final int TOTAL_BPS = 10_000;

  public FeeSplit {
    for (int v : new int[] {contributorsBps, developerBps, providerBps, stakersBps, treasuryBps}) {
      if (v < 0 || v > TOTAL_BPS) {
        throw new IllegalArgumentException(
            "fee split shares are basis points within [0, 10000], got " + v);
      }
    }
    int sum = contributorsBps + developerBps + providerBps + stakersBps + treasuryBps;
    if (sum != TOTAL_BPS) {
      throw new IllegalArgumentException(
          "fee split shares must sum to 10000 basis points (100%), got " + sum);
    }
  }

  /** The default: contributors 40%, developer 25%, provider 20%, stakers 10%, treasury 5%. */
  public static FeeSplit defaults() {
    return new FeeSplit(4_000, 2_500, 2_000, 1_000, 500);
  }

  /**
   * Divides {@code fee}: each of the first four buckets gets {@code floor(fee * bps / 10000)}; the
   * treasury gets the rest, so the five parts always sum to {@code fee} exactly and the dust (at
   * most 4 nano-OPEN) goes to the treasury.
   */
  public FeeShares split(Amount fee) {
    Amount contributors = fee.mulDiv(contributorsBps, TOTAL_BPS);
    Amount developer = fee.mulDiv(developerBps, TOTAL_BPS);
    Amount provider = fee.mulDiv(providerBps, TOTAL_BPS);
    Amount stakers = fee.mulDiv(stakersBps, TOTAL_BPS);
    Amount treasury = fee.minus(contributors).minus(developer).minus(provider).minus(stakers);
    return new FeeShares(contributors, developer, provider, stakers, treasury);
  }

  void encode(CanonicalWriter w) {
    w.varint(contributorsBps)
        .varint(developerBps)
        .varint(providerBps)
        .varint(stakersBps)
        .varint(treasuryBps);
  }

  static FeeSplit decode(CanonicalReader r) throws DecodeException {
    return new FeeSplit(
        bps(r, "contributorsBps"),
        bps(r, "developerBps"),
        bps(r, "providerBps"),
        bps(r, "stakersBps"),
        bps(r, "treasuryBps"));
  }

  static int bps(CanonicalReader r, String field) throws DecodeException {
    return (int) r.varint(field, TOTAL_BPS);
  }

  /**
   * The five parts of a divided fee; they sum to the fee.
   *
   * @param contributors to the data contributors
   * @param developer to the model developer
   * @param provider to the serving provider
   * @param stakers to the staking rewards reserve
   * @param treasury to the treasury, dust included
   */
  public record FeeShares(
      Amount contributors, Amount developer, Amount provider, Amount stakers, Amount treasury) {
    /** The sum of the parts. */
    public Amount total() {
      return contributors.plus(developer).plus(provider).plus(stakers).plus(treasury);
    }
  }
}
