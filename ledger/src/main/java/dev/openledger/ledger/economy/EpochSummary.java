package dev.openledger.ledger.economy;

import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;
import dev.openledger.core.money.Amount;
import java.util.Objects;

/**
 * The economy figures of one closed epoch, computed at the first block after it ended (before that
 * block's transactions, so stake and voting power are as the epoch left them).
 *
 * @param epoch the epoch index
 * @param startMillis the epoch's first instant
 * @param endMillis the instant after its last
 * @param closedAtHeight the block that closed it
 * @param stake concentration of staked principal by owner
 * @param votingPower concentration of voting power by delegate
 * @param rewards concentration of all rewards paid in the epoch, by recipient
 * @param rewardsCumulative concentration of all rewards paid since genesis, by recipient
 * @param contributorRewards distribution of contributor rewards in the epoch, per contributor
 * @param contributorRewardsCumulative distribution of contributor rewards since genesis, per
 *     contributor
 * @param flows the epoch's counters
 * @param treasuryStart the treasury balance when the epoch opened
 * @param treasuryEnd the treasury balance when it closed
 * @param voters distinct accounts that voted in the epoch
 */
public record EpochSummary(
    long epoch,
    long startMillis,
    long endMillis,
    long closedAtHeight,
    Concentration stake,
    Concentration votingPower,
    Concentration rewards,
    Concentration rewardsCumulative,
    Distribution contributorRewards,
    Distribution contributorRewardsCumulative,
    Counters flows,
    Amount treasuryStart,
    Amount treasuryEnd,
    long voters) {
  public EpochSummary {
    Objects.requireNonNull(stake, "stake");
    Objects.requireNonNull(votingPower, "votingPower");
    Objects.requireNonNull(rewards, "rewards");
    Objects.requireNonNull(rewardsCumulative, "rewardsCumulative");
    Objects.requireNonNull(contributorRewards, "contributorRewards");
    Objects.requireNonNull(contributorRewardsCumulative, "contributorRewardsCumulative");
    Objects.requireNonNull(flows, "flows");
    Objects.requireNonNull(treasuryStart, "treasuryStart");
    Objects.requireNonNull(treasuryEnd, "treasuryEnd");
  }

  /**
   * Treasury income not counted by a hook: transaction fees and plain transfers to the treasury,
   * i.e. {@code end − start + spent − settlement income − slashing income} (never negative while
   * every outflow is counted).
   */
  public long treasuryOtherIncomeNano() {
    return treasuryEnd.nano()
        - treasuryStart.nano()
        + flows.get(Counter.TREASURY_SPENT)
        - flows.get(Counter.TREASURY_SETTLEMENT_IN)
        - flows.get(Counter.TREASURY_SLASH_IN);
  }

  byte[] encode() {
    CanonicalWriter w =
        new CanonicalWriter(256)
            .varint(epoch)
            .varint(startMillis)
            .varint(endMillis)
            .varint(closedAtHeight);
    stake.encode(w);
    votingPower.encode(w);
    rewards.encode(w);
    rewardsCumulative.encode(w);
    contributorRewards.encode(w);
    contributorRewardsCumulative.encode(w);
    w.bytes(flows.encode()).amount(treasuryStart).amount(treasuryEnd).varint(voters);
    return w.toByteArray();
  }

  static EpochSummary decode(byte[] b) throws DecodeException {
    CanonicalReader r = new CanonicalReader(b);
    EpochSummary s =
        new EpochSummary(
            r.varint("epoch"),
            r.varint("start"),
            r.varint("end"),
            r.varint("height"),
            Concentration.decode(r),
            Concentration.decode(r),
            Concentration.decode(r),
            Concentration.decode(r),
            Distribution.decode(r),
            Distribution.decode(r),
            Counters.decode(r.bytes("flows", 1024)),
            r.amount("treasuryStart"),
            r.amount("treasuryEnd"),
            r.varint("voters"));
    r.finish();
    return s;
  }
}
