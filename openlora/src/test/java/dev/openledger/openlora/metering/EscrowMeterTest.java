package dev.openledger.openlora.metering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.openledger.core.Result;
import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import dev.openledger.core.crypto.KeyPair;
import dev.openledger.core.money.Amount;
import dev.openledger.core.receipt.ReceiptTree;
import dev.openledger.core.receipt.SignedReceipt;
import dev.openledger.core.receipt.UsageReceipt;
import dev.openledger.openlora.chain.InMemoryChain;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** The off-chain meter: reserve before work, charge once, never beyond the deposit. */
class EscrowMeterTest {
  private static final KeyPair PROVIDER = KeyPair.insecureFromLabel("provider");
  private static final Address ALICE = KeyPair.insecureFromLabel("alice").address();
  private static final Amount PRICE = Amount.ofNano(10);

  private static Usage usage(int prompt, int completion) {
    return new Usage("m", Hash.ZERO, PRICE, prompt, completion);
  }

  @Test
  void aRequestWithoutAChannelOrFundsIsRefusedBeforeAnyWork() {
    InMemoryChain chain = new InMemoryChain();
    EscrowMeter meter = new EscrowMeter(chain, PROVIDER);
    assertThat(((Result.Err<Reservation>) meter.reserve(ALICE, "r1", Amount.ofNano(100))).code())
        .isEqualTo("no_channel");
    chain.deposit(ALICE, PROVIDER.address(), Amount.ofNano(150));
    Reservation r1 = meter.reserve(ALICE, "r1", Amount.ofNano(100)).orElseThrow();
    // 50 left: a second request that may cost 100 is refused while the first holds its reservation
    assertThat(((Result.Err<Reservation>) meter.reserve(ALICE, "r2", Amount.ofNano(100))).code())
        .isEqualTo("insufficient_funds");
    meter.charge(r1, usage(3, 2)); // 50 charged, 100 left
    assertThat(meter.reserve(ALICE, "r2", Amount.ofNano(100)).isOk()).isTrue();
    assertThat(meter.receipts()).hasSize(1);
  }

  @Test
  void aReservationIsChargedOrReleasedExactlyOnce() {
    InMemoryChain chain = new InMemoryChain();
    chain.deposit(ALICE, PROVIDER.address(), Amount.ofOpen(1));
    EscrowMeter meter = new EscrowMeter(chain, PROVIDER);
    Reservation r = meter.reserve(ALICE, "r1", Amount.ofNano(1000)).orElseThrow();
    SignedReceipt receipt = meter.charge(r, usage(4, 6));
    assertThat(receipt.verify()).isTrue();
    assertThat(receipt.receipt().charge()).isEqualTo(Amount.ofNano(100));
    assertThatThrownBy(() -> meter.charge(r, usage(4, 6)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already charged");
    assertThatThrownBy(() -> meter.release(r)).isInstanceOf(IllegalStateException.class);
    Reservation r2 = meter.reserve(ALICE, "r2", Amount.ofNano(1000)).orElseThrow();
    meter.release(r2);
    assertThatThrownBy(() -> meter.charge(r2, usage(1, 1)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already released");
    assertThat(((Result.Err<Reservation>) meter.reserve(ALICE, "r1", Amount.ofNano(1))).code())
        .isEqualTo("duplicate_request");
    assertThatThrownBy(
            () ->
                meter.charge(
                    meter.reserve(ALICE, "r3", Amount.ofNano(10)).orElseThrow(), usage(1, 1)))
        .hasMessageContaining("more than its reservation");
    assertThat(meter.receipts()).hasSize(1);
  }

  @Property(tries = 30)
  void randomTrafficNeverOverdrawsAndSettlesExactly(@ForAll long seed) {
    Random rnd = new Random(seed);
    InMemoryChain chain = new InMemoryChain();
    KeyPair bob = KeyPair.insecureFromLabel("bob");
    chain.deposit(ALICE, PROVIDER.address(), Amount.ofNano(5_000));
    chain.deposit(bob.address(), PROVIDER.address(), Amount.ofNano(3_000));
    EscrowMeter meter = new EscrowMeter(chain, PROVIDER);
    List<Reservation> open = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      int op = rnd.nextInt(3);
      if (op == 0 || open.isEmpty()) {
        Address payer = rnd.nextBoolean() ? ALICE : bob.address();
        int maxTokens = 1 + rnd.nextInt(60);
        Result<Reservation> r = meter.reserve(payer, "r" + i, PRICE.times(maxTokens));
        if (r.isOk()) {
          open.add(r.orElseThrow());
        }
      } else {
        Reservation r = open.remove(rnd.nextInt(open.size()));
        if (op == 1) {
          int max = (int) (r.maxCost().nano() / PRICE.nano());
          int prompt = rnd.nextInt(max + 1);
          meter.charge(r, usage(prompt, rnd.nextInt(max - prompt + 1)));
        } else {
          meter.release(r);
        }
      }
      for (Address payer : List.of(ALICE, bob.address())) {
        EscrowMeter.ChannelView v = meter.channel(payer).orElseThrow();
        assertThat(v.charged().plus(v.reserved())).isLessThanOrEqualTo(v.deposit());
      }
    }
    List<SignedReceipt> receipts = meter.receipts();
    Set<String> ids = new HashSet<>();
    for (SignedReceipt s : receipts) {
      assertThat(ids.add(s.receipt().requestId())).as("no request charged twice").isTrue();
    }
    if (receipts.isEmpty()) {
      return;
    }
    ReceiptBatch batch = meter.cutBatch().orElseThrow();
    assertThat(meter.cutBatch()).isEmpty();
    Amount sum = Amount.ZERO;
    for (SignedReceipt s : receipts) {
      sum = sum.plus(s.receipt().charge());
    }
    assertThat(batch.total()).isEqualTo(sum);
    for (ChannelSettlement s : batch.settlements()) {
      var onChain = chain.escrow(s.payer(), PROVIDER.address()).orElseThrow();
      assertThat(s.checkAgainst(onChain).orElseThrow()).isEqualTo(s.amount());
      assertThat(s.amount()).isEqualTo(meter.channel(s.payer()).orElseThrow().charged());
      chain.settle(s.payer(), PROVIDER.address(), s.lastNonce(), s.cumulativeAfter());
      // the same settlement cannot be applied twice
      assertThat(s.checkAgainst(chain.escrow(s.payer(), PROVIDER.address()).orElseThrow()).isOk())
          .isFalse();
    }
    for (int i = 0; i < batch.receipts().size(); i++) {
      assertThat(ReceiptTree.verify(batch.root(), batch.receipts().get(i), batch.proof(i)))
          .isTrue();
    }
  }

  @Test
  void receiptsRestoredAfterARestartSettleAndTheChannelContinuesFromThem() {
    InMemoryChain chain = new InMemoryChain();
    KeyPair bob = KeyPair.insecureFromLabel("bob");
    chain.deposit(ALICE, PROVIDER.address(), Amount.ofOpen(1));
    chain.deposit(bob.address(), PROVIDER.address(), Amount.ofOpen(1));
    EscrowMeter before = new EscrowMeter(chain, PROVIDER);
    List<SignedReceipt> issued = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      Address payer = i % 2 == 0 ? ALICE : bob.address();
      issued.add(
          before.charge(
              before.reserve(payer, "r" + i, Amount.ofNano(1000)).orElseThrow(), usage(3, i)));
    }
    // alice's first receipt settled before the stop
    UsageReceipt a1 = issued.get(0).receipt();
    chain.settle(ALICE, PROVIDER.address(), a1.nonce(), a1.cumulativeCharged());

    EscrowMeter after = new EscrowMeter(chain, PROVIDER);
    List<SignedReceipt> journal = new ArrayList<>(issued);
    Collections.reverse(journal); // the order a journal holds them in does not matter
    List<SignedReceipt> taken = after.restore(journal);
    assertThat(taken)
        .extracting(s -> s.receipt().requestId())
        .containsExactlyInAnyOrder("r1", "r2", "r3", "r4", "r5");
    // the next charge continues each channel's nonces and cumulative charge
    SignedReceipt next =
        after.charge(after.reserve(ALICE, "r6", Amount.ofNano(1000)).orElseThrow(), usage(1, 1));
    assertThat(next.receipt().nonce()).isEqualTo(issued.get(4).receipt().nonce() + 1);
    assertThat(next.receipt().cumulativeCharged())
        .isEqualTo(issued.get(4).receipt().cumulativeCharged().plus(PRICE.times(2)));
    assertThat(((Result.Err<Reservation>) after.reserve(ALICE, "r3", Amount.ofNano(1))).code())
        .as("a restored request id stays used")
        .isEqualTo("duplicate_request");
    // everything restored and charged since settles as one batch against the chain
    ReceiptBatch batch = after.cutBatch().orElseThrow();
    assertThat(batch.receipts()).hasSize(6);
    for (ChannelSettlement s : batch.settlements()) {
      assertThat(s.checkAgainst(chain.escrow(s.payer(), PROVIDER.address()).orElseThrow()).isOk())
          .isTrue();
    }
    assertThatThrownBy(() -> after.restore(issued))
        .as("only before any request is metered")
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aRestoredChannelStopsAtAGapAndForeignReceiptsAreRefused() {
    InMemoryChain chain = new InMemoryChain();
    chain.deposit(ALICE, PROVIDER.address(), Amount.ofOpen(1));
    EscrowMeter before = new EscrowMeter(chain, PROVIDER);
    List<SignedReceipt> issued = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      issued.add(
          before.charge(
              before.reserve(ALICE, "r" + i, Amount.ofNano(1000)).orElseThrow(), usage(2, 2)));
    }
    EscrowMeter after = new EscrowMeter(chain, PROVIDER);
    // the journal lost the third receipt: the fourth can never settle, and its nonce is issued
    // again
    List<SignedReceipt> taken = after.restore(List.of(issued.get(0), issued.get(1), issued.get(3)));
    assertThat(taken).extracting(s -> s.receipt().requestId()).containsExactly("r0", "r1");
    assertThat(
            after
                .charge(after.reserve(ALICE, "r9", Amount.ofNano(1000)).orElseThrow(), usage(1, 1))
                .receipt()
                .nonce())
        .isEqualTo(issued.get(2).receipt().nonce());

    KeyPair other = KeyPair.insecureFromLabel("another provider");
    EscrowMeter stranger = new EscrowMeter(chain, other);
    assertThatThrownBy(() -> stranger.restore(issued))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not signed by provider");
  }
}
