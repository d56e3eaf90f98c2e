package dev.openledger.node.demo;

import static dev.openledger.node.demo.DemoContext.expect;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openledger.core.crypto.Address;
import dev.openledger.core.json.Json;
import dev.openledger.core.money.Amount;
import dev.openledger.ledger.bank.BankParams;
import dev.openledger.ledger.bank.FeeSplit;
import dev.openledger.ledger.genesis.GenesisFile.GenesisJson;
import dev.openledger.ledger.gov.VoteSupport;
import dev.openledger.ledger.msg.Delegate;
import dev.openledger.ledger.msg.Execute;
import dev.openledger.ledger.msg.Message;
import dev.openledger.ledger.msg.Propose;
import dev.openledger.ledger.msg.Queue;
import dev.openledger.ledger.msg.Stake;
import dev.openledger.ledger.msg.Transfer;
import dev.openledger.ledger.msg.Unstake;
import dev.openledger.ledger.msg.UpdateBankParams;
import dev.openledger.ledger.msg.Vote;
import dev.openledger.ledger.msg.Withdraw;
import dev.openledger.ledger.staking.PoolConfig;
import dev.openledger.ledger.staking.Purpose;
import dev.openledger.node.api.economy.EconomyView;
import dev.openledger.node.api.economy.GovViews.ProposalView;
import dev.openledger.node.api.economy.StakingViews.PoolView;
import dev.openledger.node.api.economy.StakingViews.StakingAccountView;
import dev.openledger.node.api.view.EventView;
import dev.openledger.node.api.view.TxView;
import dev.openledger.node.client.EconomyClient;
import java.util.List;
import java.util.Locale;

/**
 * The token economy's part of the demo: stake, delegate, propose a fee split change, vote, queue,
 * execute after the timelock, see the change in force, and read the economy's health figures.
 */
public final class EconomyDemo {
  /** The demo shortens governance to seconds: 1 s voting delay, 6 s voting period, 2 s timelock. */
  static final int VOTING_DELAY_S = 1;

  static final int VOTING_PERIOD_S = 6;
  static final int TIMELOCK_S = 2;
  static final FeeSplit NEW_SPLIT = new FeeSplit(4_500, 2_500, 1_500, 1_000, 500);
  static final int NEW_TX_FEE_STAKERS_BPS = 3_000;

  private EconomyDemo() {}

  public static List<DemoStep> steps() {
    return List.of(
        DemoStep.of("Stakers lock OPEN in the staking pools", EconomyDemo::stake),
        DemoStep.of("Carol delegates her voting power to Alice", EconomyDemo::delegate),
        DemoStep.of(
            "Alice proposes a new fee split: more for data contributors and stakers",
            EconomyDemo::propose),
        DemoStep.of(
            "Stakers vote For, Against and Abstain with their power at the snapshot",
            EconomyDemo::vote),
        DemoStep.of(
            "After the vote: queue, wait out the timelock, execute", EconomyDemo::queueAndExecute),
        DemoStep.of("The new fee split is in force", EconomyDemo::inForce),
        DemoStep.of(
            "Dave unstakes: interest from the rewards reserve, then a cooldown",
            EconomyDemo::unstake),
        DemoStep.of(
            "Economy health: concentration, rewards, treasury, participation",
            EconomyDemo::health));
  }

  /** Shortens the devnet's governance timings and epochs so that the demo runs in seconds. */
  static void adjustGenesis(GenesisJson json) {
    ObjectNode gov = (ObjectNode) json.modules().get("gov").get("params");
    gov.put("votingDelaySeconds", VOTING_DELAY_S)
        .put("votingPeriodSeconds", VOTING_PERIOD_S)
        .put("timelockSeconds", TIMELOCK_S);
    ((ObjectNode) json.modules().get("economy").get("params")).put("epochSeconds", 5);
  }

  private static EconomyClient economy(DemoContext ctx) {
    return new EconomyClient(ctx.client());
  }

  /** Signs {@code m} by {@code who}, submits it and fails the demo unless it succeeded. */
  static TxView ok(DemoContext ctx, String who, Message m) {
    TxView v = ctx.submitAndWait(ctx.sign(ctx.key(who), m));
    expect(
        v.isCommitted() && "ok".equals(v.code()),
        m.type().name()
            + " by "
            + who
            + " did not succeed: "
            + v.status()
            + " "
            + v.code()
            + " "
            + v.message());
    return v;
  }

  private static void stake(DemoContext ctx) {
    for (PoolView p : economy(ctx).pools().pools()) {
      PoolConfig c = p.config();
      ctx.say(
          "pool %d %-12s %5.2f%%/yr, lock %s, cooldown %s",
          p.id(),
          c.name(),
          c.annualRateBps() / 100.0,
          c.flexible() ? "none (flexible)" : c.lockSeconds() + " s",
          c.cooldownSeconds() + " s");
    }
    ok(ctx, "alice", new Stake(1, Purpose.GENERAL, Amount.ofOpen(2000)));
    ok(ctx, "bob", new Stake(2, Purpose.VALIDATOR, Amount.ofOpen(1000)));
    ok(ctx, "carol", new Stake(1, Purpose.CURATOR, Amount.ofOpen(500)));
    ok(ctx, "dave", new Stake(1, Purpose.GENERAL, Amount.ofOpen(300)));
    ctx.say(
        "alice 2000 (flexible), bob 1000 (locked, as validator), carol 500 (as datanet curator), dave 300");
    StakingAccountView a = economy(ctx).stakingAccount(ctx.key("alice").address());
    expect(
        a.units().equals(Amount.ofOpen(2000)),
        "alice's voting units are " + a.units() + ", not 2000");
    ctx.say(
        "alice's position %d earns %.2f%%/yr compounded continuously; her voting power is %s",
        a.positions().get(0).id(), a.positions().get(0).annualRateBps() / 100.0, a.votes());
  }

  private static void delegate(DemoContext ctx) {
    Address alice = ctx.key("alice").address();
    ok(ctx, "carol", new Delegate(alice));
    StakingAccountView a = economy(ctx).stakingAccount(alice);
    expect(a.votes().equals(Amount.ofOpen(2500)), "alice holds " + a.votes() + " votes, not 2500");
    ctx.say(
        "alice now votes with %s (her 2000 and carol's 500); carol keeps her stake and its interest",
        a.votes());
  }

  private static void propose(DemoContext ctx) {
    BankParams before = Json.mapper().convertValue(economy(ctx).params("bank"), BankParams.class);
    ctx.say(
        "fee split now: contributors %s, developer %s, provider %s, stakers %s, treasury %s; tx fees to stakers %s",
        bps(before.inferenceFeeSplit().contributorsBps()),
        bps(before.inferenceFeeSplit().developerBps()),
        bps(before.inferenceFeeSplit().providerBps()),
        bps(before.inferenceFeeSplit().stakersBps()),
        bps(before.inferenceFeeSplit().treasuryBps()),
        bps(before.txFeeStakersBps()));
    TxView v =
        ok(
            ctx,
            "alice",
            new Propose(
                List.of(new UpdateBankParams(new BankParams(NEW_SPLIT, NEW_TX_FEE_STAKERS_BPS))),
                "Raise the data contributors' share to 45% and route 30% of transaction fees to stakers"));
    long id = Long.parseLong(attribute(v, "gov.propose", "proposal"));
    ctx.put("proposal", id);
    ProposalView p = economy(ctx).proposal(id).proposal();
    ctx.say(
        "proposal #%d: contributors 45%%, developer 25%%, provider 15%%, stakers 10%%, treasury 5%%; tx fees to stakers 30%%",
        id);
    ctx.say(
        "state %s; voting power is read at the snapshot %d s after proposing; voting lasts %d s",
        p.state(), VOTING_DELAY_S, VOTING_PERIOD_S);
  }

  private static void vote(DemoContext ctx) throws InterruptedException {
    long id = ctx.get("proposal", Long.class);
    ProposalView p = economy(ctx).proposal(id).proposal();
    sleepUntil(p.snapshotMillis() + 300);
    ok(ctx, "alice", new Vote(id, VoteSupport.FOR, "contributors made the models"));
    ok(ctx, "bob", new Vote(id, VoteSupport.AGAINST, "the treasury needs more"));
    ok(ctx, "dave", new Vote(id, VoteSupport.ABSTAIN, ""));
    TxView twice =
        ctx.submitAndWait(ctx.sign(ctx.key("alice"), new Vote(id, VoteSupport.AGAINST, "")));
    expect(
        "already_voted".equals(twice.code()),
        "a second vote by alice was not refused: " + twice.code());
    ctx.say("alice voting again: %s", twice.code());
    ProposalView t = economy(ctx).proposal(id).proposal();
    ctx.say(
        "for %s, against %s, abstain %s; quorum %s of %s (For + Abstain count), turnout %.1f%%",
        t.forVotes(),
        t.againstVotes(),
        t.abstainVotes(),
        t.quorum(),
        t.totalPower(),
        t.turnoutPpm() / 10_000.0);
  }

  private static void queueAndExecute(DemoContext ctx) throws InterruptedException {
    long id = ctx.get("proposal", Long.class);
    ProposalView p = economy(ctx).proposal(id).proposal();
    sleepUntil(p.deadlineMillis() + 300);
    expect(
        economy(ctx).proposal(id).proposal().state().equals("succeeded"),
        "the proposal did not succeed: " + economy(ctx).proposal(id).proposal().state());
    ok(ctx, "bob", new Queue(id));
    ProposalView q = economy(ctx).proposal(id).proposal();
    ctx.say(
        "succeeded (For > Against, quorum reached) and queued; executable from %s",
        java.time.Instant.ofEpochMilli(q.etaMillis()));
    TxView early = ctx.submitAndWait(ctx.sign(ctx.key("dave"), new Execute(id)));
    expect(
        "timelock".equals(early.code()),
        "executing before the timelock was not refused: " + early.code());
    ctx.say("executing at once: refused (%s)", early.code());
    sleepUntil(q.etaMillis() + 300);
    TxView v = ok(ctx, "dave", new Execute(id));
    expect(
        v.events().stream().anyMatch(e -> e.type().equals("gov.execute")),
        "the execution did not run the proposal's messages");
    ctx.say(
        "executed in block %d by anyone (dave), with the governance authority as the messages' sender",
        v.height());
  }

  private static void inForce(DemoContext ctx) {
    BankParams now = Json.mapper().convertValue(economy(ctx).params("bank"), BankParams.class);
    expect(
        now.equals(new BankParams(NEW_SPLIT, NEW_TX_FEE_STAKERS_BPS)),
        "the bank parameters are " + now + ", not the proposal's");
    ctx.say(
        "fee split: contributors %s, developer %s, provider %s, stakers %s, treasury %s",
        bps(now.inferenceFeeSplit().contributorsBps()),
        bps(now.inferenceFeeSplit().developerBps()),
        bps(now.inferenceFeeSplit().providerBps()),
        bps(now.inferenceFeeSplit().stakersBps()),
        bps(now.inferenceFeeSplit().treasuryBps()));
    TxView v = ok(ctx, "alice", new Transfer(ctx.key("bob").address(), Amount.ofOpen(1)));
    Amount fee = v.feeCharged();
    Amount stakers = Amount.parse(attribute(v, "bank.fee", "stakers"));
    expect(
        stakers.equals(fee.mulDiv(NEW_TX_FEE_STAKERS_BPS, 10_000)),
        "the next fee sent " + stakers + " to stakers, not 30% of " + fee);
    ctx.say(
        "the next transaction's fee %s: %s to the staking rewards reserve (30%%), the rest to the treasury",
        fee, stakers);
  }

  private static void unstake(DemoContext ctx) {
    Address dave = ctx.key("dave").address();
    long position = economy(ctx).stakingAccount(dave).positions().get(0).id();
    ok(ctx, "dave", new Unstake(position));
    StakingAccountView a = economy(ctx).stakingAccount(dave);
    expect(a.unbondings().size() == 1 && a.units().isZero(), "dave's position is not unbonding");
    Amount amount = a.unbondings().get(0).amount();
    ctx.say(
        "position %d: 300 OPEN staked became %s with continuous-compounding interest",
        position, amount);
    ctx.say(
        "withdrawable from %s (30 s cooldown); it can still be slashed until then",
        java.time.Instant.ofEpochMilli(a.unbondings().get(0).unlockMillis()));
    TxView early = ctx.submitAndWait(ctx.sign(ctx.key("dave"), new Withdraw(position)));
    expect(
        "cooldown".equals(early.code()),
        "withdrawing during the cooldown was not refused: " + early.code());
    ctx.say("withdrawing now: refused (%s)", early.code());
  }

  private static void health(DemoContext ctx) {
    EconomyView e = economy(ctx).economy(10);
    ctx.say(
        "stake        %s OPEN over %d stakers; Gini %.3f; Nakamoto %d (>1/3); top staker %.1f%%",
        e.stake().concentration().total().toPlainString(),
        e.stake().concentration().holders(),
        e.stake().concentration().giniPpm() / 1e6,
        e.stake().concentration().nakamoto33(),
        e.stake().concentration().top1Ppm() / 1e4);
    ctx.say(
        "voting power Gini %.3f; Nakamoto %d (>1/2), with carol's power delegated to alice",
        e.votingPower().concentration().giniPpm() / 1e6,
        e.votingPower().concentration().nakamoto50());
    ctx.say(
        "rewards      %d recipients; staking interest paid %s OPEN",
        e.rewards().concentration().holders(),
        e.rewards().byKind().get("staking_interest").toPlainString());
    ctx.say(
        "treasury     %s OPEN; governance spent %s",
        e.treasury().balance().toPlainString(), e.treasury().spent().toPlainString());
    ctx.say(
        "governance   %d votes by %d distinct voters; proposal #%d turnout %.1f%%",
        e.governance().votesCast(),
        e.governance().distinctVoters(),
        e.governance().proposals().get(0).id(),
        e.governance().proposals().get(0).turnoutPpm() / 1e4);
    ctx.say(
        "adoption     %d models registered, %d inferences (fed by the model registry and payments)",
        e.adoption().modelsRegistered(), e.adoption().inferences());
    expect(!e.series().isEmpty(), "no epoch has closed yet");
    EconomyView.Epoch last = e.series().get(e.series().size() - 1);
    ctx.say(
        "%d epochs of %d s summarised on chain; epoch %d: stake Gini %.3f, %d voters",
        e.series().size(),
        e.epoch().lengthSeconds(),
        last.epoch(),
        last.stake().giniPpm() / 1e6,
        last.voters());
    expect(
        e.stake().concentration().holders() == 3,
        "the economy figures count " + e.stake().concentration().holders() + " stakers, not 3");
    expect(
        e.rewards().concentration().holders() == 1,
        "the economy figures count "
            + e.rewards().concentration().holders()
            + " reward recipients, not 1 (dave's interest)");
  }

  /** The value of an event attribute of a committed transaction. */
  static String attribute(TxView v, String type, String key) {
    for (EventView e : v.events()) {
      if (e.type().equals(type)) {
        for (EventView.Attribute a : e.attributes()) {
          if (a.key().equals(key)) {
            return a.value();
          }
        }
      }
    }
    throw new DemoFailure("no " + type + " event with " + key + " in " + v.hash());
  }

  private static String bps(int bps) {
    return String.format(Locale.ROOT, "%.0f%%", bps / 100.0);
  }

  static void sleepUntil(long epochMillis) throws InterruptedException {
    long wait = epochMillis - System.currentTimeMillis();
    if (wait > 0) {
      Thread.sleep(wait);
    }
  }
}
