package dev.openledger.ledger.genesis;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * A release schedule for an allocation: nothing until the cliff, then linear release until the end.
 * Given in calendar months (mainnet: team and investors 12-month cliff then 36 months linear,
 * community and ecosystem 48 months linear) or in seconds (devnets, tests). The bank enforces it:
 * the allocation is held in the {@code vesting} module account and released to its owner block by
 * block as it vests.
 *
 * @param cliffMonths months before anything is released (with {@code linearMonths}; else null)
 * @param linearMonths months of linear release after the cliff
 * @param cliffSeconds seconds before anything is released (with {@code linearSeconds}; else null)
 * @param linearSeconds seconds of linear release after the cliff
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Vesting(
    Integer cliffMonths, Integer linearMonths, Long cliffSeconds, Long linearSeconds) {
  /** 600 months. */
  public static final long MAX_SECONDS = 600L * 31 * 24 * 3600;

  public Vesting {
    boolean months = cliffMonths != null || linearMonths != null;
    boolean seconds = cliffSeconds != null || linearSeconds != null;
    if (months == seconds) {
      throw new IllegalArgumentException(
          "vesting needs either cliffMonths and linearMonths, or cliffSeconds and linearSeconds");
    }
    if (months) {
      if (cliffMonths == null
          || linearMonths == null
          || cliffMonths < 0
          || linearMonths < 0
          || cliffMonths + linearMonths > 600) {
        throw new IllegalArgumentException(
            "vesting months must both be given, non-negative and at most 600 in total");
      }
    } else if (cliffSeconds == null
        || linearSeconds == null
        || cliffSeconds < 0
        || linearSeconds < 0
        || cliffSeconds + linearSeconds > MAX_SECONDS) {
      throw new IllegalArgumentException(
          "vesting seconds must both be given, non-negative and at most "
              + MAX_SECONDS
              + " in total");
    }
  }

  /** A schedule in calendar months. */
  public Vesting(int cliffMonths, int linearMonths) {
    this(cliffMonths, linearMonths, null, null);
  }

  /** A schedule in seconds. */
  public static Vesting seconds(long cliffSeconds, long linearSeconds) {
    return new Vesting(null, null, cliffSeconds, linearSeconds);
  }

  /**
   * When the cliff ends, for a schedule starting at {@code startMillis} (months: calendar months in
   * UTC).
   */
  @JsonIgnore
  public long cliffEndMillis(long startMillis) {
    return cliffSeconds != null
        ? startMillis + cliffSeconds * 1000
        : plusMonths(startMillis, cliffMonths);
  }

  /** When everything has vested, for a schedule starting at {@code startMillis}. */
  @JsonIgnore
  public long endMillis(long startMillis) {
    return cliffSeconds != null
        ? startMillis + (cliffSeconds + linearSeconds) * 1000
        : plusMonths(startMillis, cliffMonths + linearMonths);
  }

  private static long plusMonths(long millis, int months) {
    return Instant.ofEpochMilli(millis)
        .atOffset(ZoneOffset.UTC)
        .plusMonths(months)
        .toInstant()
        .toEpochMilli();
  }
}
