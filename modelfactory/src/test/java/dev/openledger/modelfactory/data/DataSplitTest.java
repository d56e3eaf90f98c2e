package dev.openledger.modelfactory.data;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import dev.openledger.modelfactory.spec.DatanetVersionRef;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The evaluation split: sizes, disjointness, and independence from export order. */
class DataSplitTest {
  static final DatanetVersionRef REF =
      new DatanetVersionRef(Hash.sha256(new byte[] {7}), 1, Hash.ZERO);

  static List<TrainingRow> rows(int n) {
    List<TrainingRow> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(
          new TrainingRow(
              REF,
              i,
              Hash.sha256(new byte[] {(byte) i, (byte) (i >> 8)}),
              Address.module("owner"),
              "row " + i));
    }
    return out;
  }

  @Property(tries = 100)
  void splitsIntoDisjointNonEmptyParts(
      @ForAll @IntRange(min = 2, max = 300) int n,
      @ForAll @IntRange(min = 1, max = 50) int percent,
      @ForAll long seed) {
    DataSplit s = DataSplit.of(rows(n), percent / 100f, seed);
    assertThat(s.eval()).hasSize(DataSplit.evalCount(n, percent / 100f)).isNotEmpty();
    assertThat(s.train()).isNotEmpty().doesNotContainAnyElementsOf(s.eval());
    assertThat(s.train().size() + s.eval().size()).isEqualTo(n);
  }

  @Test
  void heldOutRowsDoNotDependOnExportOrder() {
    List<TrainingRow> rows = rows(100);
    List<TrainingRow> shuffled = new ArrayList<>(rows);
    Collections.shuffle(shuffled, new java.util.Random(3));
    assertThat(DataSplit.of(shuffled, 0.1f, 42).eval())
        .containsExactlyInAnyOrderElementsOf(DataSplit.of(rows, 0.1f, 42).eval());
    assertThat(DataSplit.of(rows, 0.1f, 43).eval())
        .isNotEqualTo(DataSplit.of(rows, 0.1f, 42).eval());
  }
}
