package dev.openledger.ledger.staking;

import dev.openledger.core.money.Amount;
import java.math.BigInteger;

/**
 * Continuous compounding in exact integer arithmetic, as OpenLedger's staking contract computes it
 * with {@code FixedPointMathLib.expWad}: {@code value = principal * exp(rate * elapsed / 365
 * days)}.
 *
 * <p>exp is evaluated in fixed point with 36 decimal digits (scale {@code S = 10^36}): the exponent
 * {@code x = rateBps * elapsedMillis * S / (10^4 * 365 days in ms)} is floored; it is reduced as
 * {@code x = k*ln2 + r} with {@code 0 <= r < ln2} (ln 2 to 36 digits); {@code exp(r)} is the Taylor
 * series summed until a term floors to 0; the result is shifted left by {@code k}. The relative
 * error of the factor is below 10^-33, so the value is {@code floor(principal * e^x)}, or one
 * nano-OPEN less when the exact value lies within 10^-15 nano-OPEN above an integer (checked
 * against a 60-digit BigDecimal reference in {@code InterestTest}). Values above the total supply
 * saturate at it: no reserve could pay more.
 */
public final class Interest {
  /** 365 days, the year of OpenLedger's contract. */
  public static final long YEAR_MILLIS = 365L * 24 * 3600 * 1000;

  static final BigInteger SCALE = BigInteger.TEN.pow(36);

  /** ln 2 * 10^36, floored. */
  static final BigInteger LN2 = new BigInteger("693147180559945309417232121458176568");

  /** e^42 > 10^18 nano-OPEN, the whole supply: beyond this every positive principal saturates. */
  private static final BigInteger MAX_EXPONENT = BigInteger.valueOf(42).multiply(SCALE);

  private static final BigInteger BPS_YEAR =
      BigInteger.valueOf(10_000L).multiply(BigInteger.valueOf(YEAR_MILLIS));

  private Interest() {}

  /**
   * {@code floor(principal * exp(annualRateBps / 10^4 * elapsedMillis / YEAR_MILLIS))}, saturated
   * at the total supply.
   */
  public static Amount accrue(Amount principal, int annualRateBps, long elapsedMillis) {
    if (annualRateBps < 0 || elapsedMillis < 0) {
      throw new IllegalArgumentException("rate and elapsed time must be non-negative");
    }
    if (principal.isZero() || annualRateBps == 0 || elapsedMillis == 0) {
      return principal;
    }
    BigInteger x =
        BigInteger.valueOf(annualRateBps)
            .multiply(BigInteger.valueOf(elapsedMillis))
            .multiply(SCALE)
            .divide(BPS_YEAR);
    if (x.compareTo(MAX_EXPONENT) >= 0) {
      return Amount.MAX_SUPPLY;
    }
    BigInteger value = BigInteger.valueOf(principal.nano()).multiply(expScaled(x)).divide(SCALE);
    return value.compareTo(BigInteger.valueOf(Amount.MAX_SUPPLY.nano())) >= 0
        ? Amount.MAX_SUPPLY
        : Amount.ofNano(value.longValueExact());
  }

  /**
   * {@code exp(x / S) * S} for {@code 0 <= x}, floored at each step as described in the class
   * comment.
   */
  static BigInteger expScaled(BigInteger x) {
    if (x.signum() < 0) {
      throw new IllegalArgumentException("exp is only needed for non-negative exponents");
    }
    BigInteger[] qr = x.divideAndRemainder(LN2);
    int k = qr[0].intValueExact();
    BigInteger r = qr[1];
    BigInteger sum = SCALE;
    BigInteger term = SCALE;
    for (int n = 1; term.signum() > 0; n++) {
      term = term.multiply(r).divide(SCALE.multiply(BigInteger.valueOf(n)));
      sum = sum.add(term);
    }
    return sum.shiftLeft(k);
  }
}
