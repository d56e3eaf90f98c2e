package dev.openledger.core.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class AmountTest {

  @Test
  void parsesDecimalOpenExactly() {
    assertThat(Amount.parse("1").nano()).isEqualTo(1_000_000_000L);
    assertThat(Amount.parse("0.000000001").nano()).isEqualTo(1L);
    assertThat(Amount.parse("1_000.5").nano()).isEqualTo(1_000_500_000_000L);
    assertThat(Amount.parse("2.500000000").nano()).isEqualTo(2_500_000_000L);
    assertThat(Amount.parse("1000000000")).isEqualTo(Amount.MAX_SUPPLY);
  }

  @Test
  void rejectsBadText() {
    assertThatThrownBy(() -> Amount.parse("-1")).hasMessageContaining("not an amount");
    assertThatThrownBy(() -> Amount.parse("1e5")).hasMessageContaining("not an amount");
    assertThatThrownBy(() -> Amount.parse("0.0000000001")).hasMessageContaining("decimal places");
    assertThatThrownBy(() -> Amount.parse("99999999999999999999"))
        .hasMessageContaining("more than can exist");
    assertThatThrownBy(() -> Amount.parse("")).hasMessageContaining("not an amount");
  }

  @Test
  void arithmeticIsExact() {
    assertThatThrownBy(() -> Amount.ofNano(1).minus(Amount.ofNano(2)))
        .isInstanceOf(ArithmeticException.class);
    assertThatThrownBy(() -> Amount.ofNano(Long.MAX_VALUE).plus(Amount.ofNano(1)))
        .isInstanceOf(ArithmeticException.class);
    assertThat(Amount.ofNano(Long.MAX_VALUE).mulDiv(3, 4).nano()).isEqualTo(6917529027641081855L);
  }

  @Property
  void textRoundTrips(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long nano) {
    Amount a = Amount.ofNano(nano);
    assertThat(Amount.parse(a.toPlainString())).isEqualTo(a);
  }

  @Property
  void mulDivMatchesBigInteger(
      @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long nano,
      @ForAll @LongRange(min = 0, max = 10_000) long num) {
    java.math.BigInteger expect =
        java.math.BigInteger.valueOf(nano)
            .multiply(java.math.BigInteger.valueOf(num))
            .divide(java.math.BigInteger.valueOf(10_000));
    assertThat(Amount.ofNano(nano).mulDiv(num, 10_000).nano()).isEqualTo(expect.longValueExact());
  }
}
