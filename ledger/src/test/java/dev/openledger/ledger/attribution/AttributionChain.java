package dev.openledger.ledger.attribution;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import dev.openledger.core.crypto.KeyPair;
import dev.openledger.core.json.Json;
import dev.openledger.core.money.Amount;
import dev.openledger.core.receipt.ReceiptTree;
import dev.openledger.core.receipt.SignedReceipt;
import dev.openledger.core.receipt.UsageReceipt;
import dev.openledger.ledger.RegistryDriver;
import dev.openledger.ledger.datanet.DatanetIds;
import dev.openledger.ledger.genesis.GenesisFile;
import dev.openledger.ledger.msg.AccessTerms;
import dev.openledger.ledger.msg.AddCurator;
import dev.openledger.ledger.msg.ApproveModel;
import dev.openledger.ledger.msg.AttributeInference;
import dev.openledger.ledger.msg.AttributionClaim;
import dev.openledger.ledger.msg.AttributionClaim.ContributorUnits;
import dev.openledger.ledger.msg.AttributionClaim.FlaggedRow;
import dev.openledger.ledger.msg.AttributionClaim.InputHashes;
import dev.openledger.ledger.msg.ContributionPolicy;
import dev.openledger.ledger.msg.CreateDatanet;
import dev.openledger.ledger.msg.DataType;
import dev.openledger.ledger.msg.DatanetVersionRef;
import dev.openledger.ledger.msg.EvalMetric;
import dev.openledger.ledger.msg.OpenPaymentChannel;
import dev.openledger.ledger.msg.ProposeModel;
import dev.openledger.ledger.msg.PublishVersion;
import dev.openledger.ledger.msg.RegisterModel;
import dev.openledger.ledger.msg.ReviewContribution;
import dev.openledger.ledger.msg.SettleUsage;
import dev.openledger.ledger.msg.SettleUsage.ChannelClaim;
import dev.openledger.ledger.msg.SettleUsage.ModelCharge;
import dev.openledger.ledger.msg.SubmitContribution;
import dev.openledger.ledger.msg.Transfer;
import dev.openledger.ledger.payment.Channel;
import dev.openledger.ledger.payment.PaymentModule;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A devnet chain for the attribution module's tests: a published datanet with contributions by bob,
 * carol and erin (approved by curator frank, who holds a curator stake) and three rejected ones by
 * mallory; an approved model; a payment channel from alice to provider dave; receipts signed as
 * OpenLoRA's meter signs them, settled in batches; and attribution claims. {@code reporter} may
 * submit attested slashing evidence.
 */
final class AttributionChain {
  static final Amount PRICE = Amount.ofNano(1_000);
  static final String MODEL = "brown-mix";
  static final Hash ADAPTER = sha("adapter of brown-mix v1");
  static final long SCALE = 1_000_000_000L;

  final KeyPair alice = RegistryDriver.key("alice");
  final KeyPair bob = RegistryDriver.key("bob");
  final KeyPair carol = RegistryDriver.key("carol");
  final KeyPair dave = RegistryDriver.key("dave");
  final KeyPair erin = KeyPair.insecureFromLabel("test-erin");
  final KeyPair frank = KeyPair.insecureFromLabel("test-frank");
  final KeyPair mallory = KeyPair.insecureFromLabel("test-mallory");
  final KeyPair reporter = KeyPair.insecureFromLabel("test-reporter");
  final RegistryDriver chain;
  final Hash datanet;
  final Hash bobContribution;
  final Hash carolContribution;
  final Hash erinContribution;
  private long nonce;
  private long cumulative;
  private final Channel channel;

  AttributionChain() {
    chain = new RegistryDriver(GenesisFile.parse(genesisWithReporter()).orElseThrow());
    for (KeyPair k : List.of(erin, frank, mallory, reporter, RegistryDriver.GOV)) {
      chain.ok(alice, new Transfer(k.address(), Amount.ofOpen(100)));
    }
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
    datanet = DatanetIds.datanet(alice.address(), "press");
    chain.ok(alice, new AddCurator(datanet, frank.address()));
    chain.ok(
        frank,
        new dev.openledger.ledger.msg.Stake(
            1, dev.openledger.ledger.staking.Purpose.CURATOR, Amount.ofOpen(50)));
    bobContribution = contribute(bob, "bob's file", true);
    carolContribution = contribute(carol, "carol's file", true);
    erinContribution = contribute(erin, "erin's file", true);
    for (int i = 0; i < 3; i++) {
      contribute(mallory, "mallory's spam " + i, false);
    }
    Hash root = sha("version 1 root");
    chain.ok(
        alice,
        new PublishVersion(
            datanet, 1, root, 9, List.of(bobContribution, carolContribution, erinContribution)));
    DatanetVersionRef ref = new DatanetVersionRef(datanet, 1, root);
    chain.ok(
        alice,
        new RegisterModel(
            MODEL,
            1,
            sha("base"),
            ADAPTER,
            List.of(ref),
            sha("config"),
            List.of(new EvalMetric(datanet, 1, 500, 80_000, 41_500)),
            alice.address(),
            sha("artifacts")));
    chain.ok(alice, new ProposeModel(MODEL, 1));
    chain.ok(RegistryDriver.GOV, new ApproveModel(MODEL, 1));
    chain.ok(alice, new OpenPaymentChannel(dave.address(), Amount.ofOpen(100)));
    channel =
        payments()
            .keeper()
            .activeChannel(chain.state(), alice.address(), dave.address())
            .orElseThrow();
  }

  private Hash contribute(KeyPair who, String file, boolean approve) {
    Hash content = sha(file);
    SubmitContribution s =
        new SubmitContribution(
            datanet,
            DatanetIds.contribution(datanet, who.address(), content),
            content,
            100,
            3,
            900_000,
            "f.txt",
            "txt");
    chain.ok(who, s);
    chain.ok(frank, new ReviewContribution(s.contributionId(), approve, approve ? "good" : "spam"));
    return s.contributionId();
  }

  private byte[] genesisWithReporter() {
    try {
      ObjectNode g =
          (ObjectNode)
              Json.mapper()
                  .readTree(
                      RegistryDriver.genesisFile(
                          RegistryDriver.datanetParams(), RegistryDriver.modelParams(false)));
      ArrayNode reporters =
          (ArrayNode) g.get("modules").get("staking").get("params").get("reporters");
      reporters.add(reporter.address().toString());
      return Json.mapper().writeValueAsBytes(g);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static Hash sha(String s) {
    return Hash.sha256(s.getBytes(StandardCharsets.UTF_8));
  }

  PaymentModule payments() {
    return chain.chain().chain().module(PaymentModule.class);
  }

  AttributionModule attribution() {
    return chain.chain().chain().module(AttributionModule.class);
  }

  Amount balance(Address a) {
    return chain.chain().chain().bank().account(chain.state(), a).balance();
  }

  /** A receipt dave's meter signs for alice's channel: the next nonce and cumulative charge. */
  SignedReceipt charge(int prompt, int completion) {
    Amount charge = PRICE.times((long) prompt + completion);
    nonce++;
    cumulative += charge.nano();
    UsageReceipt r =
        new UsageReceipt(
            channel.id(),
            nonce,
            "cmpl-" + nonce,
            MODEL,
            ADAPTER,
            alice.address(),
            dave.address(),
            prompt,
            completion,
            PRICE,
            charge,
            Amount.ofNano(cumulative));
    return SignedReceipt.sign(r, dave);
  }

  /** Settles the receipts as one batch (dave's SettleUsage) and returns the batch's tree. */
  ReceiptTree settle(List<SignedReceipt> receipts) {
    ReceiptTree tree = new ReceiptTree(receipts);
    UsageReceipt last = receipts.get(receipts.size() - 1).receipt();
    long sum = receipts.stream().mapToLong(s -> s.receipt().charge().nano()).sum();
    chain.ok(
        dave,
        new SettleUsage(
            tree.root(),
            receipts.size(),
            List.of(new ChannelClaim(channel.id(), last.nonce(), last.cumulativeCharged())),
            List.of(new ModelCharge(MODEL, 1, receipts.size(), Amount.ofNano(sum)))));
    return tree;
  }

  /**
   * A claim giving {@code units[i]} to {@code who[i]} (sorted by address here), with these flagged
   * rows.
   */
  static AttributionClaim claim(List<Address> who, List<Long> units, List<FlaggedRow> flagged) {
    List<ContributorUnits> cs = new ArrayList<>();
    for (int i = 0; i < who.size(); i++) {
      cs.add(new ContributorUnits(who.get(i), units.get(i)));
    }
    cs.sort((a, b) -> a.contributor().compareTo(b.contributor()));
    return new AttributionClaim(sha("result " + who + units), inputs(), SCALE, cs, flagged);
  }

  static InputHashes inputs() {
    return new InputHashes(
        sha("request"),
        sha("store"),
        sha("catalog"),
        sha("index"),
        sha("query"),
        sha("output"),
        sha("config"));
  }

  /** The AttributeInference of receipt {@code i} of a settled batch. */
  static AttributeInference attribute(
      ReceiptTree tree, List<SignedReceipt> receipts, int i, AttributionClaim claim) {
    return new AttributeInference(receipts.get(i), tree.root(), tree.proof(i), claim);
  }
}
