package dev.openledger.modelfactory.data;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openledger.ml.train.Example;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Every epoch visits every example exactly once, in an order that is a pure function of the seed.
 */
class EpochBatchesTest {

  static List<Example> examples(int n) {
    List<Example> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(new Example(new int[] {1, 3 + i % 50, 2}, 0));
    }
    return out;
  }

  @Property(tries = 100)
  void eachEpochIsAPermutation(
      @ForAll @IntRange(min = 1, max = 60) int n,
      @ForAll @IntRange(min = 1, max = 9) int batch,
      @ForAll long seed) {
    EpochBatches b = new EpochBatches(examples(n), batch, 8, 0, seed);
    for (int epoch = 0; epoch < 3; epoch++) {
      Set<Integer> seen = new HashSet<>();
      for (long k = (long) epoch * n; k < (long) (epoch + 1) * n; k++) {
        assertThat(b.epochOf(k)).isEqualTo(epoch);
        seen.add(b.exampleAt(k));
      }
      assertThat(seen).hasSize(n);
    }
    EpochBatches again = new EpochBatches(examples(n), batch, 8, 0, seed);
    assertThat(again.rows(5)).isEqualTo(b.rows(5));
    assertThat(again.batch(2)).usingRecursiveComparison().isEqualTo(b.batch(2));
  }
}
