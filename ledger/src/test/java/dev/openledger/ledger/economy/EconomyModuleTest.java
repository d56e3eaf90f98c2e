package dev.openledger.ledger.economy;

import static dev.openledger.ledger.EconomyHarness.ALICE;
import static dev.openledger.ledger.EconomyHarness.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import dev.openledger.core.money.Amount;
import dev.openledger.ledger.EconomyHarness;
import dev.openledger.ledger.bank.BankModule;
import dev.openledger.ledger.block.Event;
import dev.openledger.ledger.exec.ExecutedBlock;
import dev.openledger.ledger.gov.GovParams;
import dev.openledger.ledger.gov.VoteSupport;
import dev.openledger.ledger.msg.Propose;
import dev.openledger.ledger.msg.Stake;
import dev.openledger.ledger.msg.Unstake;
import dev.openledger.ledger.msg.UpdateGovParams;
import dev.openledger.ledger.msg.Vote;
import dev.openledger.ledger.staking.Purpose;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Epoch summaries on the devnet (one-minute epochs). */
class EconomyModuleTest {

  @Test
  void eachEpochIsSummarisedAtTheFirstBlockAfterIt() {
    EconomyHarness h = EconomyHarness.devnet();
    long genesis = h.now();
    EconomyMetrics m = h.economy().metrics();
    h.ok(ALICE, new Stake(1, Purpose.GENERAL, Amount.ofOpen(1000)));
    h.ok(BOB, new Stake(1, Purpose.VALIDATOR, Amount.ofOpen(3000)));
    Amount treasuryAtEnd0 = h.balance(BankModule.TREASURY);
    assertThat(m.summary(h.state(), 0)).isEmpty();

    // the first block of epoch 1 closes epoch 0 before its own transactions
    h.runAt(genesis + 60_000, ALICE, new Unstake(1));
    EpochSummary s0 = m.summary(h.state(), 0).orElseThrow();
    assertThat(s0.startMillis()).isEqualTo(genesis);
    assertThat(s0.endMillis()).isEqualTo(genesis + 60_000);
    assertThat(s0.stake().holders()).isEqualTo(2);
    assertThat(s0.stake().total()).isEqualTo(Amount.ofOpen(4000));
    // (2*(1*1000 + 2*3000) - 3*4000) / (2*4000) = 0.25
    assertThat(s0.stake().giniPpm()).isEqualTo(250_000);
    assertThat(s0.stake().nakamoto33()).isEqualTo(1);
    assertThat(s0.stake().nakamoto50()).isEqualTo(1);
    assertThat(s0.stake().top1Ppm()).isEqualTo(750_000);
    assertThat(s0.votingPower()).isEqualTo(s0.stake());
    assertThat(s0.treasuryStart()).isEqualTo(Amount.ZERO);
    assertThat(s0.treasuryEnd()).isEqualTo(treasuryAtEnd0);
    assertThat(s0.treasuryOtherIncomeNano()).isEqualTo(treasuryAtEnd0.nano());
    assertThat(s0.rewards().holders()).isZero();

    // epoch 1: Alice's interest, a proposal and a vote; closed by a block in epoch 3 (epoch 2 saw
    // no block)
    Amount interest =
        m.lifetimeRewards(h.state(), RewardKind.STAKING_INTEREST).get(ALICE.address());
    assertThat(interest.isZero()).isFalse();
    assertThat(m.openEpochRewards(h.state(), RewardKind.STAKING_INTEREST, 1))
        .containsEntry(ALICE.address(), interest);
    h.runAt(
        genesis + 61_000,
        BOB,
        new Propose(List.of(new UpdateGovParams(GovParams.defaults())), "defaults"));
    h.runAt(genesis + 67_000, BOB, new Vote(1, VoteSupport.FOR, "yes"));
    ExecutedBlock closing = h.emptyBlock(genesis + 185_000);
    assertThat(closing.results().blockEvents()).extracting(Event::type).contains("economy.epoch");
    EpochSummary s1 = m.summary(h.state(), 1).orElseThrow();
    assertThat(s1.rewards().holders()).isEqualTo(1);
    assertThat(s1.rewards().total()).isEqualTo(interest);
    assertThat(s1.rewardsCumulative().total()).isEqualTo(interest);
    assertThat(s1.flows().get(Counter.INTEREST_PAID)).isEqualTo(interest.nano());
    assertThat(s1.flows().get(Counter.PROPOSALS_CREATED)).isEqualTo(1);
    assertThat(s1.flows().get(Counter.VOTES_CAST)).isEqualTo(1);
    assertThat(s1.voters()).isEqualTo(1);
    assertThat(s1.stake().holders()).isEqualTo(1);
    assertThat(m.summary(h.state(), 2)).isEmpty();
    assertThat(h.economy().openEpoch(h.state()).epoch()).isEqualTo(3);
    // the closed epoch's per-recipient records are gone; the summary keeps the figures
    assertThat(m.openEpochRewards(h.state(), RewardKind.STAKING_INTEREST, 1)).isEmpty();
    assertThat(m.openEpochVoters(h.state(), 1)).isZero();
    assertThat(m.distinctVoters(h.state())).isEqualTo(1);
    assertThat(h.economy().summaries(h.state(), 0))
        .extracting(EpochSummary::epoch)
        .containsExactly(0L, 1L);
  }
}
