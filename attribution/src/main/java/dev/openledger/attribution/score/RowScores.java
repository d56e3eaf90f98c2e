package dev.openledger.attribution.score;

import java.util.BitSet;

/**
 * One score per stored row; rows outside {@code included} hold 0.
 *
 * @param method how the scores were computed
 * @param values helpfulness per row (positive: a step on the row lowers the query loss)
 * @param included the rows that took part
 */
public record RowScores(ScoringMethod method, double[] values, BitSet included) {
  public RowScores {
    values = values.clone();
    included = (BitSet) included.clone();
  }

  @Override
  public double[] values() {
    return values.clone();
  }

  @Override
  public BitSet included() {
    return (BitSet) included.clone();
  }

  public double get(int row) {
    return values[row];
  }

  public int size() {
    return values.length;
  }
}
