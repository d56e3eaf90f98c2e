package dev.openledger.ledger.datanet;

import dev.openledger.core.Result;
import dev.openledger.core.money.Amount;
import dev.openledger.ledger.msg.DatanetParams;

/**
 * The datanet fee formulas. Sizes are rounded up to whole units, so a one-byte datanet pays for one
 * KiB and a version of 1 MiB + 1 byte pays for two MiB.
 *
 * <pre>
 *   deployment = createBase  + createPerKib  × ⌈metadata bytes / 1024⌉
 *   versioning = versionBase + versionPerMib × ⌈bytes of the listed contributions / 2^20⌉
 *   access fee → treasury ⌊fee × accessTreasuryBps / 10,000⌋, owner the rest
 * </pre>
 */
public final class Fees {
  private static final long KIB = 1024;

  private Fees() {}

  /**
   * The deployment fee, or {@code fee_overflow} when parameters make it exceed what a long holds.
   */
  public static Result<Amount> deployment(DatanetParams.Fees f, long metadataBytes) {
    return linear(f.createBase(), f.createPerKib(), ceilDiv(metadataBytes, KIB));
  }

  /** The versioning fee, or {@code fee_overflow}. */
  public static Result<Amount> versioning(DatanetParams.Fees f, long bytes) {
    return linear(f.versionBase(), f.versionPerMib(), ceilDiv(bytes, DatanetParams.MB));
  }

  private static Result<Amount> linear(Amount base, Amount perUnit, long units) {
    try {
      return Result.ok(base.plus(perUnit.times(units)));
    } catch (ArithmeticException e) {
      return Result.err(
          "fee_overflow",
          "the fee " + base + " + " + perUnit + " x " + units + " exceeds any balance");
    }
  }

  /** The treasury's share of an access fee; the owner receives {@code fee} minus this. */
  public static Amount accessTreasuryShare(DatanetParams.Fees f, Amount fee) {
    return fee.mulDiv(f.accessTreasuryBps(), 10_000);
  }

  private static long ceilDiv(long a, long b) {
    return a / b + (a % b == 0 ? 0 : 1);
  }
}
