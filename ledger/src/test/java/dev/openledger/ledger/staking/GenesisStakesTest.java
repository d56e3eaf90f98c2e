package dev.openledger.ledger.staking;

import static dev.openledger.ledger.EconomyHarness.ALICE;
import static dev.openledger.ledger.EconomyHarness.BOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.KeyPair;
import dev.openledger.core.money.Amount;
import dev.openledger.ledger.EconomyHarness;
import dev.openledger.ledger.genesis.DevnetGenesis;
import dev.openledger.ledger.genesis.GenesisFile.GenesisJson;
import org.junit.jupiter.api.Test;

/** Stakes opened at genesis from genesis allocations: positions, voting power and the escrow from block 0. */
class GenesisStakesTest {
  static void stake(GenesisJson g, Address owner, long pool, Purpose purpose, String amount) {
    DevnetGenesis.addGenesisStake(g, owner, pool, purpose, Amount.parse(amount));
  }

  @Test
  void genesisStakesAreOrdinaryPositionsFromBlockZero() {
    EconomyHarness h = EconomyHarness.devnet(g -> {
      stake(g, ALICE.address(), 1, Purpose.VALIDATOR, "1000");
      stake(g, BOB.address(), 2, Purpose.GENERAL, "250");
    });
    Position alice = h.staking().positions(h.state(), ALICE.address()).get(0);
    assertThat(alice.principal()).isEqualTo(Amount.ofOpen(1000));
    assertThat(alice.createdHeight()).isZero();
    assertThat(h.staking().validators(h.state(), h.now())).containsOnlyKeys(ALICE.address());
    assertThat(h.staking().votingPower().votes(h.state(), BOB.address())).isEqualTo(Amount.ofOpen(250));
    assertThat(h.balance(ALICE.address())).isEqualTo(Amount.ofOpen(999_000));
    assertThat(h.balance(dev.openledger.ledger.staking.StakingModule.ESCROW)).isEqualTo(Amount.ofOpen(1250));
    assertThat(h.chain().machine().checkInvariants(h.state())).isEmpty();
  }

  @Test
  void aGenesisStakeBeyondTheOwnersAllocationIsRefused() {
    Address nobody = KeyPair.insecureFromLabel("unfunded").address();
    assertThatThrownBy(() -> EconomyHarness.devnet(g -> stake(g, nobody, 1, Purpose.VALIDATOR, "10")))
        .hasStackTraceContaining("insufficient_funds");
    assertThatThrownBy(() -> EconomyHarness.devnet(g -> stake(g, ALICE.address(), 9, Purpose.VALIDATOR, "10")))
        .hasStackTraceContaining("unknown_pool");
  }
}
