package dev.openledger.ledger.engine.archfixture;

import java.time.Instant;

/** Allowed: an engine picks block times from the clock (then records them in the block). */
public final class SequencerClock {
  private SequencerClock() {}

  public static long nextBlockTime() {
    return Instant.now().getEpochSecond();
  }
}
