package dev.openledger.datanet.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class ShinglesTest {

  private static List<String> words(int n, long seed) {
    Random r = new Random(seed);
    List<String> w = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      w.add("w" + r.nextInt(5000));
    }
    return w;
  }

  @Property(tries = 50)
  void jaccardIsSymmetricBoundedAndOneOnItself(
      @ForAll @IntRange(min = 1, max = 80) int n, @ForAll long seed) {
    long[] a = Shingles.of(words(n, seed), 3);
    long[] b = Shingles.of(words(n, seed + 1), 3);
    assertThat(Shingles.jaccard(a, a)).isEqualTo(1.0);
    assertThat(Shingles.jaccard(a, b)).isEqualTo(Shingles.jaccard(b, a)).isBetween(0.0, 1.0);
  }

  @Property(tries = 30)
  void minHashEstimateTracksExactJaccard(
      @ForAll @IntRange(min = 60, max = 200) int n,
      @ForAll @IntRange(min = 0, max = 30) int edits,
      @ForAll long seed) {
    List<String> a = words(n, seed);
    List<String> b = new ArrayList<>(a);
    Random r = new Random(seed);
    for (int i = 0; i < edits; i++) {
      b.set(r.nextInt(n), "edit" + i);
    }
    long[] sa = Shingles.of(a, 3);
    long[] sb = Shingles.of(b, 3);
    MinHasher mh = new MinHasher(32, 4);
    double est = MinHasher.estimate(mh.signature(sa), mh.signature(sb));
    // 128 hashes: standard error sqrt(J(1-J)/128) <= 0.045; allow 4.5 sigma.
    assertThat(est)
        .isCloseTo(Shingles.jaccard(sa, sb), org.assertj.core.api.Assertions.within(0.2));
  }

  @Test
  void shortRowsHaveOneShingleAndSignaturesAreStable() {
    assertThat(Shingles.of(List.of("two", "words"), 3)).hasSize(1);
    assertThat(Shingles.of(List.of(), 3)).isEmpty();
    MinHasher mh = new MinHasher(32, 4);
    long[] s = Shingles.of(List.of("a", "b", "c", "d"), 3);
    assertThat(new MinHasher(32, 4).bandKeys(new MinHasher(32, 4).signature(s)))
        .isEqualTo(mh.bandKeys(mh.signature(s)));
  }
}
