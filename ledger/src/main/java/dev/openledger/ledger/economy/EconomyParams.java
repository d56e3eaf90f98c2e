package dev.openledger.ledger.economy;

/**
 * How the economy figures are bucketed in time. Fixed at genesis: changing the epoch length later
 * would make the series incomparable.
 *
 * @param epochSeconds the length of an epoch; epoch {@code e} covers block times in {@code [genesis
 *     + e * epoch, genesis + (e + 1) * epoch)}
 */
public record EconomyParams(long epochSeconds) {
  public EconomyParams {
    if (epochSeconds < 1 || epochSeconds > 366L * 24 * 3600) {
      throw new IllegalArgumentException(
          "epochSeconds must be within [1, 31622400], got " + epochSeconds);
    }
  }

  /** One day. */
  public static EconomyParams defaults() {
    return new EconomyParams(24 * 3600);
  }
}
