package dev.openledger.ledger.gov;

import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;
import dev.openledger.core.money.Amount;
import java.util.Objects;

/**
 * Governor settings (OpenZeppelin {@code GovernorSettings}, {@code GovernorVotesQuorumFraction},
 * {@code GovernorTimelockControl}; a grace period as in Compound's GovernorBravo). Times are
 * seconds on the block time clock.
 *
 * @param votingDelaySeconds from proposal to the snapshot of voting power; voting opens after it
 * @param votingPeriodSeconds how long voting stays open after the snapshot
 * @param proposalThreshold the voting power a proposer needs
 * @param quorumBps the share of the total voting power at the snapshot that For + Abstain must
 *     reach
 * @param timelockSeconds the delay between queueing a passed proposal and executing it
 * @param gracePeriodSeconds how long a queued proposal stays executable after its timelock ends,
 *     before it expires
 */
public record GovParams(
    long votingDelaySeconds,
    long votingPeriodSeconds,
    Amount proposalThreshold,
    int quorumBps,
    long timelockSeconds,
    long gracePeriodSeconds) {
  /** No setting may exceed ten years. */
  public static final long MAX_SECONDS = 10L * 365 * 24 * 3600;

  public GovParams {
    if (votingDelaySeconds < 0 || votingDelaySeconds > MAX_SECONDS) {
      throw new IllegalArgumentException(
          "votingDelaySeconds must be within [0, " + MAX_SECONDS + "]");
    }
    if (votingPeriodSeconds < 1 || votingPeriodSeconds > MAX_SECONDS) {
      throw new IllegalArgumentException(
          "votingPeriodSeconds must be within [1, " + MAX_SECONDS + "]");
    }
    Objects.requireNonNull(proposalThreshold, "proposalThreshold");
    if (quorumBps < 0 || quorumBps > 10_000) {
      throw new IllegalArgumentException("quorumBps must be within [0, 10000], got " + quorumBps);
    }
    if (timelockSeconds < 0
        || timelockSeconds > MAX_SECONDS
        || gracePeriodSeconds < 1
        || gracePeriodSeconds > MAX_SECONDS) {
      throw new IllegalArgumentException(
          "timelockSeconds must be within [0, "
              + MAX_SECONDS
              + "] and gracePeriodSeconds within [1, "
              + MAX_SECONDS
              + "]");
    }
  }

  /**
   * OpenLedger's Governor: 1 day voting delay, 2 weeks voting period, 100 OPEN threshold, 25%
   * quorum, 1 day timelock; and GovernorBravo's 14-day grace period.
   */
  public static GovParams defaults() {
    return new GovParams(
        24 * 3600, 14 * 24 * 3600, Amount.ofOpen(100), 2_500, 24 * 3600, 14 * 24 * 3600);
  }

  public void encode(CanonicalWriter w) {
    w.varint(votingDelaySeconds)
        .varint(votingPeriodSeconds)
        .amount(proposalThreshold)
        .varint(quorumBps)
        .varint(timelockSeconds)
        .varint(gracePeriodSeconds);
  }

  public static GovParams decode(CanonicalReader r) throws DecodeException {
    return new GovParams(
        r.varint("votingDelaySeconds", MAX_SECONDS),
        r.varint("votingPeriodSeconds", MAX_SECONDS),
        r.amount("proposalThreshold"),
        (int) r.varint("quorumBps", 10_000),
        r.varint("timelockSeconds", MAX_SECONDS),
        r.varint("gracePeriodSeconds", MAX_SECONDS));
  }
}
