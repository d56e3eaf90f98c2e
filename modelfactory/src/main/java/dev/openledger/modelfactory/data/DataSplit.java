package dev.openledger.modelfactory.data;

import dev.openledger.core.crypto.Hash;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The held-out split of one datanet version: rows are ranked by {@code SHA-256(splitSeed ‖ rowId)}
 * and the first {@link #evalCount} are held out. The ranking depends only on the row and the seed,
 * not on the order of the export, so a row held out in one version stays held out in the next for
 * the same seed and fraction whenever the fraction's count allows.
 *
 * @param train rows to train on, in export order
 * @param eval held-out rows, in export order
 */
public record DataSplit(List<TrainingRow> train, List<TrainingRow> eval) {
  public DataSplit {
    train = List.copyOf(train);
    eval = List.copyOf(eval);
  }

  /**
   * Rows held out of {@code rows}: {@code round(fraction·rows)}, at least one and leaving at least
   * one.
   */
  public static int evalCount(int rows, float fraction) {
    if (rows < 2) {
      throw new IllegalArgumentException("a split needs at least 2 rows, got " + rows);
    }
    int k = Math.round(fraction * rows);
    return Math.max(1, Math.min(rows - 1, k));
  }

  /** Splits one version's rows (given in export order). */
  public static DataSplit of(List<TrainingRow> rows, float fraction, long seed) {
    long splitSeed = Seeds.derive(seed, Seeds.EVAL_SPLIT);
    byte[] s = ByteBuffer.allocate(8).putLong(splitSeed).array();
    List<TrainingRow> ranked = new ArrayList<>(rows);
    ranked.sort(
        Comparator.comparing((TrainingRow r) -> Hash.sha256(s, r.rowId().bytes()))
            .thenComparing(TrainingRow::index));
    Set<TrainingRow> held = new HashSet<>(ranked.subList(0, evalCount(rows.size(), fraction)));
    List<TrainingRow> train = new ArrayList<>();
    List<TrainingRow> eval = new ArrayList<>();
    for (TrainingRow r : rows) {
      (held.contains(r) ? eval : train).add(r);
    }
    return new DataSplit(train, eval);
  }
}
