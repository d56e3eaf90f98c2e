package dev.openledger.ledger.archfixture;

import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Violates determinism on purpose: state-transition code reading the clock and drawing random
 * numbers.
 */
public final class ReadsClock {
  private ReadsClock() {}

  public static long blockTime() {
    return Instant.now().getEpochSecond();
  }

  public static int coin() {
    return ThreadLocalRandom.current().nextInt(2);
  }
}
