package dev.openledger.datanet.leaderboard;

import dev.openledger.core.crypto.Address;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Ranks contributors by accepted-row ratio and volume. OpenLedger ranks by accepted ratio; a raw
 * ratio puts one lucky row above a thousand good ones, so the key is the Wilson score lower bound
 *
 * <pre>  (p + z²/2n − z·sqrt(p(1−p)/n + z²/4n²)) / (1 + z²/n),  z = 1.96</pre>
 *
 * over n decided rows with accepted fraction p; ties go to the larger accepted volume, then the
 * smaller address.
 */
public final class Leaderboard {
  private static final double Z = 1.96;

  private Leaderboard() {}

  public static List<LeaderboardEntry> compute(List<ContributionOutcome> outcomes) {
    Map<Address, long[]> acc =
        new TreeMap<>(); // contributions, accepted, pending, rowsDecided, rowsAccepted
    for (ContributionOutcome o : outcomes) {
      long[] a = acc.computeIfAbsent(o.contributor(), k -> new long[5]);
      a[0]++;
      switch (o.status()) {
        case ACCEPTED -> {
          a[1]++;
          a[3] += o.rowsSubmitted();
          a[4] += o.rowsAccepted();
        }
        case REJECTED -> a[3] += o.rowsSubmitted();
        case PENDING -> a[2]++;
      }
    }
    List<LeaderboardEntry> rows = new ArrayList<>();
    acc.forEach(
        (who, a) -> {
          double ratio = a[3] == 0 ? 0 : a[4] / (double) a[3];
          rows.add(
              new LeaderboardEntry(
                  0,
                  who,
                  (int) a[0],
                  (int) a[1],
                  (int) a[2],
                  a[3],
                  a[4],
                  ratio,
                  wilsonLower(a[4], a[3])));
        });
    rows.sort(
        Comparator.comparingDouble(LeaderboardEntry::score)
            .reversed()
            .thenComparing(Comparator.comparingLong(LeaderboardEntry::rowsAccepted).reversed())
            .thenComparing(LeaderboardEntry::contributor));
    List<LeaderboardEntry> ranked = new ArrayList<>(rows.size());
    for (int i = 0; i < rows.size(); i++) {
      LeaderboardEntry e = rows.get(i);
      ranked.add(
          new LeaderboardEntry(
              i + 1,
              e.contributor(),
              e.contributions(),
              e.acceptedContributions(),
              e.pendingContributions(),
              e.rowsDecided(),
              e.rowsAccepted(),
              e.acceptedRowRatio(),
              e.score()));
    }
    return ranked;
  }

  /**
   * Wilson score interval lower bound for {@code k} successes in {@code n} trials; 0 when n = 0.
   */
  static double wilsonLower(long k, long n) {
    if (n == 0) {
      return 0;
    }
    double p = k / (double) n;
    double z2 = Z * Z;
    double centre = p + z2 / (2.0 * n);
    double margin = Z * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
    return Math.max(0, (centre - margin) / (1 + z2 / n));
  }
}
