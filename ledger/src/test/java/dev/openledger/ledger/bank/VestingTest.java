package dev.openledger.ledger.bank;

import static dev.openledger.ledger.EconomyHarness.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.KeyPair;
import dev.openledger.core.money.Amount;
import dev.openledger.ledger.EconomyHarness;
import dev.openledger.ledger.block.Receipt;
import dev.openledger.ledger.exec.ExecutedBlock;
import dev.openledger.ledger.genesis.DevnetGenesis;
import dev.openledger.ledger.msg.Stake;
import dev.openledger.ledger.msg.Transfer;
import dev.openledger.ledger.staking.Purpose;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Genesis vesting enforced by the state machine. The devnet's Erin holds 1,000,000 OPEN vesting
 * with a 60 s cliff then 240 s linear; the category pools vest with a month per minute.
 */
class VestingTest {
  static final KeyPair ERIN = DevnetGenesis.key(DevnetGenesis.VESTING_ACCOUNT);
  static final Amount TOTAL = Amount.ofOpen(DevnetGenesis.VESTING_OPEN);

  @Test
  void lockedTokensCannotBeSpentOrStakedAndVestLinearlyAfterTheCliff() {
    EconomyHarness h = EconomyHarness.devnet();
    long genesis = h.now();
    VestingSchedule s = h.bank().vesting(h.state(), ERIN.address()).orElseThrow();
    assertThat(s.total()).isEqualTo(TOTAL);
    assertThat(s.cliffMillis()).isEqualTo(genesis + 60_000);
    assertThat(s.endMillis()).isEqualTo(genesis + 300_000);
    assertThat(h.balance(ERIN.address())).isEqualTo(Amount.ZERO);
    assertThat(h.balance(BankModule.VESTING)).isGreaterThanOrEqualTo(TOTAL);

    // with nothing liquid Erin cannot even pay a fee: the transaction is dropped
    ExecutedBlock dropped =
        h.block(
            genesis + 1000, List.of(h.tx(ERIN, new Transfer(ALICE.address(), Amount.ofOpen(1)))));
    assertThat(dropped.dropped())
        .singleElement()
        .satisfies(d -> assertThat(d.code()).isEqualTo("insufficient_funds"));

    // given 10 liquid OPEN, Erin can move those but nothing locked
    h.ok(ALICE, new Transfer(ERIN.address(), Amount.ofOpen(10)));
    Receipt tooMuch =
        h.runAt(genesis + 59_000, ERIN, new Transfer(ALICE.address(), Amount.ofOpen(20)));
    assertThat(tooMuch.code()).isEqualTo("insufficient_funds");
    assertThat(
            h.runAt(genesis + 59_500, ERIN, new Stake(1, Purpose.GENERAL, Amount.ofOpen(20)))
                .code())
        .isEqualTo("insufficient_funds");
    Amount liquid = h.balance(ERIN.address());

    // at the cliff nothing has vested yet; half-way through the linear part half has
    h.emptyBlock(genesis + 60_000);
    assertThat(h.balance(ERIN.address())).isEqualTo(liquid);
    h.emptyBlock(genesis + 180_000);
    assertThat(h.balance(ERIN.address())).isEqualTo(liquid.plus(Amount.ofOpen(500_000)));
    // a block time between two releases: floor(total * (t - cliff) / (end - cliff))
    long t = genesis + 180_000 + 7_777;
    h.emptyBlock(t);
    Amount vested = TOTAL.mulDiv(t - s.cliffMillis(), s.endMillis() - s.cliffMillis());
    assertThat(h.balance(ERIN.address())).isEqualTo(liquid.plus(vested));
    assertThat(h.bank().vesting(h.state(), ERIN.address()).orElseThrow().released())
        .isEqualTo(vested);
    // what has vested can be staked; what has not cannot
    assertThat(h.runAt(t + 1, ERIN, new Stake(1, Purpose.GENERAL, Amount.ofOpen(600_000))).code())
        .isEqualTo("insufficient_funds");
    assertThat(h.runAt(t + 2, ERIN, new Stake(1, Purpose.GENERAL, Amount.ofOpen(400_000))).code())
        .isEqualTo(Receipt.OK);

    // after the end everything is released
    h.emptyBlock(genesis + 300_000);
    assertThat(h.bank().vesting(h.state(), ERIN.address()).orElseThrow().released())
        .isEqualTo(TOTAL);
    assertThat(h.bank().vesting(h.state(), ERIN.address()).orElseThrow().held())
        .isEqualTo(Amount.ZERO);
  }

  @Test
  void allocationPoolsVestTooAndTheVestingAccountHoldsExactlyWhatIsLocked() {
    EconomyHarness h = EconomyHarness.devnet();
    long genesis = h.now();
    Address community = Address.module("community");
    Address team = Address.module("team");
    assertThat(h.balance(community)).isEqualTo(Amount.ZERO);
    // team: nothing before its 12-minute cliff; community: 48 "months" linear, a month being a
    // minute
    h.emptyBlock(genesis + 11 * 60_000);
    assertThat(h.balance(team)).isEqualTo(Amount.ZERO);
    assertThat(h.balance(community)).isEqualTo(Amount.ofOpen(517_100_000).mulDiv(11, 48));
    h.emptyBlock(genesis + 24 * 60_000);
    assertThat(h.balance(community)).isEqualTo(Amount.ofOpen(517_100_000).mulDiv(1, 2));
    assertThat(h.balance(team)).isEqualTo(Amount.ofOpen(50_000_000));
    h.emptyBlock(genesis + 12 * 60_000 + 36 * 60_000);
    assertThat(h.balance(team)).isEqualTo(Amount.ofOpen(150_000_000));
    assertThat(h.balance(community)).isEqualTo(Amount.ofOpen(517_100_000));
    // (the harness checks after every block that the vesting account holds exactly what the
    // schedules hold)
    assertThat(h.balance(BankModule.VESTING)).isEqualTo(Amount.ZERO);
  }
}
