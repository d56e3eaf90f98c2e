package dev.openledger.ledger.economy;

import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;
import dev.openledger.core.money.Amount;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * How concentrated holdings are, computed exactly in integers so that every replica stores the same
 * figures. Shares are in parts per million (ppm).
 *
 * <pre>
 * x_1 &lt;= … &lt;= x_n (holders with a positive amount), S = Σ x_i
 * gini      = (2 Σ i·x_i − (n+1)·S) / (n·S)        0 = equal, → 1 = one holder has everything
 * nakamoto(θ) = the fewest holders whose sum exceeds θ·S (θ = 1/3: can halt a BFT quorum; θ = 1/2: a majority)
 * topK      = (sum of the K largest) / S
 * </pre>
 *
 * @param holders n, the number of holders with a positive amount
 * @param total S
 * @param giniPpm floor(gini * 10^6)
 * @param nakamoto33 the fewest holders with more than a third
 * @param nakamoto50 the fewest holders with more than half
 * @param top1Ppm floor(top-1 share * 10^6)
 * @param top10Ppm floor(top-10 share * 10^6)
 */
public record Concentration(
    long holders,
    Amount total,
    long giniPpm,
    long nakamoto33,
    long nakamoto50,
    long top1Ppm,
    long top10Ppm) {
  public static final long PPM = 1_000_000;
  public static final Concentration EMPTY = new Concentration(0, Amount.ZERO, 0, 0, 0, 0, 0);

  /** The figures of {@code amounts} (zero amounts are ignored; order does not matter). */
  public static Concentration of(Collection<Amount> amounts) {
    long[] x = sortedPositive(amounts);
    int n = x.length;
    if (n == 0) {
      return EMPTY;
    }
    BigInteger s = BigInteger.ZERO;
    BigInteger weighted = BigInteger.ZERO;
    for (int i = 0; i < n; i++) {
      BigInteger xi = BigInteger.valueOf(x[i]);
      s = s.add(xi);
      weighted = weighted.add(xi.multiply(BigInteger.valueOf(i + 1L)));
    }
    BigInteger num = weighted.shiftLeft(1).subtract(s.multiply(BigInteger.valueOf(n + 1L)));
    long gini =
        num.multiply(BigInteger.valueOf(PPM))
            .divide(s.multiply(BigInteger.valueOf(n)))
            .longValueExact();
    return new Concentration(
        n,
        Amount.ofNano(s.longValueExact()),
        gini,
        nakamoto(x, s, 3),
        nakamoto(x, s, 2),
        topShare(x, s, 1),
        topShare(x, s, 10));
  }

  /** The fewest of the largest holders whose sum times {@code denominator} exceeds the total. */
  private static long nakamoto(long[] ascending, BigInteger s, int denominator) {
    BigInteger sum = BigInteger.ZERO;
    BigInteger d = BigInteger.valueOf(denominator);
    for (int i = ascending.length - 1; i >= 0; i--) {
      sum = sum.add(BigInteger.valueOf(ascending[i]));
      if (sum.multiply(d).compareTo(s) > 0) {
        return ascending.length - i;
      }
    }
    return ascending.length;
  }

  private static long topShare(long[] ascending, BigInteger s, int k) {
    BigInteger sum = BigInteger.ZERO;
    for (int i = ascending.length - 1; i >= Math.max(0, ascending.length - k); i--) {
      sum = sum.add(BigInteger.valueOf(ascending[i]));
    }
    return sum.multiply(BigInteger.valueOf(PPM)).divide(s).longValueExact();
  }

  static long[] sortedPositive(Collection<Amount> amounts) {
    List<Long> xs = new ArrayList<>(amounts.size());
    for (Amount a : amounts) {
      if (!a.isZero()) {
        xs.add(a.nano());
      }
    }
    long[] x = new long[xs.size()];
    for (int i = 0; i < x.length; i++) {
      x[i] = xs.get(i);
    }
    java.util.Arrays.sort(x);
    return x;
  }

  void encode(CanonicalWriter w) {
    w.varint(holders)
        .amount(total)
        .varint(giniPpm)
        .varint(nakamoto33)
        .varint(nakamoto50)
        .varint(top1Ppm)
        .varint(top10Ppm);
  }

  static Concentration decode(CanonicalReader r) throws DecodeException {
    return new Concentration(
        r.varint("holders"),
        r.amount("total"),
        r.varint("gini"),
        r.varint("nakamoto33"),
        r.varint("nakamoto50"),
        r.varint("top1"),
        r.varint("top10"));
  }
}
