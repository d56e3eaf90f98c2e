package dev.openledger.node.api.economy;

import dev.openledger.core.crypto.Address;
import dev.openledger.core.money.Amount;
import dev.openledger.ledger.economy.Concentration;
import dev.openledger.ledger.economy.Distribution;
import dev.openledger.ledger.economy.EconomyMetrics.ModelUsage;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/economy}: the economy's health now (from the latest state) and as a series of
 * closed epochs (summaries the chain itself computed). Shares are parts per million.
 *
 * @param height the block read
 * @param evaluatedAtMillis the time the figures are evaluated at
 * @param epoch the epoch clock
 * @param stake staked principal by owner
 * @param votingPower voting power by delegate
 * @param rewards rewards paid since genesis
 * @param treasury the treasury's balance and flows since genesis
 * @param adoption models and inference figures since genesis
 * @param governance participation
 * @param totals every counter since genesis, by name
 * @param series closed epochs, oldest first
 */
public record EconomyView(
    long height,
    long evaluatedAtMillis,
    EpochClock epoch,
    Holdings stake,
    Holdings votingPower,
    Rewards rewards,
    Treasury treasury,
    Adoption adoption,
    Governance governance,
    Map<String, Long> totals,
    List<Epoch> series) {

  /**
   * @param current the open epoch's index
   * @param lengthSeconds an epoch's length
   * @param genesisMillis the start of epoch 0
   */
  public record EpochClock(long current, long lengthSeconds, long genesisMillis) {}

  /**
   * @param concentration Gini, Nakamoto coefficients and top shares
   * @param top the 10 largest holders
   */
  public record Holdings(Concentration concentration, List<Holder> top) {}

  /**
   * @param address the holder
   * @param amount its holding
   * @param sharePpm its share of the total
   */
  public record Holder(Address address, Amount amount, long sharePpm) {}

  /**
   * @param concentration of all rewards paid since genesis, by recipient
   * @param contributors distribution of contributor rewards since genesis, per contributor
   * @param byKind total paid by kind (staking_interest, contributor, developer, provider)
   */
  public record Rewards(
      Concentration concentration, Distribution contributors, Map<String, Amount> byKind) {}

  /**
   * @param balance the treasury's balance
   * @param spent paid out by governance since genesis
   * @param settlementIncome from inference fee splits since genesis
   * @param slashIncome from slashing since genesis
   */
  public record Treasury(
      Amount balance, Amount spent, Amount settlementIncome, Amount slashIncome) {}

  /**
   * @param modelsRegistered models registered
   * @param modelsApproved approved by governance
   * @param modelsRejected rejected by governance
   * @param inferences paid inferences settled
   * @param inferenceFees their fees
   * @param perModel inferences and fees by model id
   */
  public record Adoption(
      long modelsRegistered,
      long modelsApproved,
      long modelsRejected,
      long inferences,
      Amount inferenceFees,
      Map<String, ModelUsage> perModel) {}

  /**
   * @param proposals every proposal's participation
   * @param distinctVoters accounts that ever voted
   * @param votesCast votes since genesis
   */
  public record Governance(List<Participation> proposals, long distinctVoters, long votesCast) {}

  /**
   * @param id the proposal
   * @param state its state
   * @param voters how many voted
   * @param turnoutPpm cast power over the total at the snapshot (absent before the snapshot)
   */
  public record Participation(long id, String state, long voters, Long turnoutPpm) {}

  /**
   * A closed epoch.
   *
   * @param epoch its index
   * @param startMillis its start
   * @param endMillis its end
   * @param closedAtHeight the block that closed it
   * @param stake stake concentration at its end
   * @param votingPower voting power concentration at its end
   * @param rewards concentration of the rewards paid in it
   * @param rewardsCumulative concentration of all rewards paid until its end
   * @param contributorRewards distribution of contributor rewards in it
   * @param contributorRewardsCumulative distribution of contributor rewards until its end
   * @param flows its counters by name
   * @param models inferences and fees by model in it
   * @param treasuryStart the treasury when it opened
   * @param treasuryEnd the treasury when it closed
   * @param treasuryOtherIncome treasury income no hook counted: transaction fees and plain
   *     transfers
   * @param voters distinct voters in it
   */
  public record Epoch(
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
      Map<String, Long> flows,
      Map<String, ModelUsage> models,
      Amount treasuryStart,
      Amount treasuryEnd,
      Amount treasuryOtherIncome,
      long voters) {}
}
