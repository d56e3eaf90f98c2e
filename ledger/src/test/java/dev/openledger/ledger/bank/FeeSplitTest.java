package dev.openledger.ledger.bank;

import static dev.openledger.ledger.EconomyHarness.ALICE;
import static dev.openledger.ledger.EconomyHarness.BOB;
import static dev.openledger.ledger.EconomyHarness.CAROL;
import static dev.openledger.ledger.EconomyHarness.DAVE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.openledger.core.Result;
import dev.openledger.core.crypto.Address;
import dev.openledger.core.money.Amount;
import dev.openledger.ledger.EconomyHarness;
import dev.openledger.ledger.bank.FeeSplit.FeeShares;
import dev.openledger.ledger.block.Event;
import dev.openledger.ledger.economy.Counter;
import dev.openledger.ledger.economy.EconomyMetrics;
import dev.openledger.ledger.economy.RewardKind;
import dev.openledger.ledger.exec.BlockContext;
import dev.openledger.ledger.genesis.DevnetGenesis;
import dev.openledger.ledger.state.StateOverlay;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class FeeSplitTest {

  @Property(tries = 500)
  void thePartsSumToTheFeeAndOnlyTheTreasuryGetsDust(
      @ForAll @IntRange(min = 0, max = 10_000) int a,
      @ForAll @IntRange(min = 0, max = 10_000) int b,
      @ForAll @IntRange(min = 0, max = 10_000) int c,
      @ForAll @IntRange(min = 0, max = 10_000) int d,
      @ForAll @LongRange(min = 0, max = 1_000_000_000_000_000_000L) long feeNano) {
    // four cut points in [0, 10000] give five non-negative shares summing to 10000
    int[] cuts = {a, b, c, d};
    java.util.Arrays.sort(cuts);
    FeeSplit split =
        new FeeSplit(
            cuts[0], cuts[1] - cuts[0], cuts[2] - cuts[1], cuts[3] - cuts[2], 10_000 - cuts[3]);
    Amount fee = Amount.ofNano(feeNano);
    FeeShares s = split.split(fee);
    assertThat(s.total()).isEqualTo(fee);
    assertThat(s.contributors()).isEqualTo(fee.mulDiv(split.contributorsBps(), 10_000));
    assertThat(s.developer()).isEqualTo(fee.mulDiv(split.developerBps(), 10_000));
    assertThat(s.provider()).isEqualTo(fee.mulDiv(split.providerBps(), 10_000));
    assertThat(s.stakers()).isEqualTo(fee.mulDiv(split.stakersBps(), 10_000));
    long dust = s.treasury().nano() - fee.mulDiv(split.treasuryBps(), 10_000).nano();
    assertThat(dust).isBetween(0L, 4L);
  }

  @Test
  void splitsThatDoNotSumToOneHundredPercentAreRefused() {
    assertThatThrownBy(() -> new FeeSplit(4000, 2500, 2000, 1000, 499))
        .hasMessageContaining("sum to 10000");
    assertThatThrownBy(() -> new FeeSplit(-1, 2501, 2000, 1000, 5500))
        .hasMessageContaining("within [0, 10000]");
  }

  @Test
  void settlementPaysEveryBucketApportionsContributorsAndCountsTheInference() {
    EconomyHarness h = EconomyHarness.devnet();
    StateOverlay state = new StateOverlay(h.state());
    BlockContext block = new BlockContext(DevnetGenesis.CHAIN_ID, 1, h.now(), ALICE.address());
    Address provider = Address.module("test-provider");
    // 3 contributors weighted 1:1:1 over a share that does not divide by 3
    List<Settlement.Share> shares =
        List.of(
            new Settlement.Share(BOB.address(), 1),
            new Settlement.Share(CAROL.address(), 1),
            new Settlement.Share(DAVE.address(), 1));
    Amount fee = Amount.ofNano(1_000_000_001);
    Amount bob = h.bank().account(state, BOB.address()).balance();
    Amount treasury = h.bank().account(state, BankModule.TREASURY).balance();
    List<Event> events = new ArrayList<>();
    Settlement s =
        new Settlement(
            ALICE.address(),
            fee,
            Optional.of("legal-summariser"),
            CAROL.address(),
            provider,
            new Settlement.Direct(shares));
    FeeShares paid = h.bank().feeSplitter().settle(state, block, events::add, s).orElseThrow();

    // defaults 40/25/20/10/5: contributors floor(400000000.4) = 400000000, 133333333 each, 1 nano
    // of dust
    assertThat(paid.contributors()).isEqualTo(Amount.ofNano(399_999_999));
    assertThat(paid.developer()).isEqualTo(Amount.ofNano(250_000_000));
    assertThat(paid.provider()).isEqualTo(Amount.ofNano(200_000_000));
    assertThat(paid.stakers()).isEqualTo(Amount.ofNano(100_000_000));
    assertThat(paid.treasury()).isEqualTo(Amount.ofNano(50_000_000 + 1 + 1));
    assertThat(paid.total()).isEqualTo(fee);
    assertThat(h.bank().account(state, BOB.address()).balance())
        .isEqualTo(bob.plus(Amount.ofNano(133_333_333)));
    assertThat(h.bank().account(state, provider).balance()).isEqualTo(Amount.ofNano(200_000_000));
    assertThat(h.bank().account(state, BankModule.TREASURY).balance())
        .isEqualTo(treasury.plus(paid.treasury()));
    assertThat(events)
        .singleElement()
        .satisfies(e -> assertThat(e.type()).isEqualTo("bank.fee_split"));

    EconomyMetrics m = h.economy().metrics();
    assertThat(m.totals(state).get(Counter.INFERENCES)).isEqualTo(1);
    assertThat(m.totals(state).get(Counter.INFERENCE_FEES)).isEqualTo(fee.nano());
    assertThat(m.totals(state).get(Counter.TREASURY_SETTLEMENT_IN))
        .isEqualTo(paid.treasury().nano());
    assertThat(m.modelUsage(state))
        .containsEntry("legal-summariser", new EconomyMetrics.ModelUsage(1, fee));
    assertThat(m.lifetimeRewards(state, RewardKind.CONTRIBUTOR))
        .hasSize(3)
        .containsEntry(DAVE.address(), Amount.ofNano(133_333_333));
    assertThat(m.lifetimeRewards(state, RewardKind.DEVELOPER))
        .containsEntry(CAROL.address(), Amount.ofNano(250_000_000));
    assertThat(h.chain().machine().checkInvariants(state)).isEmpty();
  }

  @Test
  void anEscrowPayoutGoesToOneAccountAndAPayerWhoCannotPayChangesNothing() {
    EconomyHarness h = EconomyHarness.devnet();
    StateOverlay state = new StateOverlay(h.state());
    BlockContext block = new BlockContext(DevnetGenesis.CHAIN_ID, 1, h.now(), ALICE.address());
    Address escrow = Address.module("attribution");
    Settlement s =
        new Settlement(
            ALICE.address(),
            Amount.ofOpen(10),
            Optional.empty(),
            CAROL.address(),
            DAVE.address(),
            new Settlement.Escrow(escrow));
    h.bank().feeSplitter().settle(state, block, e -> {}, s).orElseThrow();
    assertThat(h.bank().account(state, escrow).balance()).isEqualTo(Amount.ofOpen(4));
    assertThat(h.economy().metrics().totals(state).get(Counter.INFERENCES)).isZero();

    StateOverlay untouched = new StateOverlay(h.state());
    Settlement broke =
        new Settlement(
            Address.module("nobody"),
            Amount.ofOpen(1),
            Optional.of("m"),
            CAROL.address(),
            DAVE.address(),
            new Settlement.Escrow(escrow));
    Result<FeeShares> r = h.bank().feeSplitter().settle(untouched, block, e -> {}, broke);
    assertThat(r.isOk()).isFalse();
    assertThat(untouched.isEmpty()).isTrue();
  }
}
