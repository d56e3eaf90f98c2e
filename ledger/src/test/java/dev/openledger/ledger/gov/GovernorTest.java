package dev.openledger.ledger.gov;

import static dev.openledger.ledger.EconomyHarness.ALICE;
import static dev.openledger.ledger.EconomyHarness.BOB;
import static dev.openledger.ledger.EconomyHarness.CAROL;
import static dev.openledger.ledger.EconomyHarness.DAVE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.openledger.core.money.Amount;
import dev.openledger.ledger.EconomyHarness;
import dev.openledger.ledger.bank.BankModule;
import dev.openledger.ledger.bank.BankParams;
import dev.openledger.ledger.bank.FeeSplit;
import dev.openledger.ledger.block.Receipt;
import dev.openledger.ledger.exec.Authority;
import dev.openledger.ledger.msg.Cancel;
import dev.openledger.ledger.msg.Delegate;
import dev.openledger.ledger.msg.Execute;
import dev.openledger.ledger.msg.Message;
import dev.openledger.ledger.msg.Propose;
import dev.openledger.ledger.msg.Queue;
import dev.openledger.ledger.msg.Spend;
import dev.openledger.ledger.msg.Stake;
import dev.openledger.ledger.msg.UpdateBankParams;
import dev.openledger.ledger.msg.UpdateGovParams;
import dev.openledger.ledger.msg.Vote;
import dev.openledger.ledger.staking.Purpose;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * OpenZeppelin Governor's rules on the devnet settings: 5 s voting delay, 60 s voting period, 100
 * OPEN threshold, 25% quorum, 5 s timelock, 1 h grace period. Alice and Bob stake 1000 OPEN, Carol
 * 500: the total voting power is 2500 and the quorum 625.
 */
class GovernorTest {
  static final GovParams NEW_PARAMS = new GovParams(10, 120, Amount.ofOpen(50), 3_000, 7, 7200);

  static EconomyHarness staked() {
    EconomyHarness h = EconomyHarness.devnet();
    h.ok(ALICE, new Stake(1, Purpose.GENERAL, Amount.ofOpen(1000)));
    h.ok(BOB, new Stake(1, Purpose.GENERAL, Amount.ofOpen(1000)));
    h.ok(CAROL, new Stake(1, Purpose.GENERAL, Amount.ofOpen(500)));
    return h;
  }

  /** Alice proposes {@code messages}; returns the proposal. */
  static Proposal propose(EconomyHarness h, List<Message> messages) {
    Receipt r = h.ok(ALICE, new Propose(messages, "change governance settings"));
    long id =
        Long.parseLong(
            r.events().stream()
                .filter(e -> e.type().equals("gov.propose"))
                .findFirst()
                .orElseThrow()
                .get("proposal"));
    return h.gov().proposal(h.state(), id).orElseThrow();
  }

  static ProposalState state(EconomyHarness h, Proposal p, long at) {
    return h.gov().state(h.state(), h.gov().proposal(h.state(), p.id()).orElseThrow(), at);
  }

  static Receipt vote(
      EconomyHarness h,
      Proposal p,
      long at,
      dev.openledger.core.crypto.KeyPair who,
      VoteSupport s) {
    return h.runAt(at, who, new Vote(p.id(), s, ""));
  }

  @Test
  void aTieIsDefeated() {
    EconomyHarness h = staked();
    Proposal p = propose(h, List.of(new UpdateGovParams(NEW_PARAMS)));
    long open = p.snapshotMillis() + 1;
    assertThat(vote(h, p, open, ALICE, VoteSupport.FOR).code()).isEqualTo(Receipt.OK);
    assertThat(vote(h, p, open + 1, BOB, VoteSupport.AGAINST).code()).isEqualTo(Receipt.OK);
    Proposal tallied = h.gov().proposal(h.state(), p.id()).orElseThrow();
    assertThat(tallied.forVotes()).isEqualTo(tallied.againstVotes());
    assertThat(state(h, p, p.deadlineMillis())).isEqualTo(ProposalState.ACTIVE);
    assertThat(state(h, p, p.deadlineMillis() + 1)).isEqualTo(ProposalState.DEFEATED);
    assertThat(h.runAt(p.deadlineMillis() + 1, CAROL, new Queue(p.id())).code())
        .isEqualTo("proposal_not_successful");
  }

  @Test
  void abstainCountsTowardTheQuorumButNotTowardPassing() {
    EconomyHarness h = staked();
    Proposal alone = propose(h, List.of(new UpdateGovParams(NEW_PARAMS)));
    Proposal withAbstain = propose(h, List.of(new UpdateGovParams(NEW_PARAMS)));
    long open = withAbstain.snapshotMillis() + 1;
    // Carol's 500 For is below the 625 quorum on its own
    vote(h, alone, open, CAROL, VoteSupport.FOR);
    vote(h, withAbstain, open + 1, CAROL, VoteSupport.FOR);
    vote(h, withAbstain, open + 2, BOB, VoteSupport.ABSTAIN);
    long after = withAbstain.deadlineMillis() + 1;
    Proposal a = h.gov().proposal(h.state(), alone.id()).orElseThrow();
    assertThat(a.quorum(h.gov().totalPowerAtSnapshot(h.state(), a))).isEqualTo(Amount.ofOpen(625));
    assertThat(state(h, alone, after)).isEqualTo(ProposalState.DEFEATED);
    assertThat(state(h, withAbstain, after)).isEqualTo(ProposalState.SUCCEEDED);
  }

  @Test
  void votesAreAcceptedOnlyWhileActive() {
    EconomyHarness h = staked();
    Proposal p = propose(h, List.of(new UpdateGovParams(NEW_PARAMS)));
    assertThat(vote(h, p, p.snapshotMillis(), ALICE, VoteSupport.FOR).code())
        .isEqualTo("proposal_not_active");
    assertThat(vote(h, p, p.deadlineMillis(), ALICE, VoteSupport.FOR).code()).isEqualTo(Receipt.OK);
    assertThat(vote(h, p, p.deadlineMillis() + 1, BOB, VoteSupport.AGAINST).code())
        .isEqualTo("proposal_not_active");
  }

  @Test
  void powerIsReadAtTheSnapshotSoMovedStakeCannotVoteTwice() {
    EconomyHarness h = staked();
    Proposal p = propose(h, List.of(new UpdateGovParams(NEW_PARAMS)));
    long t = p.snapshotMillis() + 1;
    assertThat(vote(h, p, t, ALICE, VoteSupport.FOR).code()).isEqualTo(Receipt.OK);
    // Alice delegates her 1000 to Bob after voting; Bob still votes with his own snapshot power
    // only
    h.runAt(t + 1, ALICE, new Delegate(BOB.address()));
    assertThat(h.staking().votingPower().votes(h.state(), BOB.address()))
        .isEqualTo(Amount.ofOpen(2000));
    assertThat(vote(h, p, t + 2, BOB, VoteSupport.AGAINST).code()).isEqualTo(Receipt.OK);
    assertThat(h.gov().votes(h.state(), p.id()).get(BOB.address()).weight())
        .isEqualTo(Amount.ofOpen(1000));
    // stake added after the snapshot carries no power for this proposal
    h.runAt(t + 3, DAVE, new Stake(1, Purpose.GENERAL, Amount.ofOpen(5000)));
    assertThat(vote(h, p, t + 4, DAVE, VoteSupport.FOR).code()).isEqualTo("no_voting_power");
    // nobody votes twice
    assertThat(vote(h, p, t + 5, ALICE, VoteSupport.AGAINST).code()).isEqualTo("already_voted");
    Proposal tallied = h.gov().proposal(h.state(), p.id()).orElseThrow();
    assertThat(tallied.forVotes()).isEqualTo(Amount.ofOpen(1000));
    assertThat(tallied.againstVotes()).isEqualTo(Amount.ofOpen(1000));
    assertThat(tallied.voters()).isEqualTo(2);
  }

  @Test
  void onlySucceededProposalsQueueAndOnlyAfterTheTimelockDoTheyExecute() {
    EconomyHarness h = staked();
    Proposal p = propose(h, List.of(new UpdateGovParams(NEW_PARAMS)));
    assertThat(h.run(BOB, new Queue(p.id())).code()).isEqualTo("proposal_not_successful");
    long t = p.snapshotMillis() + 1;
    vote(h, p, t, ALICE, VoteSupport.FOR);
    vote(h, p, t + 1, CAROL, VoteSupport.AGAINST);
    assertThat(h.runAt(t + 2, BOB, new Queue(p.id())).code()).isEqualTo("proposal_not_successful");
    assertThat(h.runAt(t + 3, BOB, new Execute(p.id())).code()).isEqualTo("proposal_not_queued");
    long end = p.deadlineMillis() + 1;
    assertThat(h.runAt(end, BOB, new Queue(p.id())).code()).isEqualTo(Receipt.OK);
    assertThat(state(h, p, end)).isEqualTo(ProposalState.QUEUED);
    assertThat(h.runAt(end + 1, BOB, new Queue(p.id())).code())
        .isEqualTo("proposal_not_successful");
    long eta = h.gov().proposal(h.state(), p.id()).orElseThrow().etaMillis();
    assertThat(eta).isEqualTo(end + 5_000);
    assertThat(h.runAt(eta - 1, BOB, new Execute(p.id())).code()).isEqualTo("timelock");
    assertThat(h.gov().params(h.state())).isNotEqualTo(NEW_PARAMS);
    Receipt done = h.runAt(eta, BOB, new Execute(p.id()));
    assertThat(done.code()).isEqualTo(Receipt.OK);
    assertThat(done.events())
        .anyMatch(e -> e.type().equals("gov.params"))
        .anyMatch(e -> e.type().equals("gov.execute"));
    assertThat(h.gov().params(h.state())).isEqualTo(NEW_PARAMS);
    assertThat(state(h, p, eta)).isEqualTo(ProposalState.EXECUTED);
    assertThat(h.run(BOB, new Execute(p.id())).code()).isEqualTo("proposal_not_queued");
  }

  @Test
  void aFailedExecutionChangesNothingAndIsRecorded() {
    EconomyHarness h = staked();
    FeeSplit split = new FeeSplit(5_000, 2_000, 1_500, 1_000, 500);
    List<Message> messages =
        List.of(
            new UpdateBankParams(new BankParams(split, 3_000)),
            new Spend(BankModule.TREASURY_NAME, DAVE.address(), Amount.ofNano(1)),
            new Spend(BankModule.TREASURY_NAME, DAVE.address(), Amount.ofOpen(1_000_000)));
    Proposal p = propose(h, messages);
    vote(h, p, p.snapshotMillis() + 1, ALICE, VoteSupport.FOR);
    h.runAt(p.deadlineMillis() + 1, BOB, new Queue(p.id()));
    Proposal queued = h.gov().proposal(h.state(), p.id()).orElseThrow();
    BankParams before = h.bank().params(h.state());
    Amount daveBefore = h.balance(DAVE.address());
    Receipt r = h.runAt(queued.etaMillis(), BOB, new Execute(p.id()));
    assertThat(r.code()).isEqualTo(Receipt.OK);
    assertThat(r.events())
        .anyMatch(
            e ->
                e.type().equals("gov.execution_failed")
                    && e.get("index").equals("2")
                    && e.get("code").equals("insufficient_funds"));
    assertThat(r.events())
        .noneMatch(e -> e.type().equals("bank.spend") || e.type().equals("bank.params"));
    assertThat(h.bank().params(h.state())).isEqualTo(before);
    assertThat(h.balance(DAVE.address())).isEqualTo(daveBefore);
    Proposal after = h.gov().proposal(h.state(), p.id()).orElseThrow();
    assertThat(after.lastFailure())
        .hasValueSatisfying(
            f -> {
              assertThat(f.index()).isEqualTo(2);
              assertThat(f.code()).isEqualTo("insufficient_funds");
            });
    assertThat(state(h, p, h.now())).isEqualTo(ProposalState.QUEUED);
    // still executable (and still failing) until the grace period ends; then it expires
    assertThat(state(h, p, after.expiresMillis())).isEqualTo(ProposalState.EXPIRED);
    assertThat(h.runAt(after.expiresMillis(), BOB, new Execute(p.id())).code())
        .isEqualTo("proposal_not_queued");
  }

  @Test
  void parameterAndTreasuryMessagesNeedTheGovernanceAuthority() {
    EconomyHarness h = staked();
    Receipt direct = h.run(ALICE, new UpdateBankParams(new BankParams(FeeSplit.defaults(), 0)));
    assertThat(direct.code()).isEqualTo("unauthorized");
    assertThat(direct.message()).contains(Authority.GOVERNANCE.toString());
    assertThat(
            h.run(ALICE, new Spend(BankModule.TREASURY_NAME, ALICE.address(), Amount.ofNano(1)))
                .code())
        .isEqualTo("unauthorized");
    assertThat(h.run(ALICE, new UpdateGovParams(NEW_PARAMS)).code()).isEqualTo("unauthorized");
  }

  @Test
  void theProposerNeedsTheThresholdAndMayCancelOnlyWhilePending() {
    EconomyHarness h = staked();
    assertThat(h.run(DAVE, new Propose(List.of(new UpdateGovParams(NEW_PARAMS)), "x")).code())
        .isEqualTo("below_threshold");
    h.ok(DAVE, new Stake(1, Purpose.GENERAL, Amount.ofOpen(99)));
    assertThat(h.run(DAVE, new Propose(List.of(new UpdateGovParams(NEW_PARAMS)), "x")).code())
        .isEqualTo("below_threshold");
    Proposal p = propose(h, List.of(new UpdateGovParams(NEW_PARAMS)));
    assertThat(h.run(BOB, new Cancel(p.id())).code()).isEqualTo("unauthorized");
    assertThat(h.ok(ALICE, new Cancel(p.id())).code()).isEqualTo(Receipt.OK);
    assertThat(state(h, p, p.snapshotMillis() + 1)).isEqualTo(ProposalState.CANCELED);
    assertThat(vote(h, p, p.snapshotMillis() + 1, ALICE, VoteSupport.FOR).code())
        .isEqualTo("proposal_not_active");
    Proposal q = propose(h, List.of(new UpdateGovParams(NEW_PARAMS)));
    assertThat(h.runAt(q.snapshotMillis() + 1, ALICE, new Cancel(q.id())).code())
        .isEqualTo("proposal_not_pending");
  }
}
