package dev.openledger.ledger.economy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import dev.openledger.core.crypto.KeyPair;
import dev.openledger.core.money.Amount;
import dev.openledger.ledger.EconomyHarness;
import dev.openledger.ledger.bank.BankModule;
import dev.openledger.ledger.bank.Settlement;
import dev.openledger.ledger.bank.Supply;
import dev.openledger.ledger.block.Event;
import dev.openledger.ledger.block.Receipt;
import dev.openledger.ledger.exec.ExecutedBlock;
import dev.openledger.ledger.exec.HookContext;
import dev.openledger.ledger.exec.LedgerModule;
import dev.openledger.ledger.exec.MessageHandler;
import dev.openledger.ledger.genesis.DevnetGenesis;
import dev.openledger.ledger.genesis.Genesis;
import dev.openledger.ledger.msg.Burn;
import dev.openledger.ledger.msg.Delegate;
import dev.openledger.ledger.msg.Evidence;
import dev.openledger.ledger.msg.Message;
import dev.openledger.ledger.msg.Slash;
import dev.openledger.ledger.msg.Stake;
import dev.openledger.ledger.msg.TopUp;
import dev.openledger.ledger.msg.Transfer;
import dev.openledger.ledger.msg.Unstake;
import dev.openledger.ledger.msg.ValidatorVote;
import dev.openledger.ledger.msg.Withdraw;
import dev.openledger.ledger.staking.Purpose;
import dev.openledger.ledger.state.Namespace;
import dev.openledger.ledger.state.State;
import dev.openledger.ledger.store.InMemoryLedgerStore;
import dev.openledger.ledger.tx.SignedTransaction;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/**
 * Random sequences of stakes, top-ups, unstakes, withdrawals, delegations, slashes (burned or sent
 * to the treasury), burns, transfers, transaction fees and inference fee splits, at random block
 * times: after every block the supply is conserved to the nano-OPEN (all balances sum to initial
 * minus burned, and burned is exactly what burn messages and burning slashes destroyed) and every
 * module's invariants hold (the staking escrow holds exactly the positions and unbondings, voting
 * power equals staked principal, the vesting account holds exactly what is locked).
 */
class EconomySupplyConservationProperties {
  static final List<KeyPair> KEYS =
      List.of(EconomyHarness.ALICE, EconomyHarness.BOB, EconomyHarness.CAROL, EconomyHarness.DAVE);
  static final KeyPair REPORTER = EconomyHarness.CAROL;

  /**
   * A test-only module that settles an inference fee at the end of a block when the test queues
   * one.
   */
  static final class InferenceFees implements LedgerModule {
    private final BankModule bank;
    Settlement next;

    InferenceFees(BankModule bank) {
      this.bank = bank;
    }

    @Override
    public Namespace namespace() {
      return new Namespace("inferencetest");
    }

    @Override
    public List<MessageHandler<?>> handlers() {
      return List.of();
    }

    @Override
    public void initGenesis(Genesis genesis, State state) {}

    @Override
    public void endBlock(HookContext ctx) {
      if (next != null) {
        bank.feeSplitter().settle(ctx.state(), ctx.block(), ctx::emit, next);
        next = null;
      }
    }
  }

  @Property(tries = 20)
  void supplyIsConservedAcrossStakeRewardSlashBurnAndFeePaths(
      @ForAll long seed, @ForAll @IntRange(min = 5, max = 60) int blocks) {
    Random rnd = new Random(seed);
    boolean burnSlashes = rnd.nextBoolean();
    Genesis genesis =
        EconomyHarness.genesis(
            g -> {
              EconomyHarness.params(g, "staking")
                  .put("slashDestination", burnSlashes ? "BURN" : "TREASURY");
              ((com.fasterxml.jackson.databind.node.ArrayNode)
                      EconomyHarness.params(g, "staking").get("reporters"))
                  .add(REPORTER.address().toString());
              // short locks, so that positions come and go within a run
              var pools =
                  (com.fasterxml.jackson.databind.node.ArrayNode)
                      g.modules().get("staking").get("pools");
              ((com.fasterxml.jackson.databind.node.ObjectNode) pools.get(1))
                  .put("lockSeconds", 20);
              ((com.fasterxml.jackson.databind.node.ObjectNode) pools.get(2))
                  .put("lockSeconds", 90)
                  .put("cooldownSeconds", 45);
            });
    BankModule bank = new BankModule();
    InferenceFees fees = new InferenceFees(bank);
    EconomyHarness h = EconomyHarness.of(genesis, new InMemoryLedgerStore(), List.of(fees));
    assertThat(h.bank().getClass()).isEqualTo(BankModule.class);
    long expectedBurned = 0;
    for (int b = 0; b < blocks; b++) {
      List<SignedTransaction> txs = new ArrayList<>();
      int n = rnd.nextInt(4);
      for (int i = 0; i < n; i++) {
        KeyPair from = KEYS.get(rnd.nextInt(KEYS.size()));
        txs.add(h.tx(from, randomMessage(rnd, h, from)));
      }
      if (rnd.nextInt(3) == 0) {
        fees.next = randomSettlement(rnd);
      }
      long step =
          rnd.nextInt(4) == 0 ? rnd.nextInt(3 * 24 * 3600) * 1000L : 1000L + rnd.nextInt(60_000);
      ExecutedBlock executed = h.block(h.now() + step, txs);
      for (int i = 0; i < executed.results().receipts().size(); i++) {
        Receipt r = executed.results().receipts().get(i);
        Statistics.collect(
            executed.included().get(i).body().message().type().name(), r.isOk() ? "ok" : "failed");
        for (Event e : r.events()) {
          if (e.type().equals("bank.burn")) {
            expectedBurned += Amount.parse(e.get("amount")).nano();
          }
          if (e.type().equals("staking.slash") && e.get("destination").equals("burn")) {
            expectedBurned += Amount.parse(e.get("amount")).nano();
          }
        }
      }
      Supply s = h.bank().supply(h.state());
      assertThat(s.burned().nano()).isEqualTo(expectedBurned);
      assertThat(s.total().plus(s.burned())).isEqualTo(Amount.MAX_SUPPLY);
      // (the harness already checked every module's invariants, the bank's sum of balances among
      // them)
    }
  }

  private static Message randomMessage(Random rnd, EconomyHarness h, KeyPair from) {
    // mostly the sender's own positions, sometimes any id (refused unless it happens to be the
    // sender's)
    var own = h.staking().positions(h.state(), from.address());
    var unbonding = h.staking().unbondings(h.state(), from.address());
    long position =
        !own.isEmpty() && rnd.nextInt(4) > 0
            ? own.get(rnd.nextInt(own.size())).id()
            : 1 + rnd.nextInt(12);
    long unbonded =
        !unbonding.isEmpty() && rnd.nextInt(4) > 0
            ? unbonding.get(rnd.nextInt(unbonding.size())).id()
            : 1 + rnd.nextInt(12);
    Amount amount =
        switch (rnd.nextInt(4)) {
          case 0 -> Amount.ofOpen(1 + rnd.nextInt(100));
          case 1 -> Amount.ofNano(1 + rnd.nextInt(1_000_000_000));
          case 2 -> Amount.ofOpen(1 + rnd.nextInt(2_000_000));
          default -> Amount.ofOpen(1 + rnd.nextInt(20_000));
        };
    long height = Math.max(0, h.driver().head().height() - rnd.nextInt(3));
    Address victim = KEYS.get(rnd.nextInt(KEYS.size())).address();
    return switch (rnd.nextInt(11)) {
      case 0 ->
          new Stake(
              1 + rnd.nextInt(3), Purpose.values()[rnd.nextInt(Purpose.values().length)], amount);
      case 1 -> new Stake(1, Purpose.values()[rnd.nextInt(Purpose.values().length)], amount);
      case 2 -> new TopUp(position, amount);
      case 3 -> new Unstake(position);
      case 4 -> new Withdraw(unbonded);
      case 5 -> new Delegate(KEYS.get(rnd.nextInt(KEYS.size())).address());
      case 6 -> new Burn(amount);
      case 7 -> new Transfer(KEYS.get(rnd.nextInt(KEYS.size())).address(), amount);
      case 8 ->
          new Slash(
              new Evidence.InvalidData(
                  victim,
                  "datanet-" + rnd.nextInt(3),
                  Hash.sha256(new byte[] {(byte) rnd.nextInt(8)}),
                  height,
                  "test"));
      case 9 ->
          new Slash(
              new Evidence.FailedAudit(
                  victim, Hash.sha256(new byte[] {(byte) rnd.nextInt(8)}), height, "test"));
      default -> {
        KeyPair v = KEYS.get(rnd.nextInt(KEYS.size()));
        yield new Slash(new Evidence.DoubleSign(vote(v, height, "a"), vote(v, height, "b")));
      }
    };
  }

  private static ValidatorVote vote(KeyPair k, long height, String root) {
    return ValidatorVote.sign(
        k,
        DevnetGenesis.CHAIN_ID,
        height,
        ValidatorVote.Kind.STATE_ROOT,
        Hash.sha256(root.getBytes()));
  }

  private static Settlement randomSettlement(Random rnd) {
    KeyPair payer = KEYS.get(rnd.nextInt(KEYS.size()));
    Amount fee = Amount.ofNano(1 + rnd.nextInt(2_000_000_000));
    Settlement.ContributorPayout payout;
    if (rnd.nextBoolean()) {
      List<Settlement.Share> shares = new ArrayList<>();
      for (KeyPair k : KEYS) {
        if (rnd.nextBoolean()) {
          shares.add(new Settlement.Share(k.address(), 1 + rnd.nextInt(1000)));
        }
      }
      payout =
          shares.isEmpty()
              ? new Settlement.Escrow(Address.module("attribution"))
              : new Settlement.Direct(shares);
    } else {
      payout = new Settlement.Escrow(Address.module("attribution"));
    }
    return new Settlement(
        payer.address(),
        fee,
        rnd.nextBoolean() ? Optional.of("model-" + rnd.nextInt(3)) : Optional.empty(),
        KEYS.get(rnd.nextInt(4)).address(),
        Address.module("provider"),
        payout);
  }
}
