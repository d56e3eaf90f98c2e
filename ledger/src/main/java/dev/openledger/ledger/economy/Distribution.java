package dev.openledger.ledger.economy;

import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;
import dev.openledger.core.money.Amount;
import java.util.Collection;

/**
 * The distribution of amounts among recipients (e.g. rewards per contributor): count, total and
 * nearest-rank percentiles ({@code p-th percentile = x_(ceil(p·n))} of the ascending amounts,
 * 1-based).
 *
 * @param count recipients with a positive amount
 * @param total their sum
 * @param min the smallest
 * @param p10 10th percentile
 * @param p25 25th percentile
 * @param median 50th percentile
 * @param p75 75th percentile
 * @param p90 90th percentile
 * @param max the largest
 */
public record Distribution(
    long count,
    Amount total,
    Amount min,
    Amount p10,
    Amount p25,
    Amount median,
    Amount p75,
    Amount p90,
    Amount max) {
  public static final Distribution EMPTY =
      new Distribution(
          0,
          Amount.ZERO,
          Amount.ZERO,
          Amount.ZERO,
          Amount.ZERO,
          Amount.ZERO,
          Amount.ZERO,
          Amount.ZERO,
          Amount.ZERO);

  /** The distribution of {@code amounts} (zero amounts are ignored). */
  public static Distribution of(Collection<Amount> amounts) {
    long[] x = Concentration.sortedPositive(amounts);
    if (x.length == 0) {
      return EMPTY;
    }
    long sum = 0;
    for (long v : x) {
      sum = Math.addExact(sum, v);
    }
    return new Distribution(
        x.length,
        Amount.ofNano(sum),
        Amount.ofNano(x[0]),
        rank(x, 10),
        rank(x, 25),
        rank(x, 50),
        rank(x, 75),
        rank(x, 90),
        Amount.ofNano(x[x.length - 1]));
  }

  /** Nearest rank: the ceil(p·n/100)-th smallest (1-based). */
  private static Amount rank(long[] ascending, int percent) {
    long n = ascending.length;
    long r = (percent * n + 99) / 100;
    return Amount.ofNano(ascending[(int) Math.max(1, r) - 1]);
  }

  void encode(CanonicalWriter w) {
    w.varint(count)
        .amount(total)
        .amount(min)
        .amount(p10)
        .amount(p25)
        .amount(median)
        .amount(p75)
        .amount(p90)
        .amount(max);
  }

  static Distribution decode(CanonicalReader r) throws DecodeException {
    return new Distribution(
        r.varint("count"),
        r.amount("total"),
        r.amount("min"),
        r.amount("p10"),
        r.amount("p25"),
        r.amount("median"),
        r.amount("p75"),
        r.amount("p90"),
        r.amount("max"));
  }
}
