package dev.openledger.ledger.payment;

import static dev.openledger.ledger.RegistryDriver.GOV;
import static org.assertj.core.api.Assertions.assertThat;

import dev.openledger.core.Result;
import dev.openledger.core.crypto.Hash;
import dev.openledger.core.crypto.KeyPair;
import dev.openledger.core.money.Amount;
import dev.openledger.core.receipt.InclusionProof;
import dev.openledger.core.receipt.ReceiptTree;
import dev.openledger.core.receipt.SignedReceipt;
import dev.openledger.core.receipt.UsageReceipt;
import dev.openledger.ledger.bank.BankModule;
import dev.openledger.ledger.block.Event;
import dev.openledger.ledger.block.Receipt;
import dev.openledger.ledger.economy.EconomyMetrics;
import dev.openledger.ledger.msg.BindApiKey;
import dev.openledger.ledger.msg.CloseChannel;
import dev.openledger.ledger.msg.OpenPaymentChannel;
import dev.openledger.ledger.msg.PaymentParams;
import dev.openledger.ledger.msg.SettleUsage;
import dev.openledger.ledger.msg.SettleUsage.ChannelClaim;
import dev.openledger.ledger.msg.SettleUsage.ModelCharge;
import dev.openledger.ledger.msg.TopUpChannel;
import dev.openledger.ledger.msg.UnbindApiKey;
import dev.openledger.ledger.msg.UpdatePaymentParams;
import dev.openledger.ledger.msg.WithdrawChannel;
import dev.openledger.ledger.payment.PaymentChain.Receipts;
import dev.openledger.ledger.payment.SettledBatch.ModelPart;
import dev.openledger.ledger.state.StateOverlay;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Channels, keys and settlement on chain, checked message by message with every invariant after
 * each block.
 */
class PaymentModuleTest {
  final PaymentChain p = new PaymentChain();
  final KeyPair carol = p.carol;
  final KeyPair dave = p.dave;

  @Test
  void aChannelOpensTopsUpClosesAndIsWithdrawnAfterTheTimeout() {
    Amount before = p.balance(carol.address());
    p.chain.ok(carol, new OpenPaymentChannel(dave.address(), Amount.ofOpen(10)));
    Channel c = p.channel(carol, dave);
    assertThat(c.deposit()).isEqualTo(Amount.ofOpen(10));
    assertThat(c.id()).isEqualTo(Channel.id(carol.address(), dave.address(), 0));
    assertThat(p.balance(PaymentModule.ESCROW)).isEqualTo(Amount.ofOpen(10));
    assertThat(
            p.chain.fails(
                carol, new OpenPaymentChannel(dave.address(), Amount.ofOpen(1)), "channel_exists"))
        .contains(c.id().toHex());
    p.chain.fails(carol, new OpenPaymentChannel(carol.address(), Amount.ofOpen(1)), "self_channel");
    p.chain.fails(
        p.bob, new OpenPaymentChannel(dave.address(), Amount.parse("0.0001")), "deposit_too_small");
    p.chain.fails(p.bob, new TopUpChannel(c.id(), Amount.ofOpen(1)), "unauthorized");
    p.chain.ok(carol, new TopUpChannel(c.id(), Amount.ofOpen(5)));
    assertThat(p.channel(carol, dave).deposit()).isEqualTo(Amount.ofOpen(15));

    p.chain.ok(carol, new CloseChannel(c.id()));
    assertThat(p.channel(carol, dave).status()).isEqualTo(ChannelStatus.CLOSING);
    assertThat(p.payments().openChannel(p.chain.state(), carol.address(), dave.address()))
        .as("no longer served")
        .isEmpty();
    p.chain.fails(carol, new TopUpChannel(c.id(), Amount.ofOpen(1)), "channel_not_open");
    p.chain.fails(carol, new WithdrawChannel(c.id()), "too_early");
    p.chain.chain().advanceTime(60_000);
    p.chain.ok(carol, new WithdrawChannel(c.id()));
    assertThat(p.payments().channel(p.chain.state(), c.id()).orElseThrow().status())
        .isEqualTo(ChannelStatus.CLOSED);
    assertThat(p.balance(PaymentModule.ESCROW)).isEqualTo(Amount.ZERO);
    // only fees were spent: 8 transactions by carol
    assertThat(p.balance(carol.address())).isEqualTo(before.minus(Amount.ofNano(10_000).times(8)));

    p.chain.ok(carol, new OpenPaymentChannel(dave.address(), Amount.ofOpen(2)));
    assertThat(p.channel(carol, dave).id())
        .as("a new channel, so old receipts cannot charge it")
        .isEqualTo(Channel.id(carol.address(), dave.address(), 1))
        .isNotEqualTo(c.id());
  }

  @Test
  void settlementChargesTheChannelAndSplitsEachModelsTotal() {
    p.chain.ok(carol, new OpenPaymentChannel(dave.address(), Amount.ofOpen(10)));
    Channel c = p.channel(carol, dave);
    Receipts rs = new Receipts(dave);
    rs.charge(c, "brown-mix", PaymentChain.ADAPTER_1, 12, 30);
    rs.charge(c, "brown-mix", PaymentChain.ADAPTER_1, 7, 3);
    rs.charge(c, "press-qa", PaymentChain.ADAPTER_2, 5, 1);
    List<SignedReceipt> batch = List.copyOf(rs.signed);
    SettleUsage settle = rs.cut();
    Amount bob = p.balance(p.bob.address());
    Amount carolBefore = p.balance(carol.address());
    Amount daveBefore = p.balance(dave.address());
    Amount stakers = p.balance(BankModule.STAKERS_RESERVE);
    Amount treasury = p.balance(BankModule.TREASURY);

    Receipt r = p.chain.ok(dave, settle);

    Amount mix = PaymentChain.PRICE.times(52);
    Amount qa = PaymentChain.PRICE.times(6);
    assertThat(p.channel(carol, dave).settledCharged()).isEqualTo(mix.plus(qa));
    assertThat(p.channel(carol, dave).settledNonce()).isEqualTo(3);
    assertThat(p.balance(PaymentModule.ESCROW)).isEqualTo(Amount.ofOpen(10).minus(mix).minus(qa));
    // default split: contributors 40% (pool), developer 25%, provider 20%, stakers 10%, treasury 5%
    assertThat(p.balance(p.bob.address()))
        .as("brown-mix's developer")
        .isEqualTo(bob.plus(mix.mulDiv(2500, 10_000)));
    assertThat(p.balance(carol.address()))
        .as("press-qa's developer; the payer pays nothing more")
        .isEqualTo(carolBefore.plus(qa.mulDiv(2500, 10_000)));
    assertThat(p.balance(dave.address()))
        .as("the provider, less its fee")
        .isEqualTo(
            daveBefore
                .plus(mix.mulDiv(2000, 10_000))
                .plus(qa.mulDiv(2000, 10_000))
                .minus(Amount.ofNano(10_000)));
    assertThat(p.balance(BankModule.STAKERS_RESERVE))
        .isEqualTo(stakers.plus(mix.mulDiv(1000, 10_000)).plus(qa.mulDiv(1000, 10_000)));
    assertThat(p.balance(BankModule.TREASURY))
        .isEqualTo(
            treasury
                .plus(mix.mulDiv(500, 10_000))
                .plus(qa.mulDiv(500, 10_000))
                .plus(Amount.ofNano(10_000)));
    assertThat(p.balance(PaymentModule.ATTRIBUTION_POOL))
        .isEqualTo(mix.mulDiv(4000, 10_000).plus(qa.mulDiv(4000, 10_000)));
    assertThat(r.events().stream().filter(e -> e.type().equals("bank.fee_split")).count())
        .isEqualTo(2);

    SettledBatch b = p.payments().batch(p.chain.state(), settle.root()).orElseThrow();
    assertThat(b.provider()).isEqualTo(dave.address());
    assertThat(b.receiptCount()).isEqualTo(3);
    assertThat(b.contributorsBps()).isEqualTo(4000);
    assertThat(b.total()).isEqualTo(mix.plus(qa));
    ModelPart m = b.model("brown-mix", 1).orElseThrow();
    assertThat(m.developer()).isEqualTo(p.bob.address());
    assertThat(m.unattributed())
        .isEqualTo(m.shares().contributors())
        .isEqualTo(mix.mulDiv(4000, 10_000));
    assertThat(p.payments().batches(p.chain.state(), 0, 10)).containsExactly(b);
    assertThat(new EconomyMetrics().modelUsage(p.chain.state()).get("brown-mix").inferences())
        .as("one inference per receipt")
        .isEqualTo(2);
    assertThat(
            new EconomyMetrics()
                .totals(p.chain.state())
                .get(dev.openledger.ledger.economy.Counter.INFERENCES))
        .isEqualTo(3);

    for (int i = 0; i < batch.size(); i++) {
      InclusionProof proof = new ReceiptTree(batch).proof(i);
      Result<ProvenReceipt> proven =
          p.payments().proveReceipt(p.chain.state(), settle.root(), batch.get(i), proof);
      assertThat(proven.isOk()).as(proven.toString()).isTrue();
      assertThat(proven.orElseThrow().model().model()).isEqualTo(batch.get(i).receipt().model());
    }
  }

  @Test
  void noReceiptIsSettledTwice() {
    p.chain.ok(carol, new OpenPaymentChannel(dave.address(), Amount.ofOpen(1)));
    Receipts rs = new Receipts(dave);
    rs.charge(p.channel(carol, dave), "brown-mix", PaymentChain.ADAPTER_1, 3, 4);
    rs.charge(p.channel(carol, dave), "brown-mix", PaymentChain.ADAPTER_1, 3, 5);
    SettleUsage first = rs.cut();
    p.chain.ok(dave, first);
    Amount escrow = p.balance(PaymentModule.ESCROW);
    p.chain.fails(dave, first, "root_settled");
    // the same claims under another root: the channel has moved on
    SettleUsage again =
        new SettleUsage(
            Hash.sha256(new byte[] {9}), first.receiptCount(), first.channels(), first.models());
    p.chain.fails(dave, again, "already_settled");
    assertThat(p.balance(PaymentModule.ESCROW)).isEqualTo(escrow);
    // the next receipts continue from the settled nonce and charge
    rs.charge(p.channel(carol, dave), "brown-mix", PaymentChain.ADAPTER_1, 1, 1);
    p.chain.ok(dave, rs.cut());
    assertThat(p.channel(carol, dave).settledNonce()).isEqualTo(3);
  }

  @Test
  void settlementBeyondTheEscrowIsRefused() {
    p.chain.ok(carol, new OpenPaymentChannel(dave.address(), Amount.ofNano(1_000_000)));
    Receipts rs = new Receipts(dave);
    rs.charge(
        p.channel(carol, dave),
        "brown-mix",
        PaymentChain.ADAPTER_1,
        600,
        500); // 1.1M nano > the deposit
    Amount escrow = p.balance(PaymentModule.ESCROW);
    assertThat(p.chain.fails(dave, rs.cut(), "insufficient_escrow")).contains("deposit");
    assertThat(p.balance(PaymentModule.ESCROW)).isEqualTo(escrow);
    assertThat(p.channel(carol, dave).settledNonce()).isZero();
  }

  @Test
  void onlyTheChannelsProviderSettles() {
    p.chain.ok(carol, new OpenPaymentChannel(dave.address(), Amount.ofOpen(1)));
    Receipts byBob = new Receipts(p.bob); // bob signs receipts on a channel that pays dave
    byBob.charge(p.channel(carol, dave), "brown-mix", PaymentChain.ADAPTER_1, 3, 4);
    assertThat(p.chain.fails(p.bob, byBob.cut(), "not_provider"))
        .contains("only the channel's provider");
    Receipts byDave = new Receipts(dave);
    byDave.charge(p.channel(carol, dave), "brown-mix", PaymentChain.ADAPTER_1, 3, 4);
    p.chain.fails(p.bob, byDave.cut(), "not_provider");
  }

  @Test
  void claimsMustAddUpAndNameApprovedModels() {
    p.chain.ok(carol, new OpenPaymentChannel(dave.address(), Amount.ofOpen(1)));
    Hash ch = p.channel(carol, dave).id();
    Amount a = PaymentChain.PRICE.times(10);
    Hash root = Hash.sha256("r".getBytes(StandardCharsets.UTF_8));
    p.chain.fails(
        dave,
        new SettleUsage(
            root,
            1,
            List.of(new ChannelClaim(ch, 1, a)),
            List.of(new ModelCharge("brown-mix", 1, 1, a.plus(Amount.ofNano(1))))),
        "total_mismatch");
    p.chain.fails(
        dave,
        new SettleUsage(
            root,
            2,
            List.of(new ChannelClaim(ch, 1, a)),
            List.of(new ModelCharge("brown-mix", 1, 2, a))),
        "receipt_count_mismatch");
    p.chain.fails(
        dave,
        new SettleUsage(
            root,
            1,
            List.of(new ChannelClaim(ch, 1, a)),
            List.of(new ModelCharge("nope", 1, 1, a))),
        "unknown_model");
    p.chain.fails(
        dave,
        new SettleUsage(
            root,
            1,
            List.of(new ChannelClaim(Hash.ZERO, 1, a)),
            List.of(new ModelCharge("brown-mix", 1, 1, a))),
        "unknown_channel");
    p.chain.ok(
        dave,
        new SettleUsage(
            root,
            1,
            List.of(new ChannelClaim(ch, 1, a)),
            List.of(new ModelCharge("brown-mix", 1, 1, a))));
  }

  @Test
  void aForgedOrAlteredReceiptDoesNotProveAgainstTheSettledRoot() {
    p.chain.ok(carol, new OpenPaymentChannel(dave.address(), Amount.ofOpen(1)));
    Receipts rs = new Receipts(dave);
    for (int i = 0; i < 5; i++) {
      rs.charge(p.channel(carol, dave), "brown-mix", PaymentChain.ADAPTER_1, 4 + i, 9);
    }
    List<SignedReceipt> batch = List.copyOf(rs.signed);
    SettleUsage settle = rs.cut();
    p.chain.ok(dave, settle);
    ReceiptTree tree = new ReceiptTree(batch);
    UsageReceipt real = batch.get(2).receipt();
    // the provider re-signs the receipt with more tokens: a valid signature, but not the settled
    // leaf
    UsageReceipt inflated =
        new UsageReceipt(
            real.channel(),
            real.nonce(),
            real.requestId(),
            real.model(),
            real.adapterHash(),
            real.caller(),
            real.provider(),
            real.promptTokens(),
            real.completionTokens() + 10,
            real.pricePerToken(),
            real.pricePerToken().times(real.totalTokens() + 10),
            real.cumulativeCharged().plus(real.pricePerToken().times(10)));
    assertThat(
            code(
                p.payments()
                    .proveReceipt(
                        p.chain.state(),
                        settle.root(),
                        SignedReceipt.sign(inflated, dave),
                        tree.proof(2))))
        .isEqualTo("bad_proof");
    assertThat(
            code(
                p.payments()
                    .proveReceipt(p.chain.state(), settle.root(), batch.get(2), tree.proof(3))))
        .isEqualTo("bad_proof");
    assertThat(
            code(
                p.payments().proveReceipt(p.chain.state(), Hash.ZERO, batch.get(2), tree.proof(2))))
        .isEqualTo("unknown_batch");
    // a receipt on another model's adapter, in a tree of its own, is not in this batch either
    KeyPair mallory = KeyPair.insecureFromLabel("mallory");
    SignedReceipt byMallory =
        new SignedReceipt(real, mallory.publicKey(), mallory.sign(real.signingBytes()));
    assertThat(
            code(
                p.payments()
                    .proveReceipt(p.chain.state(), settle.root(), byMallory, tree.proof(2))))
        .isEqualTo("bad_proof");
    assertThat(
            p.payments()
                .proveReceipt(p.chain.state(), settle.root(), batch.get(2), tree.proof(2))
                .isOk())
        .isTrue();
  }

  @Test
  void aClosingChannelStillSettlesAndAWithdrawnOneNeverDoes() {
    p.chain.ok(carol, new OpenPaymentChannel(dave.address(), Amount.ofOpen(1)));
    Channel c = p.channel(carol, dave);
    Receipts rs = new Receipts(dave);
    rs.charge(c, "brown-mix", PaymentChain.ADAPTER_1, 3, 4);
    p.chain.ok(carol, new CloseChannel(c.id()));
    p.chain.ok(dave, rs.cut());
    rs.charge(c, "brown-mix", PaymentChain.ADAPTER_1, 3, 4);
    p.chain.chain().advanceTime(60_000);
    Amount before = p.balance(carol.address());
    p.chain.ok(carol, new WithdrawChannel(c.id()));
    Amount refunded = Amount.ofOpen(1).minus(PaymentChain.PRICE.times(7));
    assertThat(p.balance(carol.address()))
        .isEqualTo(before.plus(refunded).minus(Amount.ofNano(10_000)));
    assertThat(p.chain.fails(dave, rs.cut(), "channel_closed")).contains("withdrawn");
  }

  @Test
  void keysBindToOneAccountAndOnlyItUnbinds() {
    Hash k1 = Hash.sha256("olk-first".getBytes(StandardCharsets.UTF_8));
    p.chain.ok(carol, new BindApiKey(k1));
    assertThat(p.payments().keyAccount(p.chain.state(), k1)).contains(carol.address());
    p.chain.fails(carol, new BindApiKey(k1), "already_bound");
    p.chain.fails(dave, new BindApiKey(k1), "key_taken");
    p.chain.fails(dave, new UnbindApiKey(k1), "unauthorized");
    p.chain.fails(dave, new UnbindApiKey(Hash.ZERO), "unknown_key");
    p.chain.fails(
        carol,
        new UpdatePaymentParams(new PaymentParams(GOV.address(), 60, Amount.parse("0.001"), 1)),
        "unauthorized");
    p.chain.ok(
        GOV,
        new UpdatePaymentParams(new PaymentParams(GOV.address(), 60, Amount.parse("0.001"), 1)));
    p.chain.fails(carol, new BindApiKey(Hash.sha256(new byte[] {2})), "too_many_keys");
    p.chain.ok(carol, new UnbindApiKey(k1));
    assertThat(p.payments().keyAccount(p.chain.state(), k1)).isEmpty();
    p.chain.ok(dave, new BindApiKey(k1));
  }

  @Test
  void attributionPaysFromThePoolOnlyWhatABatchLeftUnattributed() {
    p.chain.ok(carol, new OpenPaymentChannel(dave.address(), Amount.ofOpen(1)));
    Receipts rs = new Receipts(dave);
    rs.charge(p.channel(carol, dave), "brown-mix", PaymentChain.ADAPTER_1, 50, 50);
    SettleUsage settle = rs.cut();
    p.chain.ok(dave, settle);
    Amount pool = PaymentChain.PRICE.times(100).mulDiv(4000, 10_000);
    StateOverlay s = new StateOverlay(p.chain.state());
    KeyPair contributor = KeyPair.insecureFromLabel("contributor");
    assertThat(
            p.payments()
                .payFromPool(
                    s, settle.root(), "brown-mix", 1, contributor.address(), Amount.ofNano(30_000)))
        .isEqualTo(Result.ok(pool.minus(Amount.ofNano(30_000))));
    assertThat(
            code(
                p.payments()
                    .payFromPool(s, settle.root(), "brown-mix", 1, contributor.address(), pool)))
        .isEqualTo("exceeds_unattributed");
    assertThat(
            code(
                p.payments()
                    .payFromPool(
                        s, settle.root(), "press-qa", 1, contributor.address(), Amount.ofNano(1))))
        .isEqualTo("unknown_model");
    assertThat(p.chain.chain().chain().bank().account(s, contributor.address()).balance())
        .isEqualTo(Amount.ofNano(30_000));
    assertThat(p.payments().checkInvariants(s)).isEmpty();
  }

  @Test
  void eventsNameWhatWasSettled() {
    p.chain.ok(carol, new OpenPaymentChannel(dave.address(), Amount.ofOpen(1)));
    Receipts rs = new Receipts(dave);
    rs.charge(p.channel(carol, dave), "brown-mix", PaymentChain.ADAPTER_1, 5, 5);
    SettleUsage settle = rs.cut();
    Event e =
        p.chain.ok(dave, settle).events().stream()
            .filter(x -> x.type().equals("payment.settle"))
            .findFirst()
            .orElseThrow();
    assertThat(e.get("root")).isEqualTo(settle.root().toHex());
    assertThat(e.get("receipts")).isEqualTo("1");
    assertThat(Amount.parse(e.get("amount"))).isEqualTo(PaymentChain.PRICE.times(10));
  }

  private static String code(Result<?> r) {
    assertThat(r).isInstanceOf(Result.Err.class);
    return ((Result.Err<?>) r).code();
  }
}
