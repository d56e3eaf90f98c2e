package dev.openledger.openlora.metering;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openledger.core.Result;
import dev.openledger.core.crypto.Hash;
import dev.openledger.core.crypto.KeyPair;
import dev.openledger.core.money.Amount;
import dev.openledger.core.receipt.SignedReceipt;
import dev.openledger.core.receipt.UsageReceipt;
import dev.openledger.openlora.chain.EscrowAccount;
import dev.openledger.openlora.chain.InMemoryChain;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Batches of receipts: the per-channel summary a settlement carries, and the checks a batch makes.
 */
class ReceiptBatchTest {
  private static final KeyPair PROVIDER = KeyPair.insecureFromLabel("provider");
  private static final KeyPair CALLER = KeyPair.insecureFromLabel("caller");
  private static final Amount PRICE = Amount.ofNano(7);

  /** {@code n} receipts charged by a real meter on one funded channel. */
  private static List<SignedReceipt> charged(int n, InMemoryChain chain) {
    chain.deposit(CALLER.address(), PROVIDER.address(), Amount.ofOpen(1));
    EscrowMeter meter = new EscrowMeter(chain, PROVIDER);
    for (int i = 1; i <= n; i++) {
      Reservation r = meter.reserve(CALLER.address(), "cmpl-" + i, PRICE.times(100)).orElseThrow();
      meter.charge(
          r, new Usage("legal-qa", Hash.sha256(new byte[] {1}), PRICE, 3 + i % 5, 10 + i % 7));
    }
    return meter.receipts();
  }

  @Test
  void aBatchSummarisesEachChannelAndChecksAgainstTheChain() {
    InMemoryChain chain = new InMemoryChain();
    List<SignedReceipt> rs = charged(5, chain);
    ReceiptBatch b = ReceiptBatch.of(rs).orElseThrow();
    assertThat(b.settlements()).hasSize(1);
    ChannelSettlement s = b.settlements().get(0);
    assertThat(s.firstNonce()).isEqualTo(1);
    assertThat(s.lastNonce()).isEqualTo(5);
    assertThat(s.amount()).isEqualTo(rs.get(4).receipt().cumulativeCharged());
    assertThat(b.total()).isEqualTo(s.amount());
    Hash channel = rs.get(0).receipt().channel();
    EscrowAccount fresh = chain.escrow(CALLER.address(), PROVIDER.address()).orElseThrow();
    assertThat(s.checkAgainst(fresh)).isEqualTo(Result.ok(s.amount()));
    EscrowAccount alreadySettled =
        new EscrowAccount(
            channel, CALLER.address(), PROVIDER.address(), Amount.ofOpen(1), s.amount(), 5);
    assertThat(s.checkAgainst(alreadySettled))
        .isInstanceOf(Result.Err.class); // settling the same receipts again is refused
    EscrowAccount tooSmall =
        new EscrowAccount(
            channel, CALLER.address(), PROVIDER.address(), Amount.ofNano(10), Amount.ZERO, 0);
    assertThat(((Result.Err<Amount>) s.checkAgainst(tooSmall)).code()).isEqualTo("over_deposit");
  }

  @Test
  void aBatchRefusesDuplicatesGapsBadSignaturesAndBrokenSums() {
    List<SignedReceipt> rs = charged(4, new InMemoryChain());
    List<SignedReceipt> dup = new ArrayList<>(rs);
    dup.add(rs.get(3));
    assertThat(code(ReceiptBatch.of(dup))).isEqualTo("duplicate_request");
    List<SignedReceipt> gap = new ArrayList<>(rs);
    gap.remove(1);
    assertThat(code(ReceiptBatch.of(gap))).isEqualTo("nonce_gap");
    List<SignedReceipt> bad = new ArrayList<>(rs);
    SignedReceipt last = rs.get(3);
    bad.set(3, new SignedReceipt(last.receipt(), last.providerKey(), rs.get(2).signature()));
    assertThat(code(ReceiptBatch.of(bad))).isEqualTo("bad_signature");
    UsageReceipt r4 = last.receipt();
    UsageReceipt inflated =
        new UsageReceipt(
            r4.channel(),
            r4.nonce(),
            r4.requestId(),
            r4.model(),
            r4.adapterHash(),
            r4.caller(),
            r4.provider(),
            r4.promptTokens(),
            r4.completionTokens(),
            r4.pricePerToken(),
            r4.charge(),
            r4.cumulativeCharged().plus(Amount.ofNano(1)));
    List<SignedReceipt> sum = new ArrayList<>(rs);
    sum.set(3, SignedReceipt.sign(inflated, PROVIDER));
    assertThat(code(ReceiptBatch.of(sum))).isEqualTo("cumulative_mismatch");
    assertThat(code(ReceiptBatch.of(List.of()))).isEqualTo("empty_batch");
  }

  @Test
  void theMeterCutsBatchesThatFitOneSettlement() {
    InMemoryChain chain = new InMemoryChain();
    EscrowMeter meter = new EscrowMeter(chain, PROVIDER);
    List<KeyPair> callers =
        List.of(CALLER, KeyPair.insecureFromLabel("c2"), KeyPair.insecureFromLabel("c3"));
    for (KeyPair c : callers) {
      chain.deposit(c.address(), PROVIDER.address(), Amount.ofOpen(1));
    }
    for (int i = 0; i < 9; i++) {
      KeyPair c = callers.get(i % 3);
      Reservation r = meter.reserve(c.address(), "req-" + i, PRICE.times(10)).orElseThrow();
      meter.charge(r, new Usage(i < 6 ? "m1" : "m2", Hash.ZERO, PRICE, 2, 3));
    }
    ReceiptBatch first = meter.cutBatch(2, 5).orElseThrow();
    assertThat(first.receipts()).hasSize(2); // the third receipt opens a third channel
    ReceiptBatch second = meter.cutBatch(5, 1).orElseThrow();
    assertThat(second.receipts()).hasSize(4); // receipts 2..5 are m1; receipt 6 is the second model
    assertThat(meter.unbatched()).isEqualTo(3);
    ReceiptBatch rest = meter.cutBatch().orElseThrow();
    assertThat(rest.receipts()).extracting(s -> s.receipt().model()).containsOnly("m2");
    assertThat(meter.cutBatch(1, 1)).isEmpty();
    meter.forgetBatched();
    assertThat(meter.receipts()).isEmpty();
    Reservation next = meter.reserve(CALLER.address(), "req-9", PRICE.times(10)).orElseThrow();
    assertThat(meter.charge(next, new Usage("m1", Hash.ZERO, PRICE, 1, 1)).receipt().nonce())
        .as("nonces go on after forgetting")
        .isEqualTo(4);
  }

  private static String code(Result<?> r) {
    assertThat(r).isInstanceOf(Result.Err.class);
    return ((Result.Err<?>) r).code();
  }
}
