package dev.openledger.core.money;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * A non-negative quantity of OPEN, counted in nano-OPEN (10^-9 OPEN) as a {@code long}. The whole
 * fixed supply of 1,000,000,000 OPEN is 10^18 units and fits with room to spare.
 *
 * @param nano the amount in nano-OPEN
 */
public record Amount(long nano) implements Comparable<Amount> {
  public static final int DECIMALS = 9;
  public static final long NANO_PER_OPEN = 1_000_000_000L;
  public static final Amount ZERO = new Amount(0);

  /** The fixed total supply: 1,000,000,000 OPEN. */
  public static final Amount MAX_SUPPLY = ofOpen(1_000_000_000L);

  public Amount {
    if (nano < 0) {
      throw new ArithmeticException("an amount cannot be negative: " + nano + " nano-OPEN");
    }
  }

  public static Amount ofNano(long nano) {
    return new Amount(nano);
  }

  public static Amount ofOpen(long open) {
    return new Amount(Math.multiplyExact(open, NANO_PER_OPEN));
  }

  /**
   * Parses a decimal amount of OPEN such as {@code "12"}, {@code "0.5"} or {@code
   * "1_000.000000001"}.
   *
   * @throws IllegalArgumentException when the text is not a non-negative decimal with at most 9
   *     fractional digits, or is too large
   */
  public static Amount parse(String text) {
    String s = text.trim().replace("_", "");
    if (s.isEmpty() || !s.matches("[0-9]+(\\.[0-9]+)?")) {
      throw new IllegalArgumentException(
          "not an amount of OPEN: '" + text + "' (expected e.g. 12 or 0.5)");
    }
    BigDecimal value = new BigDecimal(s);
    if (value.scale() > DECIMALS && value.stripTrailingZeros().scale() > DECIMALS) {
      throw new IllegalArgumentException(
          "'" + text + "' has more than " + DECIMALS + " decimal places");
    }
    BigInteger nano = value.movePointRight(DECIMALS).toBigIntegerExact();
    if (nano.bitLength() > 63) {
      throw new IllegalArgumentException("'" + text + "' OPEN is more than can exist");
    }
    return new Amount(nano.longValueExact());
  }

  public Amount plus(Amount other) {
    return new Amount(Math.addExact(nano, other.nano));
  }

  /** {@code this - other}; throws {@link ArithmeticException} when the result would be negative. */
  public Amount minus(Amount other) {
    return new Amount(Math.subtractExact(nano, other.nano));
  }

  public Amount times(long factor) {
    return new Amount(Math.multiplyExact(nano, factor));
  }

  /** {@code floor(this * numerator / denominator)}, computed without intermediate overflow. */
  public Amount mulDiv(long numerator, long denominator) {
    if (numerator < 0 || denominator <= 0) {
      throw new IllegalArgumentException("mulDiv needs numerator >= 0 and denominator > 0");
    }
    long hi = Math.multiplyHigh(nano, numerator);
    long lo = nano * numerator;
    if (hi == 0 && lo >= 0) {
      return new Amount(lo / denominator);
    }
    BigInteger r =
        BigInteger.valueOf(nano)
            .multiply(BigInteger.valueOf(numerator))
            .divide(BigInteger.valueOf(denominator));
    return new Amount(r.longValueExact());
  }

  public boolean isZero() {
    return nano == 0;
  }

  public boolean isLessThan(Amount other) {
    return nano < other.nano;
  }

  public static Amount min(Amount a, Amount b) {
    return a.nano <= b.nano ? a : b;
  }

  @Override
  public int compareTo(Amount o) {
    return Long.compare(nano, o.nano);
  }

  /** The decimal amount of OPEN without trailing zeros, e.g. {@code "1.5"} or {@code "1000"}. */
  public String toPlainString() {
    return BigDecimal.valueOf(nano, DECIMALS).stripTrailingZeros().toPlainString();
  }

  @Override
  public String toString() {
    return toPlainString() + " OPEN";
  }
}
