package dev.openledger.ledger.payment;

import static dev.openledger.ledger.RegistryDriver.GOV;

import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import dev.openledger.core.crypto.KeyPair;
import dev.openledger.core.money.Amount;
import dev.openledger.core.receipt.ReceiptTree;
import dev.openledger.core.receipt.SignedReceipt;
import dev.openledger.core.receipt.UsageReceipt;
import dev.openledger.ledger.RegistryDriver;
import dev.openledger.ledger.datanet.DatanetIds;
import dev.openledger.ledger.msg.AccessTerms;
import dev.openledger.ledger.msg.ApproveModel;
import dev.openledger.ledger.msg.ContributionPolicy;
import dev.openledger.ledger.msg.CreateDatanet;
import dev.openledger.ledger.msg.DataType;
import dev.openledger.ledger.msg.DatanetVersionRef;
import dev.openledger.ledger.msg.EvalMetric;
import dev.openledger.ledger.msg.ProposeModel;
import dev.openledger.ledger.msg.PublishVersion;
import dev.openledger.ledger.msg.RegisterModel;
import dev.openledger.ledger.msg.ReviewContribution;
import dev.openledger.ledger.msg.SettleUsage;
import dev.openledger.ledger.msg.SettleUsage.ChannelClaim;
import dev.openledger.ledger.msg.SettleUsage.ModelCharge;
import dev.openledger.ledger.msg.SubmitContribution;
import dev.openledger.ledger.msg.Transfer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A devnet chain with one published datanet and approved models, for the payment module's tests:
 * channels, receipts signed by a provider exactly as OpenLoRA's meter signs them, and the {@link
 * SettleUsage} a provider's node would send for a batch of them.
 */
final class PaymentChain {
  static final Amount PRICE = Amount.ofNano(1_000);
  static final Hash ADAPTER_1 =
      Hash.sha256("adapter of brown-mix v1".getBytes(StandardCharsets.UTF_8));
  static final Hash ADAPTER_2 =
      Hash.sha256("adapter of press-qa v1".getBytes(StandardCharsets.UTF_8));
  final RegistryDriver chain =
      new RegistryDriver(RegistryDriver.datanetParams(), RegistryDriver.modelParams(false));
  final KeyPair alice = RegistryDriver.key("alice");
  final KeyPair bob = RegistryDriver.key("bob");
  final KeyPair carol = RegistryDriver.key("carol");
  final KeyPair dave = RegistryDriver.key("dave");

  PaymentChain() {
    chain.ok(alice, new Transfer(GOV.address(), Amount.ofOpen(10)));
    Hash root = Hash.sha256("root".getBytes(StandardCharsets.UTF_8));
    chain.ok(
        alice,
        new CreateDatanet(
            "press",
            "summary",
            "",
            List.of(),
            DataType.TEXT,
            "CC0-1.0",
            ContributionPolicy.open(),
            AccessTerms.open()));
    Hash id = DatanetIds.datanet(alice.address(), "press");
    Hash content = Hash.sha256("press".getBytes(StandardCharsets.UTF_8));
    SubmitContribution s =
        new SubmitContribution(
            id,
            DatanetIds.contribution(id, bob.address(), content),
            content,
            100,
            3,
            900_000,
            "a.txt",
            "txt");
    chain.ok(bob, s);
    chain.ok(alice, new ReviewContribution(s.contributionId(), true, ""));
    chain.ok(alice, new PublishVersion(id, 1, root, 3, List.of(s.contributionId())));
    DatanetVersionRef ref = new DatanetVersionRef(id, 1, root);
    approve("brown-mix", ADAPTER_1, ref, bob);
    approve("press-qa", ADAPTER_2, ref, carol);
  }

  private void approve(String name, Hash adapter, DatanetVersionRef ref, KeyPair developer) {
    chain.ok(
        developer,
        new RegisterModel(
            name,
            1,
            Hash.sha256(new byte[] {1}),
            adapter,
            List.of(ref),
            Hash.sha256(new byte[] {3}),
            List.of(new EvalMetric(ref.datanetId(), 1, 500, 80_000, 41_500)),
            developer.address(),
            Hash.sha256(new byte[] {4})));
    chain.ok(developer, new ProposeModel(name, 1));
    chain.ok(GOV, new ApproveModel(name, 1));
  }

  PaymentModule payments() {
    return chain.chain().chain().module(PaymentModule.class);
  }

  Channel channel(KeyPair payer, KeyPair provider) {
    return payments()
        .keeper()
        .activeChannel(chain.state(), payer.address(), provider.address())
        .orElseThrow();
  }

  Amount balance(Address a) {
    return chain.chain().chain().bank().account(chain.state(), a).balance();
  }

  /**
   * What a provider's meter signs on one channel: receipts with consecutive nonces and cumulative
   * charges.
   */
  static final class Receipts {
    private final KeyPair provider;
    private final Map<Hash, long[]> position = new LinkedHashMap<>();
    final List<SignedReceipt> signed = new ArrayList<>();

    Receipts(KeyPair provider) {
      this.provider = provider;
    }

    /** Continues a channel from its settled state (or from where this object left it). */
    SignedReceipt charge(Channel c, String model, Hash adapter, int prompt, int completion) {
      long[] p =
          position.computeIfAbsent(
              c.id(), k -> new long[] {c.settledNonce(), c.settledCharged().nano()});
      Amount charge = PRICE.times((long) prompt + completion);
      p[0]++;
      p[1] += charge.nano();
      UsageReceipt r =
          new UsageReceipt(
              c.id(),
              p[0],
              "cmpl-" + c.id().shortHex() + "-" + p[0],
              model,
              adapter,
              c.payer(),
              provider.address(),
              prompt,
              completion,
              PRICE,
              charge,
              Amount.ofNano(p[1]));
      SignedReceipt s = SignedReceipt.sign(r, provider);
      signed.add(s);
      return s;
    }

    /** The settlement of every receipt charged since the last call, with model versions 1. */
    SettleUsage cut() {
      SettleUsage m = settlement(signed);
      signed.clear();
      return m;
    }
  }

  /**
   * The {@link SettleUsage} of a batch: the tree root, each channel's last receipt, each model's
   * totals.
   */
  static SettleUsage settlement(List<SignedReceipt> batch) {
    Map<Hash, ChannelClaim> channels = new LinkedHashMap<>();
    Map<String, long[]> models = new LinkedHashMap<>();
    for (SignedReceipt s : batch) {
      UsageReceipt r = s.receipt();
      channels.put(r.channel(), new ChannelClaim(r.channel(), r.nonce(), r.cumulativeCharged()));
      long[] m = models.computeIfAbsent(r.model(), k -> new long[2]);
      m[0]++;
      m[1] += r.charge().nano();
    }
    List<ModelCharge> charges = new ArrayList<>();
    models.forEach((name, m) -> charges.add(new ModelCharge(name, 1, m[0], Amount.ofNano(m[1]))));
    return new SettleUsage(
        new ReceiptTree(batch).root(), batch.size(), new ArrayList<>(channels.values()), charges);
  }
}
