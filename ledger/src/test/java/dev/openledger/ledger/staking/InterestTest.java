package dev.openledger.ledger.staking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openledger.core.money.Amount;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/**
 * The fixed-point continuous compounding against a 60-digit BigDecimal reference and against double
 * arithmetic: the documented precision is "floor(principal * e^x), or one nano-OPEN less".
 */
class InterestTest {
  private static final MathContext MC = new MathContext(60, RoundingMode.HALF_EVEN);

  /** e^x by its Taylor series at 60 significant digits, after halving x until it is below 1/2. */
  static BigDecimal expReference(BigDecimal x) {
    int halvings = 0;
    while (x.compareTo(new BigDecimal("0.5")) > 0) {
      x = x.divide(BigDecimal.valueOf(2), MC);
      halvings++;
    }
    BigDecimal sum = BigDecimal.ONE;
    BigDecimal term = BigDecimal.ONE;
    for (int n = 1; n < 200; n++) {
      term = term.multiply(x, MC).divide(BigDecimal.valueOf(n), MC);
      sum = sum.add(term, MC);
      if (term.compareTo(BigDecimal.ONE.movePointLeft(70)) < 0) {
        break;
      }
    }
    for (int i = 0; i < halvings; i++) {
      sum = sum.multiply(sum, MC);
    }
    return sum;
  }

  /** The exact exponent rate * elapsed / year, as a decimal. */
  static BigDecimal exponent(int rateBps, long elapsedMillis) {
    return BigDecimal.valueOf(rateBps)
        .multiply(BigDecimal.valueOf(elapsedMillis))
        .divide(BigDecimal.valueOf(10_000L * Interest.YEAR_MILLIS), MC);
  }

  static BigInteger referenceFloor(Amount principal, int rateBps, long elapsedMillis) {
    return new BigDecimal(principal.nano())
        .multiply(expReference(exponent(rateBps, elapsedMillis)), MC)
        .setScale(0, RoundingMode.FLOOR)
        .toBigIntegerExact();
  }

  @Test
  void fixedPointExpMatchesTheReferenceTo33Digits() {
    for (String xs :
        new String[] {
          "0", "0.000001", "0.05", "0.5", "0.6931471805599453", "1", "2.5", "10", "41.9"
        }) {
      BigDecimal x = new BigDecimal(xs);
      BigInteger scaled = x.multiply(new BigDecimal(Interest.SCALE)).toBigInteger();
      BigDecimal got =
          new BigDecimal(Interest.expScaled(scaled)).divide(new BigDecimal(Interest.SCALE), MC);
      BigDecimal want = expReference(x);
      BigDecimal relErr = got.subtract(want).abs().divide(want, MC);
      assertThat(relErr).as("e^%s", xs).isLessThan(new BigDecimal("1e-33"));
    }
  }

  @Test
  void oneYearAtFivePercentIsEToTheFivePercent() {
    Amount principal = Amount.ofOpen(1000);
    Amount value = Interest.accrue(principal, 500, Interest.YEAR_MILLIS);
    // 1000 * e^0.05 = 1051.271096376024039697...
    assertThat(value).isEqualTo(Amount.parse("1051.271096376"));
    assertThat(Interest.accrue(principal, 500, 0)).isEqualTo(principal);
    assertThat(Interest.accrue(principal, 0, Interest.YEAR_MILLIS)).isEqualTo(principal);
  }

  @Test
  void hugeExponentsSaturateAtTheSupply() {
    assertThat(Interest.accrue(Amount.ofNano(1), 10_000, 100L * Interest.YEAR_MILLIS))
        .isEqualTo(Amount.MAX_SUPPLY);
    assertThat(Interest.accrue(Amount.ofOpen(1_000_000_000), 10_000, Interest.YEAR_MILLIS))
        .isEqualTo(Amount.MAX_SUPPLY);
  }

  @Property(tries = 300)
  void accrualIsTheFlooredFormulaWithinOneNano(
      @ForAll @LongRange(min = 1, max = 1_000_000_000_000_000_000L) long principalNano,
      @ForAll @IntRange(min = 0, max = 10_000) int rateBps,
      @ForAll @LongRange(min = 0, max = 20L * 365 * 24 * 3600 * 1000) long elapsedMillis) {
    Amount principal = Amount.ofNano(principalNano);
    Amount got = Interest.accrue(principal, rateBps, elapsedMillis);
    BigInteger want = referenceFloor(principal, rateBps, elapsedMillis);
    if (want.compareTo(BigInteger.valueOf(Amount.MAX_SUPPLY.nano())) >= 0) {
      assertThat(got).isEqualTo(Amount.MAX_SUPPLY);
      return;
    }
    long diff = want.longValueExact() - got.nano();
    assertThat(diff).as("reference %s, got %s", want, got.nano()).isBetween(0L, 1L);
    // and the double formula principal * exp(rate * t / year) agrees up to flooring and double
    // precision
    double d = principalNano * Math.exp(rateBps / 10_000.0 * elapsedMillis / Interest.YEAR_MILLIS);
    assertThat(Math.abs(got.nano() - d)).isLessThanOrEqualTo(1 + 1e-12 * d);
  }
}
