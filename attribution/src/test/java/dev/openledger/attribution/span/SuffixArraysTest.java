package dev.openledger.attribution.span;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class SuffixArraysTest {

  @Property(tries = 300)
  void saisEqualsNaiveSortOnRandomText(
      @ForAll @IntRange(min = 0, max = 400) int n,
      @ForAll @IntRange(min = 1, max = 50) int alphabet,
      @ForAll @LongRange(min = 0, max = 1_000_000) long seed) {
    int[] t = random(new Random(seed), n, alphabet);
    assertThat(SuffixArrays.build(t, alphabet)).containsExactly(SuffixArrays.naive(t));
  }

  /** Periodic and run-heavy texts drive SA-IS into deep recursion (many equal LMS substrings). */
  @Property(tries = 200)
  void saisEqualsNaiveSortOnRepetitiveText(
      @ForAll @IntRange(min = 1, max = 12) int period,
      @ForAll @IntRange(min = 1, max = 60) int repeats,
      @ForAll @IntRange(min = 0, max = 3) int mutations,
      @ForAll @LongRange(min = 0, max = 1_000_000) long seed) {
    Random rnd = new Random(seed);
    int[] unit = random(rnd, period, 3);
    int[] t = new int[period * repeats];
    for (int i = 0; i < t.length; i++) {
      t[i] = unit[i % period];
    }
    for (int m = 0; m < mutations && t.length > 0; m++) {
      t[rnd.nextInt(t.length)] = rnd.nextInt(3);
    }
    assertThat(SuffixArrays.build(t, 3)).containsExactly(SuffixArrays.naive(t));
  }

  @Test
  void edgeCases() {
    assertThat(SuffixArrays.build(new int[0], 1)).isEmpty();
    assertThat(SuffixArrays.build(new int[] {0}, 1)).containsExactly(0);
    assertThat(SuffixArrays.build(new int[] {0, 0, 0, 0}, 1)).containsExactly(3, 2, 1, 0);
    // "banana" with a=0, b=1, n=2: suffixes a, ana, anana, banana, na, nana
    assertThat(SuffixArrays.build(new int[] {1, 0, 2, 0, 2, 0}, 3))
        .containsExactly(5, 3, 1, 0, 4, 2);
  }

  @Property(tries = 200)
  void kasaiEqualsNaiveLcpWithSeparators(
      @ForAll @IntRange(min = 0, max = 300) int n,
      @ForAll @IntRange(min = 2, max = 6) int alphabet,
      @ForAll @LongRange(min = 0, max = 1_000_000) long seed) {
    int[] t = random(new Random(seed), n, alphabet); // symbol 0 plays the separator
    int[] sa = SuffixArrays.build(t, alphabet);
    assertThat(Lcp.kasai(t, sa, 0)).containsExactly(Lcp.naive(t, sa, 0));
    assertThat(Lcp.kasai(t, sa, Lcp.NO_SEPARATOR))
        .containsExactly(Lcp.naive(t, sa, Lcp.NO_SEPARATOR));
  }

  static int[] random(Random rnd, int n, int alphabet) {
    int[] t = new int[n];
    for (int i = 0; i < n; i++) {
      t[i] = rnd.nextInt(alphabet);
    }
    return t;
  }
}
