package dev.openledger.ledger.bank;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openledger.core.Result;
import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.KeyPair;
import dev.openledger.core.money.Amount;
import dev.openledger.ledger.ChainDriver;
import dev.openledger.ledger.TestChains;
import dev.openledger.ledger.block.Receipt;
import dev.openledger.ledger.exec.ExecutedBlock;
import dev.openledger.ledger.genesis.Allocation;
import dev.openledger.ledger.genesis.Genesis;
import dev.openledger.ledger.msg.Burn;
import dev.openledger.ledger.msg.Message;
import dev.openledger.ledger.msg.Transfer;
import dev.openledger.ledger.store.InMemoryLedgerStore;
import dev.openledger.ledger.tx.SignedTransaction;
import dev.openledger.ledger.tx.Transaction;
import dev.openledger.ledger.tx.VerifiedTransaction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/**
 * Random sequences of valid and invalid transactions, in random blocks: the supply is conserved to
 * the nano-OPEN after every block, and every account ends exactly where a plain model of the rules
 * says (fees charged only for included transactions, failed messages changing only fee and nonce).
 */
class SupplyConservationProperties {
  static final Genesis GENESIS = TestChains.devnet();
  static final List<KeyPair> KEYS = new ArrayList<>();
  static final long TX_FEE_STAKERS_BPS =
      GENESIS
          .moduleSection("bank", BankModule.GenesisSection.class)
          .orElseThrow()
          .params()
          .txFeeStakersBps();

  static {
    for (String n : List.of("alice", "bob", "carol", "dave")) {
      KEYS.add(TestChains.key(n));
    }
    for (int i = 0; i < 3; i++) {
      KEYS.add(KeyPair.insecureFromLabel("fresh-" + i));
    }
  }

  /** The rules, written the plain way. */
  static final class Model {
    final Map<Address, Long> balance = new HashMap<>();
    final Map<Address, Long> nonce = new HashMap<>();
    long burned;

    Model() {
      // Vesting allocations are released block by block; the model follows the liquid ones exactly.
      for (Allocation a : GENESIS.allocations()) {
        if (a.vesting().isEmpty()) {
          balance.put(a.address(), a.amount().nano());
        }
      }
    }

    long bal(Address a) {
      return balance.getOrDefault(a, 0L);
    }

    /** Applies one transaction; returns "dropped", "ok" or the failure code. */
    String apply(Transaction t, Address sender) {
      if (t.nonce() != nonce.getOrDefault(sender, 0L) || bal(sender) < t.fee().nano()) {
        return "dropped";
      }
      balance.put(sender, bal(sender) - t.fee().nano());
      // the fee rule: the stakers' share (floor) to the staking rewards reserve, the rest to the
      // treasury
      long stakers = t.fee().nano() * TX_FEE_STAKERS_BPS / 10_000;
      balance.put(BankModule.STAKERS_RESERVE, bal(BankModule.STAKERS_RESERVE) + stakers);
      balance.put(BankModule.TREASURY, bal(BankModule.TREASURY) + t.fee().nano() - stakers);
      nonce.put(sender, t.nonce() + 1);
      if (t.message() instanceof Transfer tr) {
        if (bal(sender) < tr.amount().nano()) {
          return "insufficient_funds";
        }
        balance.put(sender, bal(sender) - tr.amount().nano());
        balance.put(tr.to(), bal(tr.to()) + tr.amount().nano());
      } else {
        Burn b = (Burn) t.message();
        if (bal(sender) < b.amount().nano()) {
          return "insufficient_funds";
        }
        balance.put(sender, bal(sender) - b.amount().nano());
        burned += b.amount().nano();
      }
      return Receipt.OK;
    }
  }

  @Property(tries = 40)
  void supplyIsConservedAndAccountsFollowTheRules(
      @ForAll long seed, @ForAll @IntRange(min = 1, max = 80) int count) {
    Random rnd = new Random(seed);
    InMemoryLedgerStore store = new InMemoryLedgerStore();
    ChainDriver d = new ChainDriver(GENESIS, store);
    BankModule bank = d.chain().bank();
    Model model = new Model();
    Map<Address, Long> nextNonce = new HashMap<>();

    List<SignedTransaction> block = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      KeyPair from = KEYS.get(rnd.nextInt(KEYS.size()));
      long expected = nextNonce.getOrDefault(from.address(), 0L);
      long nonce = rnd.nextInt(8) == 0 ? expected + rnd.nextInt(3) - 1 : expected;
      nonce = Math.max(0, nonce);
      Amount fee =
          switch (rnd.nextInt(10)) {
            case 0 -> Amount.ofOpen(2_000_000);
            case 1 -> TestChains.FEE.times(1000);
            default -> TestChains.FEE;
          };
      Message msg = randomMessage(rnd);
      SignedTransaction tx = TestChains.tx(from, nonce, fee, msg);
      if (block.stream().anyMatch(t -> t.hash().equals(tx.hash()))) {
        // The same bytes twice in one block: which copy the chain drops is not this property's
        // subject, and the outcome lists below could not tell the two copies apart.
        continue;
      }
      int corruption = rnd.nextInt(12);
      if (corruption == 0) {
        assertStatelessReject(
            d,
            new Transaction("openledger-other", from.publicKey(), nonce, fee, msg).sign(from),
            "wrong_chain");
        continue;
      }
      if (corruption == 1) {
        assertStatelessReject(d, TestChains.tx(from, nonce, Amount.ofNano(1), msg), "fee_too_low");
        continue;
      }
      if (corruption == 2) {
        byte[] enc = tx.encoded();
        enc[enc.length - 1 - rnd.nextInt(64)] ^= (byte) (1 + rnd.nextInt(255));
        Result<VerifiedTransaction> r = d.chain().verifier().verify(enc);
        assertThat(r.isOk()).isFalse();
        continue;
      }
      if (nonce == expected) {
        nextNonce.put(from.address(), expected + 1);
      }
      block.add(tx);
      if (rnd.nextInt(5) == 0 || i == count - 1) {
        commitAndCheck(d, bank, model, block);
        // a dropped transaction did not consume its nonce: resynchronise the generator with the
        // chain
        for (KeyPair k : KEYS) {
          nextNonce.put(k.address(), bank.account(store.state(), k.address()).nonce());
        }
        block.clear();
      }
    }
    if (!block.isEmpty()) {
      commitAndCheck(d, bank, model, block);
    }
  }

  private static Message randomMessage(Random rnd) {
    Amount amount =
        switch (rnd.nextInt(6)) {
          case 0 -> Amount.ofOpen(5_000_000);
          case 1 -> Amount.ofNano(1);
          case 2 -> Amount.ofOpen(1 + rnd.nextInt(900_000));
          default -> Amount.ofNano(1 + rnd.nextInt(1_000_000_000));
        };
    if (rnd.nextInt(4) == 0) {
      return new Burn(amount);
    }
    Address to =
        rnd.nextInt(10) == 0 ? BankModule.TREASURY : KEYS.get(rnd.nextInt(KEYS.size())).address();
    return new Transfer(to, amount);
  }

  private static void commitAndCheck(
      ChainDriver d, BankModule bank, Model model, List<SignedTransaction> block) {
    List<String> expected = new ArrayList<>();
    for (SignedTransaction tx : block) {
      expected.add(model.apply(tx.body(), tx.sender()));
    }
    ExecutedBlock b = d.commit(block);
    // Drops and receipts both follow block order (the generator never puts the same bytes twice in
    // one block).
    int receipt = 0;
    int drop = 0;
    List<String> actual = new ArrayList<>();
    for (SignedTransaction tx : block) {
      boolean dropped = drop < b.dropped().size() && b.dropped().get(drop).hash().equals(tx.hash());
      if (dropped) {
        drop++;
      }
      actual.add(dropped ? "dropped" : b.results().receipts().get(receipt++).code());
    }
    assertThat(drop).as("every drop matched in block order").isEqualTo(b.dropped().size());
    assertThat(actual).isEqualTo(expected);
    actual.forEach(Statistics::collect);
    assertThat(d.chain().machine().checkInvariants(d.store().state())).isEmpty();
    Supply s = bank.supply(d.store().state());
    assertThat(s.initial()).isEqualTo(Amount.MAX_SUPPLY);
    assertThat(s.burned().nano()).isEqualTo(model.burned);
    assertThat(s.total().plus(s.burned())).isEqualTo(Amount.MAX_SUPPLY);
    for (Map.Entry<Address, Long> e : model.balance.entrySet()) {
      assertThat(bank.account(d.store().state(), e.getKey()).balance().nano())
          .as("balance of %s", e.getKey())
          .isEqualTo(e.getValue());
    }
    for (KeyPair k : KEYS) {
      assertThat(bank.account(d.store().state(), k.address()).nonce())
          .isEqualTo(model.nonce.getOrDefault(k.address(), 0L));
    }
  }

  private static void assertStatelessReject(ChainDriver d, SignedTransaction tx, String code) {
    Result<VerifiedTransaction> r = d.chain().verifier().verify(tx);
    assertThat(r.isOk()).isFalse();
    assertThat(((Result.Err<VerifiedTransaction>) r).code()).isEqualTo(code);
  }
}
