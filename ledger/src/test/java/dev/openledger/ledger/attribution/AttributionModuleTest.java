package dev.openledger.ledger.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.openledger.core.crypto.Address;
import dev.openledger.core.money.Amount;
import dev.openledger.core.receipt.InclusionProof;
import dev.openledger.core.receipt.ReceiptTree;
import dev.openledger.core.receipt.SignedReceipt;
import dev.openledger.core.receipt.UsageReceipt;
import dev.openledger.ledger.RegistryDriver;
import dev.openledger.ledger.bank.BankModule;
import dev.openledger.ledger.economy.EconomyMetrics;
import dev.openledger.ledger.economy.RewardKind;
import dev.openledger.ledger.msg.AttributeInference;
import dev.openledger.ledger.msg.AttributionClaim;
import dev.openledger.ledger.msg.AttributionClaim.ContributorUnits;
import dev.openledger.ledger.msg.AttributionClaim.FlaggedRow;
import dev.openledger.ledger.msg.AttributionParams;
import dev.openledger.ledger.msg.Evidence;
import dev.openledger.ledger.msg.Slash;
import dev.openledger.ledger.msg.SweepUnattributed;
import dev.openledger.ledger.msg.UpdateAttributionParams;
import dev.openledger.ledger.payment.PaymentModule;
import dev.openledger.ledger.payment.SettledBatch;
import dev.openledger.ledger.staking.Purpose;
import dev.openledger.ledger.staking.StakingModule;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Attribution on chain, message by message, with every module invariant checked after each block.
 */
class AttributionModuleTest {
  final AttributionChain c = new AttributionChain();

  private SettledBatch batch(ReceiptTree tree) {
    return c.payments().batch(c.chain.state(), tree.root()).orElseThrow();
  }

  @Test
  void attributionPaysExactlyTheContributorsPartOfTheReceiptOnce() {
    List<SignedReceipt> rs = List.of(c.charge(17, 40), c.charge(9, 33), c.charge(120, 7));
    ReceiptTree tree = c.settle(rs);
    Amount poolBefore = c.balance(PaymentModule.ATTRIBUTION_POOL);
    Amount unattributedBefore = batch(tree).unattributed();
    Amount bob = c.balance(c.bob.address());
    Amount carol = c.balance(c.carol.address());
    Amount treasury = c.balance(BankModule.TREASURY);

    // 60% and 39.9999999% of the pool: one unit unallocated
    AttributionClaim claim =
        AttributionChain.claim(
            List.of(c.bob.address(), c.carol.address()),
            List.of(600_000_000L, 399_999_999L),
            List.of());
    c.chain.ok(c.dave, AttributionChain.attribute(tree, rs, 1, claim));

    Amount charge = rs.get(1).receipt().charge(); // 42 tokens x 1,000 nano = 42,000
    Amount pool = charge.mulDiv(4_000, 10_000); // the contributors' 40%: 16,800
    assertThat(pool).isEqualTo(Amount.ofNano(16_800));
    Amount toBob = pool.mulDiv(600_000_000L, AttributionChain.SCALE);
    Amount toCarol = pool.mulDiv(399_999_999L, AttributionChain.SCALE);
    assertThat(c.balance(c.bob.address())).isEqualTo(bob.plus(toBob));
    assertThat(c.balance(c.carol.address())).isEqualTo(carol.plus(toCarol));
    // the dust of the unallocated unit goes to the treasury, and the transaction fee (dave's) too
    Amount dust = pool.minus(toBob).minus(toCarol);
    assertThat(c.balance(BankModule.TREASURY))
        .isEqualTo(treasury.plus(dust).plus(Amount.ofNano(10_000)));
    assertThat(c.balance(PaymentModule.ATTRIBUTION_POOL)).isEqualTo(poolBefore.minus(pool));
    assertThat(batch(tree).unattributed()).isEqualTo(unattributedBefore.minus(pool));

    InferenceAttribution rec = c.attribution().byRequest(c.chain.state(), "cmpl-2").get(0);
    assertThat(rec.pool()).isEqualTo(pool);
    assertThat(rec.claim().resultHash()).isEqualTo(claim.resultHash());
    assertThat(rec.paidToContributors().plus(rec.treasury())).isEqualTo(pool);
    assertThat(new EconomyMetrics().lifetimeRewards(c.chain.state(), RewardKind.CONTRIBUTOR))
        .containsEntry(c.bob.address(), toBob);

    // once per receipt
    assertThat(
            c.chain.fails(
                c.dave, AttributionChain.attribute(tree, rs, 1, claim), "already_attributed"))
        .contains("cmpl-2");
    // the other receipts of the batch are still open
    c.chain.ok(c.dave, AttributionChain.attribute(tree, rs, 0, claim));
  }

  @Test
  void forgedReceiptsProofsAndClaimsAreRefused() {
    List<SignedReceipt> rs = List.of(c.charge(10, 10), c.charge(20, 20));
    ReceiptTree tree = c.settle(rs);
    AttributionClaim claim =
        AttributionChain.claim(
            List.of(c.bob.address()), List.of(AttributionChain.SCALE), List.of());
    Amount pool = c.balance(PaymentModule.ATTRIBUTION_POOL);

    // a receipt re-signed by the provider with a higher charge is not a leaf of the settled tree
    UsageReceipt r = rs.get(0).receipt();
    UsageReceipt inflated =
        new UsageReceipt(
            r.channel(),
            r.nonce(),
            r.requestId(),
            r.model(),
            r.adapterHash(),
            r.caller(),
            r.provider(),
            r.promptTokens(),
            r.completionTokens() + 1000,
            r.pricePerToken(),
            r.pricePerToken().times(r.totalTokens() + 1000),
            r.cumulativeCharged().plus(r.pricePerToken().times(1000)));
    c.chain.fails(
        c.dave,
        new AttributeInference(
            SignedReceipt.sign(inflated, c.dave), tree.root(), tree.proof(0), claim),
        "bad_proof");
    // a proof for another leaf
    c.chain.fails(
        c.dave, new AttributeInference(rs.get(0), tree.root(), tree.proof(1), claim), "bad_proof");
    // a receipt whose signature is not the provider's
    SignedReceipt forged = new SignedReceipt(r, c.dave.publicKey(), c.bob.sign(r.signingBytes()));
    assertThat(
            c.chain
                .send(c.dave, new AttributeInference(forged, tree.root(), tree.proof(0), claim))
                .code())
        .isIn("bad_proof", "bad_signature");
    // a root that was never settled
    c.chain.fails(
        c.dave,
        new AttributeInference(rs.get(0), AttributionChain.sha("other"), tree.proof(0), claim),
        "unknown_batch");
    // only the provider attributes its receipts
    c.chain.fails(c.bob, AttributionChain.attribute(tree, rs, 0, claim), "unauthorized");
    // a flag that names someone else's contribution
    AttributionClaim lying =
        AttributionChain.claim(
            List.of(c.bob.address()),
            List.of(1L),
            List.of(
                new FlaggedRow(AttributionChain.sha("row"), c.carol.address(), c.bobContribution)));
    c.chain.fails(c.dave, AttributionChain.attribute(tree, rs, 0, lying), "bad_flag");
    assertThat(c.balance(PaymentModule.ATTRIBUTION_POOL)).as("nothing paid").isEqualTo(pool);

    // claims that cannot even be built: more units than the scale, unsorted or repeated
    // contributors
    assertThatThrownBy(
            () ->
                new AttributionClaim(
                    AttributionChain.sha("x"),
                    AttributionChain.inputs(),
                    10,
                    List.of(new ContributorUnits(c.bob.address(), 11)),
                    List.of()))
        .hasMessageContaining("exceed the scale");
    List<ContributorUnits> twice =
        List.of(new ContributorUnits(c.bob.address(), 1), new ContributorUnits(c.bob.address(), 1));
    assertThatThrownBy(
            () ->
                new AttributionClaim(
                    AttributionChain.sha("x"), AttributionChain.inputs(), 10, twice, List.of()))
        .hasMessageContaining("increasing address order");
  }

  @Test
  void penaltiesAboveTheThresholdWithholdPartOfTheRewardForTheTreasury() {
    // mallory: three contributions rejected in review = 15 points > 10
    PenaltyScore m =
        c.attribution().penalty(c.chain.state(), c.mallory.address(), AttributionChain.MODEL, 1);
    assertThat(m.rejectedContributions()).isEqualTo(3);
    assertThat(m.points()).isEqualTo(15);
    assertThat(m.penalised()).isTrue();
    assertThat(
            c.attribution()
                .penalty(c.chain.state(), c.erin.address(), AttributionChain.MODEL, 1)
                .penalised())
        .isFalse();

    List<SignedReceipt> rs = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      rs.add(c.charge(50, 50));
    }
    ReceiptTree tree = c.settle(rs);
    // erin has 11 rows flagged by this attribution: from the next one on she is above the threshold
    // too
    List<FlaggedRow> flags = new ArrayList<>();
    for (int i = 0; i < 11; i++) {
      flags.add(
          new FlaggedRow(
              AttributionChain.sha("erin row " + i), c.erin.address(), c.erinContribution));
    }
    List<Address> who = List.of(c.erin.address(), c.mallory.address());
    Amount erin0 = c.balance(c.erin.address());
    Amount mallory0 = c.balance(c.mallory.address());
    c.chain.ok(
        c.dave,
        AttributionChain.attribute(
            tree, rs, 0, AttributionChain.claim(who, List.of(500_000_000L, 500_000_000L), flags)));
    Amount pool = rs.get(0).receipt().charge().mulDiv(4_000, 10_000);
    Amount half = pool.mulDiv(1, 2);
    assertThat(c.balance(c.erin.address())).as("not penalised yet").isEqualTo(erin0.plus(half));
    assertThat(c.balance(c.mallory.address()))
        .as("half of her reward withheld")
        .isEqualTo(mallory0.plus(half.minus(half.mulDiv(5_000, 10_000))));
    InferenceAttribution rec =
        c.attribution().byRequest(c.chain.state(), rs.get(0).receipt().requestId()).get(0);
    assertThat(rec.treasury()).isEqualTo(half.mulDiv(5_000, 10_000));
    assertThat(c.attribution().keeper().flaggedRows(c.chain.state(), c.erin.address()))
        .isEqualTo(11);

    // the same rows flagged again count once
    Amount erin1 = c.balance(c.erin.address());
    c.chain.ok(
        c.dave,
        AttributionChain.attribute(
            tree, rs, 1, AttributionChain.claim(who, List.of(500_000_000L, 500_000_000L), flags)));
    assertThat(c.attribution().keeper().flaggedRows(c.chain.state(), c.erin.address()))
        .isEqualTo(11);
    assertThat(c.balance(c.erin.address()))
        .as("now penalised")
        .isEqualTo(erin1.plus(half.minus(half.mulDiv(5_000, 10_000))));

    // raising the threshold (governance) lifts the penalty
    AttributionParams p = c.attribution().params(c.chain.state());
    AttributionParams lenient =
        new AttributionParams(
            p.authority(),
            p.sweepAfterSeconds(),
            100,
            p.penaltyCutBps(),
            p.rejectedContributionPoints(),
            p.flaggedRowPoints());
    c.chain.fails(c.dave, new UpdateAttributionParams(lenient), "unauthorized");
    c.chain.ok(RegistryDriver.GOV, new UpdateAttributionParams(lenient));
    Amount erin2 = c.balance(c.erin.address());
    c.chain.ok(
        c.dave,
        AttributionChain.attribute(
            tree,
            rs,
            2,
            AttributionChain.claim(who, List.of(500_000_000L, 500_000_000L), List.of())));
    assertThat(c.balance(c.erin.address())).isEqualTo(erin2.plus(half));
  }

  @Test
  void aFlaggedContributionsCuratorCanBeSlashedWithInvalidDataEvidence() {
    List<SignedReceipt> rs = List.of(c.charge(5, 5));
    ReceiptTree tree = c.settle(rs);
    assertThat(c.attribution().invalidDataEvidence(c.chain.state(), c.erinContribution, "outliers"))
        .as("nothing flagged yet")
        .isEmpty();
    FlaggedRow flag =
        new FlaggedRow(AttributionChain.sha("erin row"), c.erin.address(), c.erinContribution);
    c.chain.ok(
        c.dave,
        AttributionChain.attribute(
            tree,
            rs,
            0,
            AttributionChain.claim(List.of(c.bob.address()), List.of(1L), List.of(flag))));

    Evidence.InvalidData e =
        c.attribution()
            .invalidDataEvidence(
                c.chain.state(), c.erinContribution, "rows flagged as outliers by attribution")
            .orElseThrow();
    assertThat(e.curator()).isEqualTo(c.frank.address());
    StakingModule staking = c.chain.chain().chain().module(StakingModule.class);
    assertThat(staking.positions(c.chain.state(), c.frank.address()).get(0).principal())
        .isEqualTo(Amount.ofOpen(50));
    c.chain.fails(c.bob, new Slash(e), "unauthorized");
    c.chain.ok(c.reporter, new Slash(e));
    // invalidDataSlashBps = 10% of the curator stake, and the curator role jailed
    assertThat(staking.positions(c.chain.state(), c.frank.address()).get(0).principal())
        .isEqualTo(Amount.ofOpen(45));
    assertThat(
            staking.roleStake(
                c.chain.state(), c.frank.address(), Purpose.CURATOR, c.chain.chain().time()))
        .isEqualTo(Amount.ZERO);
    c.chain.fails(c.reporter, new Slash(e), "already_slashed");
  }

  @Test
  void unattributedPartsAreSweptToTheTreasuryAfterTheTimeoutAndNeverAttributedAgain() {
    List<SignedReceipt> rs = List.of(c.charge(30, 30), c.charge(40, 40));
    ReceiptTree tree = c.settle(rs);
    AttributionClaim claim =
        AttributionChain.claim(
            List.of(c.carol.address()), List.of(AttributionChain.SCALE), List.of());
    c.chain.ok(c.dave, AttributionChain.attribute(tree, rs, 0, claim));
    Amount left = batch(tree).unattributed();
    assertThat(left).isGreaterThan(Amount.ZERO);

    c.chain.fails(c.carol, new SweepUnattributed(tree.root()), "too_early");
    c.chain.chain().advanceTime(c.attribution().params(c.chain.state()).sweepAfterSeconds() * 1000);
    Amount treasury = c.balance(BankModule.TREASURY);
    c.chain.ok(c.carol, new SweepUnattributed(tree.root()));
    assertThat(c.balance(BankModule.TREASURY))
        .isEqualTo(treasury.plus(left).plus(Amount.ofNano(10_000)));
    assertThat(batch(tree).unattributed()).isEqualTo(Amount.ZERO);
    assertThat(c.attribution().sweepOf(c.chain.state(), tree.root()).orElseThrow().amount())
        .isEqualTo(left);
    c.chain.fails(c.carol, new SweepUnattributed(tree.root()), "already_swept");
    c.chain.fails(c.dave, AttributionChain.attribute(tree, rs, 1, claim), "batch_swept");
    c.chain.fails(c.carol, new SweepUnattributed(AttributionChain.sha("nothing")), "unknown_batch");
  }

  @Test
  void aProofOfTheWrongTreeSizeIsRefused() {
    List<SignedReceipt> rs = List.of(c.charge(1, 1), c.charge(2, 2), c.charge(3, 3));
    ReceiptTree tree = c.settle(rs);
    InclusionProof p = tree.proof(2);
    InclusionProof shrunk = new InclusionProof(p.index(), 4, p.path());
    AttributionClaim claim =
        AttributionChain.claim(List.of(c.bob.address()), List.of(1L), List.of());
    c.chain.fails(
        c.dave, new AttributeInference(rs.get(2), tree.root(), shrunk, claim), "bad_proof");
  }

  @Test
  void aContributorsAttributionsAreIndexedNewestFirstWithRunningTotalsPerModelVersion() {
    List<SignedReceipt> rs = List.of(c.charge(10, 30), c.charge(20, 20), c.charge(5, 70));
    ReceiptTree tree = c.settle(rs);
    assertThat(c.attribution().byContributor(c.chain.state(), c.bob.address(), 10))
        .as("nothing paid yet")
        .isEmpty();
    assertThat(c.attribution().earnings(c.chain.state(), c.bob.address())).isEmpty();
    Amount bob0 = c.balance(c.bob.address());
    Amount mallory0 = c.balance(c.mallory.address());
    List<Address> who = List.of(c.bob.address(), c.mallory.address());
    // three attributions in three blocks; mallory (penalised) in the second only, bob in all
    c.chain.ok(
        c.dave,
        AttributionChain.attribute(
            tree,
            rs,
            2,
            AttributionChain.claim(List.of(c.bob.address()), List.of(700_000_000L), List.of())));
    c.chain.ok(
        c.dave,
        AttributionChain.attribute(
            tree,
            rs,
            0,
            AttributionChain.claim(who, List.of(250_000_000L, 750_000_000L), List.of())));
    c.chain.ok(
        c.dave,
        AttributionChain.attribute(
            tree,
            rs,
            1,
            AttributionChain.claim(
                List.of(c.bob.address()), List.of(AttributionChain.SCALE), List.of())));

    List<InferenceAttribution> bobs =
        c.attribution().byContributor(c.chain.state(), c.bob.address(), 10);
    assertThat(bobs)
        .extracting(InferenceAttribution::requestId)
        .as("newest first")
        .containsExactly("cmpl-2", "cmpl-1", "cmpl-3");
    assertThat(bobs)
        .extracting(InferenceAttribution::height)
        .isSortedAccordingTo((x, y) -> Long.compare(y, x));
    assertThat(c.attribution().byContributor(c.chain.state(), c.bob.address(), 2))
        .extracting(InferenceAttribution::requestId)
        .containsExactly("cmpl-2", "cmpl-1");
    assertThat(c.attribution().byContributor(c.chain.state(), c.mallory.address(), 10))
        .extracting(InferenceAttribution::requestId)
        .containsExactly("cmpl-1");
    assertThat(c.attribution().byContributor(c.chain.state(), c.carol.address(), 10)).isEmpty();

    // the running totals are the payouts added up, and what the contributors' balances grew by
    Amount bobEarned = Amount.ZERO;
    for (InferenceAttribution a : bobs) {
      bobEarned =
          bobEarned.plus(
              a.payouts().stream()
                  .filter(p -> p.contributor().equals(c.bob.address()))
                  .findFirst()
                  .orElseThrow()
                  .earned());
    }
    AttributionKeeper.Earnings bob =
        c.attribution().earnings(c.chain.state(), c.bob.address()).get(0);
    assertThat(bob)
        .isEqualTo(
            new AttributionKeeper.Earnings(AttributionChain.MODEL, 1, 3, bobEarned, Amount.ZERO));
    assertThat(c.balance(c.bob.address())).isEqualTo(bob0.plus(bob.paid()));
    List<AttributionKeeper.Earnings> mallory =
        c.attribution().earnings(c.chain.state(), c.mallory.address());
    assertThat(mallory).hasSize(1);
    Amount pool = rs.get(0).receipt().charge().mulDiv(4_000, 10_000);
    Amount malloryEarned = pool.mulDiv(750_000_000L, AttributionChain.SCALE);
    assertThat(mallory.get(0).inferences()).isEqualTo(1);
    assertThat(mallory.get(0).earned()).isEqualTo(malloryEarned);
    assertThat(mallory.get(0).withheld())
        .as("half withheld: her penalty")
        .isEqualTo(malloryEarned.mulDiv(5_000, 10_000));
    assertThat(c.balance(c.mallory.address())).isEqualTo(mallory0.plus(mallory.get(0).paid()));
    // a refused attribution changes neither
    c.chain.fails(
        c.dave,
        AttributionChain.attribute(
            tree, rs, 1, AttributionChain.claim(who, List.of(1L, 1L), List.of())),
        "already_attributed");
    assertThat(c.attribution().byContributor(c.chain.state(), c.mallory.address(), 10)).hasSize(1);
    assertThat(c.attribution().earnings(c.chain.state(), c.bob.address()).get(0)).isEqualTo(bob);
  }
}
