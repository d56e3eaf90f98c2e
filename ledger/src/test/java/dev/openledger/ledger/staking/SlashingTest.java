package dev.openledger.ledger.staking;

import static dev.openledger.ledger.EconomyHarness.ALICE;
import static dev.openledger.ledger.EconomyHarness.BOB;
import static dev.openledger.ledger.EconomyHarness.CAROL;
import static dev.openledger.ledger.EconomyHarness.DAVE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.openledger.core.crypto.Hash;
import dev.openledger.core.crypto.KeyPair;
import dev.openledger.core.crypto.Signature;
import dev.openledger.core.money.Amount;
import dev.openledger.ledger.EconomyHarness;
import dev.openledger.ledger.bank.BankModule;
import dev.openledger.ledger.block.Receipt;
import dev.openledger.ledger.economy.Counter;
import dev.openledger.ledger.genesis.DevnetGenesis;
import dev.openledger.ledger.msg.Evidence;
import dev.openledger.ledger.msg.Slash;
import dev.openledger.ledger.msg.Stake;
import dev.openledger.ledger.msg.Unjail;
import dev.openledger.ledger.msg.Unstake;
import dev.openledger.ledger.msg.ValidatorVote;
import dev.openledger.ledger.msg.Withdraw;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlashingTest {
  static final String CHAIN = DevnetGenesis.CHAIN_ID;

  static ValidatorVote vote(KeyPair key, long height, String root) {
    return ValidatorVote.sign(
        key, CHAIN, height, ValidatorVote.Kind.STATE_ROOT, Hash.sha256(root.getBytes()));
  }

  static Evidence.DoubleSign doubleSign(KeyPair key, long height) {
    return new Evidence.DoubleSign(vote(key, height, "root-a"), vote(key, height, "root-b"));
  }

  @Test
  void aDoubleSignIsVerifiedSlashedOnceAndTombstonesTheValidator() {
    EconomyHarness h = EconomyHarness.devnet();
    h.ok(DAVE, new Stake(1, Purpose.VALIDATOR, Amount.ofOpen(1000)));
    h.ok(DAVE, new Stake(1, Purpose.GENERAL, Amount.ofOpen(100)));
    h.emptyBlock(h.now() + 1000);
    long infraction = h.driver().head().height();
    assertThat(h.staking().validators(h.state(), h.now())).containsKey(DAVE.address());

    // a forged second signature, a vote for another chain, and a future height are refused
    ValidatorVote good = vote(DAVE, infraction, "root-a");
    ValidatorVote b = vote(DAVE, infraction, "root-b");
    ValidatorVote forged =
        new ValidatorVote(
            b.validator(),
            b.chainId(),
            b.height(),
            b.kind(),
            b.value(),
            Signature.wrap(new byte[64]));
    assertThat(h.run(BOB, new Slash(new Evidence.DoubleSign(good, forged))).code())
        .isEqualTo("invalid_evidence");
    ValidatorVote other1 =
        ValidatorVote.sign(
            DAVE, "other-chain", infraction, ValidatorVote.Kind.BLOCK, Hash.sha256(new byte[] {1}));
    ValidatorVote other2 =
        ValidatorVote.sign(
            DAVE, "other-chain", infraction, ValidatorVote.Kind.BLOCK, Hash.sha256(new byte[] {2}));
    assertThat(h.run(BOB, new Slash(new Evidence.DoubleSign(other1, other2))).code())
        .isEqualTo("invalid_evidence");
    assertThat(h.run(BOB, new Slash(doubleSign(DAVE, 1_000))).code())
        .isEqualTo("evidence_from_future");

    Amount burnedBefore = h.bank().supply(h.state()).burned();
    Receipt r = h.run(BOB, new Slash(doubleSign(DAVE, infraction)));
    assertThat(r.code()).as(r.message()).isEqualTo(Receipt.OK);
    // 5% of the validator stake only; the general stake is another role
    Position validator = h.staking().positions(h.state(), DAVE.address()).get(0);
    assertThat(validator.principal()).isEqualTo(Amount.ofOpen(950));
    assertThat(h.staking().positions(h.state(), DAVE.address()).get(1).principal())
        .isEqualTo(Amount.ofOpen(100));
    assertThat(h.bank().supply(h.state()).burned()).isEqualTo(burnedBefore.plus(Amount.ofOpen(50)));
    assertThat(h.staking().votingPower().votes(h.state(), DAVE.address()))
        .isEqualTo(Amount.ofOpen(1050));
    assertThat(h.economy().metrics().totals(h.state()).get(Counter.SLASHED_BURNED))
        .isEqualTo(Amount.ofOpen(50).nano());
    assertThat(h.staking().jail(h.state(), DAVE.address(), Purpose.VALIDATOR))
        .hasValueSatisfying(j -> assertThat(j.tombstoned()).isTrue());
    assertThat(h.staking().roleStake(h.state(), DAVE.address(), Purpose.VALIDATOR, h.now()))
        .isEqualTo(Amount.ZERO);
    assertThat(h.staking().validators(h.state(), h.now())).doesNotContainKey(DAVE.address());

    // the same equivocation, whichever votes prove it, is slashed once; tombstoned validators stay
    // jailed
    Evidence.DoubleSign again =
        new Evidence.DoubleSign(vote(DAVE, infraction, "root-c"), vote(DAVE, infraction, "root-a"));
    assertThat(h.run(CAROL, new Slash(again)).code()).isEqualTo("already_slashed");
    assertThat(h.runAt(h.now() + 3_600_000, DAVE, new Unjail(Purpose.VALIDATOR)).code())
        .isEqualTo("tombstoned");
  }

  @Test
  void stakesInTheirCooldownAreStillSlashedForEarlierFaults() {
    EconomyHarness h = EconomyHarness.devnet();
    h.ok(CAROL, new Stake(1, Purpose.VALIDATOR, Amount.ofOpen(1000))); // position 1
    h.ok(BOB, new Stake(1, Purpose.VALIDATOR, Amount.ofOpen(1000))); // position 2
    h.ok(BOB, new Unstake(2)); // bob leaves before the infraction: not slashed
    h.emptyBlock(h.now() + 1000);
    long infraction = h.driver().head().height();
    h.ok(CAROL, new Unstake(1)); // carol starts her cooldown after the infraction
    h.ok(
        CAROL,
        new Stake(
            1, Purpose.VALIDATOR, Amount.ofOpen(10))); // position 3: opened after it, not slashed
    Amount carolOwed = h.staking().unbonding(h.state(), 1).orElseThrow().amount();
    Amount bobOwed = h.staking().unbonding(h.state(), 2).orElseThrow().amount();

    assertThat(h.run(ALICE, new Slash(doubleSign(CAROL, infraction))).code()).isEqualTo(Receipt.OK);
    assertThat(h.run(ALICE, new Slash(doubleSign(BOB, infraction))).code()).isEqualTo(Receipt.OK);

    Amount cut = carolOwed.mulDiv(500, 10_000);
    assertThat(h.staking().unbonding(h.state(), 1).orElseThrow().amount())
        .isEqualTo(carolOwed.minus(cut));
    assertThat(h.staking().position(h.state(), 3).orElseThrow().principal())
        .isEqualTo(Amount.ofOpen(10));
    assertThat(h.staking().unbonding(h.state(), 2).orElseThrow().amount()).isEqualTo(bobOwed);
    // the slashed unbonding pays out less after the cooldown
    long unlock = h.staking().unbonding(h.state(), 1).orElseThrow().unlockMillis();
    Amount before = h.balance(CAROL.address());
    Receipt w = h.runAt(unlock, CAROL, new Withdraw(1));
    assertThat(w.code()).isEqualTo(Receipt.OK);
    assertThat(h.balance(CAROL.address()))
        .isEqualTo(before.plus(carolOwed.minus(cut)).minus(w.feeCharged()));
  }

  @Test
  void attestedEvidenceComesOnlyFromReportersAndJailsForTheJailTime() {
    EconomyHarness h =
        EconomyHarness.devnet(
            g -> {
              ArrayNode reporters =
                  (ArrayNode) EconomyHarness.params(g, "staking").get("reporters");
              reporters.add(CAROL.address().toString());
              EconomyHarness.params(g, "staking").put("slashDestination", "TREASURY");
            });
    h.ok(ALICE, new Stake(1, Purpose.CURATOR, Amount.ofOpen(1000)));
    h.emptyBlock(h.now() + 1000);
    Evidence invalid =
        new Evidence.InvalidData(
            ALICE.address(),
            "medical-notes",
            Hash.sha256(new byte[] {7}),
            h.driver().head().height(),
            "approved rows are machine-generated spam");
    assertThat(h.run(BOB, new Slash(invalid)).code()).isEqualTo("unauthorized");

    Amount treasury = h.balance(BankModule.TREASURY);
    Amount supply = h.bank().supply(h.state()).total();
    Receipt r = h.run(CAROL, new Slash(invalid));
    long jailedAt = h.now();
    assertThat(r.code()).as(r.message()).isEqualTo(Receipt.OK);
    Amount feeToTreasury =
        r.feeCharged().minus(h.bank().params(h.state()).txFeeStakersShare(r.feeCharged()));
    assertThat(h.balance(BankModule.TREASURY))
        .isEqualTo(treasury.plus(Amount.ofOpen(100)).plus(feeToTreasury));
    assertThat(h.bank().supply(h.state()).total()).isEqualTo(supply);
    assertThat(h.staking().roleStake(h.state(), ALICE.address(), Purpose.CURATOR, h.now()))
        .isEqualTo(Amount.ZERO);
    assertThat(h.run(ALICE, new Stake(1, Purpose.CURATOR, Amount.ofOpen(5))).code())
        .isEqualTo("jailed");
    assertThat(h.runAt(jailedAt + 59_000, ALICE, new Unjail(Purpose.CURATOR)).code())
        .isEqualTo("still_jailed");
    assertThat(h.runAt(jailedAt + 60_000, ALICE, new Unjail(Purpose.CURATOR)).code())
        .isEqualTo(Receipt.OK);
    assertThat(h.staking().roleStake(h.state(), ALICE.address(), Purpose.CURATOR, h.now()))
        .isEqualTo(Amount.ofOpen(900));
    assertThat(h.run(ALICE, new Unjail(Purpose.CURATOR)).code()).isEqualTo("not_jailed");
  }

  @Test
  void aDivergentRootNeedsValidatorsWithMoreThanTwoThirdsOfTheStakeAgainstIt() {
    EconomyHarness h = EconomyHarness.devnet();
    for (KeyPair k : List.of(ALICE, BOB, CAROL, DAVE)) {
      h.ok(k, new Stake(1, Purpose.VALIDATOR, Amount.ofOpen(100)));
    }
    h.emptyBlock(h.now() + 1000);
    long height = h.driver().head().height();
    ValidatorVote offending = vote(DAVE, height, "diverged");
    Evidence half =
        new Evidence.Divergence(
            offending, List.of(vote(ALICE, height, "agreed"), vote(BOB, height, "agreed")));
    assertThat(h.run(ALICE, new Slash(half)).code()).isEqualTo("insufficient_majority");
    Evidence most =
        new Evidence.Divergence(
            offending,
            List.of(
                vote(ALICE, height, "agreed"),
                vote(BOB, height, "agreed"),
                vote(CAROL, height, "agreed")));
    assertThat(h.run(ALICE, new Slash(most)).code()).isEqualTo(Receipt.OK);
    assertThat(h.staking().positions(h.state(), DAVE.address()).get(0).principal())
        .isEqualTo(Amount.ofOpen(99));
    assertThat(h.staking().jail(h.state(), DAVE.address(), Purpose.VALIDATOR))
        .hasValueSatisfying(j -> assertThat(j.tombstoned()).isFalse());
  }
}
