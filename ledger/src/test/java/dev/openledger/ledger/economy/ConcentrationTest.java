package dev.openledger.ledger.economy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openledger.core.money.Amount;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class ConcentrationTest {
  static List<Amount> open(long... xs) {
    List<Amount> out = new ArrayList<>();
    for (long x : xs) {
      out.add(Amount.ofOpen(x));
    }
    return out;
  }

  @Test
  void knownValues() {
    assertThat(Concentration.of(open(5, 5, 5, 5)).giniPpm()).isZero();
    assertThat(Concentration.of(open(7)).giniPpm()).isZero();
    assertThat(Concentration.of(open(1, 3)).giniPpm()).isEqualTo(250_000);
    assertThat(Concentration.of(open(1, 2, 3, 4, 5)).giniPpm()).isEqualTo(266_666);
    Concentration c = Concentration.of(open(10, 20, 0, 30, 40));
    assertThat(c.holders()).isEqualTo(4);
    assertThat(c.total()).isEqualTo(Amount.ofOpen(100));
    assertThat(c.nakamoto33()).isEqualTo(1);
    assertThat(c.nakamoto50()).isEqualTo(2);
    assertThat(c.top1Ppm()).isEqualTo(400_000);
    assertThat(c.top10Ppm()).isEqualTo(1_000_000);
    assertThat(Concentration.of(List.of())).isEqualTo(Concentration.EMPTY);
    // exactly half is not more than half
    assertThat(Concentration.of(open(50, 25, 25)).nakamoto50()).isEqualTo(2);
  }

  @Test
  void nearestRankPercentiles() {
    Distribution d = Distribution.of(open(10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0));
    assertThat(d.count()).isEqualTo(10);
    assertThat(d.min()).isEqualTo(Amount.ofOpen(1));
    assertThat(d.p10()).isEqualTo(Amount.ofOpen(1));
    assertThat(d.p25()).isEqualTo(Amount.ofOpen(3));
    assertThat(d.median()).isEqualTo(Amount.ofOpen(5));
    assertThat(d.p75()).isEqualTo(Amount.ofOpen(8));
    assertThat(d.p90()).isEqualTo(Amount.ofOpen(9));
    assertThat(d.max()).isEqualTo(Amount.ofOpen(10));
    assertThat(d.total()).isEqualTo(Amount.ofOpen(55));
  }

  /**
   * The integer Gini equals the mean-absolute-difference definition, computed in doubles, to 1 ppm.
   */
  @Property(tries = 200)
  void giniMatchesTheMeanAbsoluteDifference(
      @ForAll @Size(min = 1, max = 40)
          List<@LongRange(min = 1, max = 1_000_000_000_000L) Long> xs) {
    List<Amount> amounts = new ArrayList<>();
    double sum = 0;
    for (long x : xs) {
      amounts.add(Amount.ofNano(x));
      sum += x;
    }
    double mad = 0;
    for (long a : xs) {
      for (long b : xs) {
        mad += Math.abs((double) a - b);
      }
    }
    double gini = mad / (2.0 * xs.size() * sum);
    assertThat((double) Concentration.of(amounts).giniPpm())
        .isCloseTo(gini * 1e6, org.assertj.core.data.Offset.offset(1.0));
  }
}
