package dev.openledger.ledger.staking;

import static dev.openledger.ledger.EconomyHarness.ALICE;
import static dev.openledger.ledger.EconomyHarness.BOB;
import static dev.openledger.ledger.EconomyHarness.CAROL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.openledger.core.money.Amount;
import dev.openledger.ledger.EconomyHarness;
import dev.openledger.ledger.bank.BankModule;
import dev.openledger.ledger.block.Receipt;
import dev.openledger.ledger.economy.Counter;
import dev.openledger.ledger.economy.RewardKind;
import dev.openledger.ledger.genesis.GenesisFile.AllocationJson;
import dev.openledger.ledger.msg.Delegate;
import dev.openledger.ledger.msg.Stake;
import dev.openledger.ledger.msg.TopUp;
import dev.openledger.ledger.msg.Unstake;
import dev.openledger.ledger.msg.Withdraw;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Staking on the devnet: pools 1 flexible (5%, 30 s cooldown), 2 locked 120 s (8%), 3 locked 600 s
 * (15%).
 */
class StakingModuleTest {
  static final long DAY = 24L * 3600 * 1000;

  @Test
  void stakingMovesOpenIntoTheEscrowAndGivesVotingPower() {
    EconomyHarness h = EconomyHarness.devnet();
    Amount before = h.balance(ALICE.address());
    Receipt r = h.ok(ALICE, new Stake(1, Purpose.GENERAL, Amount.ofOpen(1000)));
    assertThat(h.balance(ALICE.address()))
        .isEqualTo(before.minus(Amount.ofOpen(1000)).minus(r.feeCharged()));
    assertThat(h.balance(StakingModule.ESCROW)).isEqualTo(Amount.ofOpen(1000));
    List<Position> ps = h.staking().positions(h.state(), ALICE.address());
    assertThat(ps)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.principal()).isEqualTo(Amount.ofOpen(1000));
              assertThat(p.pool()).isEqualTo(1);
              assertThat(p.annualRateBps()).isEqualTo(500);
            });
    assertThat(h.staking().votingPower().votes(h.state(), ALICE.address()))
        .isEqualTo(Amount.ofOpen(1000));
    assertThat(h.staking().votingPower().total(h.state())).isEqualTo(Amount.ofOpen(1000));
  }

  @Test
  void interestAtUnstakeIsTheContinuousCompoundingFormulaPaidFromTheReserve() {
    EconomyHarness h = EconomyHarness.devnet();
    h.ok(ALICE, new Stake(1, Purpose.GENERAL, Amount.ofOpen(1000)));
    long start = h.now();
    Amount reserveBefore = h.balance(BankModule.STAKERS_RESERVE);
    long elapsed = 30 * DAY;
    Receipt r = h.runAt(start + elapsed, ALICE, new Unstake(1));
    assertThat(r.code()).isEqualTo(Receipt.OK);
    Unbonding u = h.staking().unbonding(h.state(), 1).orElseThrow();
    BigInteger reference = InterestTest.referenceFloor(Amount.ofOpen(1000), 500, elapsed);
    assertThat(reference.longValueExact() - u.amount().nano()).isBetween(0L, 1L);
    assertThat(u.amount()).isEqualTo(Interest.accrue(Amount.ofOpen(1000), 500, elapsed));
    Amount interest = u.amount().minus(Amount.ofOpen(1000));
    // 1000 * (e^(0.05 * 30/365) - 1) = 4.1180... OPEN
    assertThat(interest.toPlainString()).startsWith("4.118");
    // the reserve paid it (and received the stakers' share of this transaction's fee)
    Amount feeShare = h.bank().params(h.state()).txFeeStakersShare(r.feeCharged());
    assertThat(h.balance(BankModule.STAKERS_RESERVE))
        .isEqualTo(reserveBefore.minus(interest).plus(feeShare));
    assertThat(h.economy().metrics().totals(h.state()).get(Counter.INTEREST_PAID))
        .isEqualTo(interest.nano());
    assertThat(h.economy().metrics().lifetimeRewards(h.state(), RewardKind.STAKING_INTEREST))
        .containsEntry(ALICE.address(), interest);
    // voting power left with the request
    assertThat(h.staking().votingPower().votes(h.state(), ALICE.address())).isEqualTo(Amount.ZERO);
  }

  @Test
  void noWithdrawalBeforeTheCooldownEnds() {
    EconomyHarness h = EconomyHarness.devnet();
    h.ok(BOB, new Stake(1, Purpose.GENERAL, Amount.ofOpen(500)));
    h.ok(BOB, new Unstake(1));
    Unbonding u = h.staking().unbonding(h.state(), 1).orElseThrow();
    assertThat(u.unlockMillis()).isEqualTo(h.now() + 30_000);
    Receipt early = h.runAt(u.unlockMillis() - 1, BOB, new Withdraw(1));
    assertThat(early.code()).isEqualTo("cooldown");
    assertThat(h.staking().unbonding(h.state(), 1)).isPresent();
    Amount before = h.balance(BOB.address());
    Receipt done = h.runAt(u.unlockMillis(), BOB, new Withdraw(1));
    assertThat(done.code()).isEqualTo(Receipt.OK);
    assertThat(h.balance(BOB.address()))
        .isEqualTo(before.plus(u.amount()).minus(done.feeCharged()));
    assertThat(h.staking().unbonding(h.state(), 1)).isEmpty();
    assertThat(h.run(BOB, new Withdraw(1)).code()).isEqualTo("unknown_unbonding");
  }

  @Test
  void aLockedStakeCannotBeUnstakedBeforeItsLockEndsAndEarnsOnlyForTheLock() {
    EconomyHarness h = EconomyHarness.devnet();
    h.ok(CAROL, new Stake(2, Purpose.GENERAL, Amount.ofOpen(2000)));
    long start = h.now();
    assertThat(h.runAt(start + 119_999, CAROL, new Unstake(1)).code()).isEqualTo("locked");
    // well after the 120 s lock: interest stops at the lock's end; cooldown 0 pays at once
    Amount before = h.balance(CAROL.address());
    Receipt r = h.runAt(start + 10 * DAY, CAROL, new Unstake(1));
    assertThat(r.code()).isEqualTo(Receipt.OK);
    Amount expected = Interest.accrue(Amount.ofOpen(2000), 800, 120_000);
    assertThat(h.balance(CAROL.address())).isEqualTo(before.plus(expected).minus(r.feeCharged()));
    assertThat(h.staking().unbonding(h.state(), 1)).isEmpty();
    assertThat(h.balance(StakingModule.ESCROW)).isEqualTo(Amount.ZERO);
  }

  @Test
  void aTopUpAddsTheInterestSoFarAndRestartsTheLock() {
    EconomyHarness h = EconomyHarness.devnet();
    h.ok(ALICE, new Stake(3, Purpose.GENERAL, Amount.ofOpen(1000)));
    long start = h.now();
    h.runAt(start + 300_000, ALICE, new TopUp(1, Amount.ofOpen(500)));
    Position p = h.staking().position(h.state(), 1).orElseThrow();
    Amount earned = Interest.accrue(Amount.ofOpen(1000), 1500, 300_000).minus(Amount.ofOpen(1000));
    assertThat(p.principal()).isEqualTo(Amount.ofOpen(1500).plus(earned));
    assertThat(p.startMillis()).isEqualTo(start + 300_000);
    assertThat(p.lockEndMillis()).isEqualTo(start + 300_000 + 600_000);
    assertThat(h.staking().votingPower().votes(h.state(), ALICE.address()))
        .isEqualTo(p.principal());
    // the original lock would have ended at start + 600 s; the restarted one has not
    assertThat(h.runAt(start + 700_000, ALICE, new Unstake(1)).code()).isEqualTo("locked");
    // after the lock has ended a top-up is refused (OpenLedger: StakeEnded)
    assertThat(h.runAt(start + 900_001, ALICE, new TopUp(1, Amount.ofOpen(1))).code())
        .isEqualTo("stake_ended");
  }

  @Test
  void poolBoundsOwnershipAndUnknownIdsAreRefused() {
    EconomyHarness h =
        EconomyHarness.devnet(
            g -> {
              var pools =
                  (com.fasterxml.jackson.databind.node.ArrayNode)
                      g.modules().get("staking").get("pools");
              ((com.fasterxml.jackson.databind.node.ObjectNode) pools.get(0))
                  .put("minStake", "10")
                  .put("maxStake", "100");
            });
    assertThat(h.run(ALICE, new Stake(1, Purpose.GENERAL, Amount.ofOpen(5))).code())
        .isEqualTo("below_min_stake");
    assertThat(h.run(ALICE, new Stake(1, Purpose.GENERAL, Amount.ofOpen(101))).code())
        .isEqualTo("above_max_stake");
    h.ok(ALICE, new Stake(1, Purpose.GENERAL, Amount.ofOpen(60)));
    // the bound is per owner and pool: a second position may not take the owner over it
    assertThat(h.run(ALICE, new Stake(1, Purpose.CURATOR, Amount.ofOpen(50))).code())
        .isEqualTo("above_max_stake");
    h.ok(ALICE, new Stake(1, Purpose.CURATOR, Amount.ofOpen(40)));
    assertThat(h.run(ALICE, new Stake(9, Purpose.GENERAL, Amount.ofOpen(50))).code())
        .isEqualTo("unknown_pool");
    assertThat(h.run(BOB, new Unstake(1)).code()).isEqualTo("not_owner");
    assertThat(h.run(BOB, new TopUp(7, Amount.ofOpen(1))).code()).isEqualTo("unknown_position");
    assertThat(h.run(BOB, new Stake(2, Purpose.GENERAL, Amount.ofOpen(2_000_000))).code())
        .isEqualTo("insufficient_funds");
    assertThat(h.staking().roleStake(h.state(), ALICE.address(), Purpose.CURATOR, h.now()))
        .isEqualTo(Amount.ofOpen(40));
  }

  @Test
  void whenTheReserveRunsDryInterestIsPaidAsFarAsItGoesAndTheRestIsForfeited() {
    EconomyHarness h =
        EconomyHarness.devnet(
            g -> {
              List<AllocationJson> a = g.allocations();
              for (int i = 0; i < a.size(); i++) {
                AllocationJson x = a.get(i);
                if (x.name().equals("staking-rewards")) {
                  a.set(
                      i,
                      new AllocationJson(
                          x.name(),
                          x.address(),
                          x.module(),
                          Amount.ofOpen(1),
                          x.vesting(),
                          x.note()));
                } else if (x.name().equals("liquidity")) {
                  a.set(
                      i,
                      new AllocationJson(
                          x.name(),
                          x.address(),
                          x.module(),
                          x.amount().plus(Amount.ofOpen(9_999_999)),
                          x.vesting(),
                          x.note()));
                }
              }
            });
    h.ok(ALICE, new Stake(1, Purpose.GENERAL, Amount.ofOpen(1000)));
    Amount reserve = h.balance(BankModule.STAKERS_RESERVE);
    long elapsed = 365 * DAY;
    Receipt r = h.runAt(h.now() + elapsed, ALICE, new Unstake(1));
    assertThat(r.code()).isEqualTo(Receipt.OK);
    Amount owed = Interest.accrue(Amount.ofOpen(1000), 500, elapsed).minus(Amount.ofOpen(1000));
    // the reserve held its balance plus this transaction's fee share (charged before the message
    // ran)
    Amount available = reserve.plus(h.bank().params(h.state()).txFeeStakersShare(r.feeCharged()));
    Unbonding u = h.staking().unbonding(h.state(), 1).orElseThrow();
    assertThat(u.amount()).isEqualTo(Amount.ofOpen(1000).plus(available));
    assertThat(h.balance(BankModule.STAKERS_RESERVE)).isEqualTo(Amount.ZERO);
    assertThat(h.economy().metrics().totals(h.state()).get(Counter.INTEREST_SHORTFALL))
        .isEqualTo(owed.minus(available).nano());
  }

  @Test
  void delegationMovesVotesFromNowOnAndKeepsTheHistory() {
    EconomyHarness h = EconomyHarness.devnet();
    VotingPower vp = h.staking().votingPower();
    h.ok(ALICE, new Stake(1, Purpose.GENERAL, Amount.ofOpen(300)));
    h.ok(BOB, new Stake(1, Purpose.VALIDATOR, Amount.ofOpen(200)));
    long beforeDelegation = h.now();
    h.ok(BOB, new Delegate(ALICE.address()));
    assertThat(vp.votes(h.state(), ALICE.address())).isEqualTo(Amount.ofOpen(500));
    assertThat(vp.votes(h.state(), BOB.address())).isEqualTo(Amount.ZERO);
    assertThat(vp.pastVotes(h.state(), BOB.address(), beforeDelegation))
        .isEqualTo(Amount.ofOpen(200));
    assertThat(vp.pastVotes(h.state(), ALICE.address(), beforeDelegation))
        .isEqualTo(Amount.ofOpen(300));
    assertThat(vp.pastVotes(h.state(), ALICE.address(), 0)).isEqualTo(Amount.ZERO);
    // new stake of a delegator counts for its delegate; taking the delegation back returns it all
    h.ok(BOB, new Stake(1, Purpose.GENERAL, Amount.ofOpen(100)));
    assertThat(vp.votes(h.state(), ALICE.address())).isEqualTo(Amount.ofOpen(600));
    h.ok(BOB, new Delegate(BOB.address()));
    assertThat(vp.votes(h.state(), BOB.address())).isEqualTo(Amount.ofOpen(300));
    assertThat(vp.total(h.state())).isEqualTo(Amount.ofOpen(600));
    assertThat(vp.delegateOf(h.state(), BOB.address())).isEqualTo(BOB.address());
  }
}
