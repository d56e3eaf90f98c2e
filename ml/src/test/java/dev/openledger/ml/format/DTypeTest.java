package dev.openledger.ml.format;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class DTypeTest {
  @Test
  void knownHalfValues() {
    assertThat(DType.floatToHalf(1f)).isEqualTo((short) 0x3C00);
    assertThat(DType.floatToHalf(-2f)).isEqualTo((short) 0xC000);
    assertThat(DType.floatToHalf(65504f)).isEqualTo((short) 0x7BFF);
    assertThat(DType.floatToHalf(65519.99f)).isEqualTo((short) 0x7BFF);
    assertThat(DType.floatToHalf(65520f)).isEqualTo((short) 0x7C00);
    assertThat(DType.floatToHalf(0x1p-24f)).isEqualTo((short) 0x0001);
    assertThat(DType.floatToHalf(0x1p-25f)).isEqualTo((short) 0x0000); // tie → even (zero)
    assertThat(DType.floatToHalf(0x1.8p-25f)).isEqualTo((short) 0x0001);
    assertThat(DType.floatToHalf(0x1p-14f)).isEqualTo((short) 0x0400);
    assertThat(DType.floatToHalf(-0f)).isEqualTo((short) 0x8000);
    assertThat(DType.floatToHalf(Float.NEGATIVE_INFINITY)).isEqualTo((short) 0xFC00);
    assertThat(Float.isNaN(DType.halfToFloat(DType.floatToHalf(Float.NaN)))).isTrue();
    assertThat(DType.halfToFloat((short) 0x3555)).isEqualTo(0.33325195f);
    assertThat(DType.bf16ToFloat(DType.floatToBf16(1f))).isEqualTo(1f);
    assertThat(DType.floatToBf16(1.00390625f))
        .isEqualTo((short) 0x3F80); // 1 + 2^-8 ties to even (1.0)
    assertThat(DType.floatToBf16(1.01171875f))
        .isEqualTo((short) 0x3F82); // 1 + 3·2^-8 ties to even (up)
    assertThat(Float.isNaN(DType.bf16ToFloat(DType.floatToBf16(Float.intBitsToFloat(0x7F800001)))))
        .isTrue();
  }

  @Test
  void everyHalfValueSurvivesARoundTrip() {
    for (int h = 0; h < 0x10000; h++) {
      float f = DType.halfToFloat((short) h);
      if (!Float.isNaN(f)) {
        assertThat(DType.floatToHalf(f) & 0xFFFF).as("half 0x%04X", h).isEqualTo(h);
      }
    }
  }

  @Property(tries = 2000)
  void halfRoundingPicksTheNearestNeighbourTiesToEven(@ForAll float x) {
    if (Float.isNaN(x) || Math.abs(x) >= 65504f) {
      return;
    }
    short h = DType.floatToHalf(x);
    double got = DType.halfToFloat(h);
    double err = Math.abs(got - x);
    for (int d : new int[] {-1, 1}) {
      int n = (h & 0xFFFF) + d;
      if ((n & 0x7C00) == 0x7C00 || n < 0 || n > 0xFFFF) {
        continue;
      }
      double other = Math.abs(DType.halfToFloat((short) n) - x);
      assertThat(err).isLessThanOrEqualTo(other);
      if (err == other) {
        assertThat(h & 1).as("tie must go to even").isZero();
      }
    }
  }

  @Property(tries = 2000)
  void bf16RoundingPicksTheNearestNeighbour(@ForAll float x) {
    if (Float.isNaN(x) || Float.isInfinite(x) || Math.abs(x) > 3.3e38f) {
      return;
    }
    short b = DType.floatToBf16(x);
    double err = Math.abs(DType.bf16ToFloat(b) - (double) x);
    for (int d : new int[] {-1, 1}) {
      float neighbour = DType.bf16ToFloat((short) (b + d));
      if (!Float.isNaN(neighbour)) {
        assertThat(err).isLessThanOrEqualTo(Math.abs(neighbour - (double) x));
      }
    }
  }
}
