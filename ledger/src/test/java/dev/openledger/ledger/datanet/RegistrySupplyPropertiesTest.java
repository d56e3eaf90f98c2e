package dev.openledger.ledger.datanet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import dev.openledger.core.crypto.KeyPair;
import dev.openledger.core.money.Amount;
import dev.openledger.ledger.RegistryDriver;
import dev.openledger.ledger.TestChains;
import dev.openledger.ledger.bank.BankModule;
import dev.openledger.ledger.block.Receipt;
import dev.openledger.ledger.msg.AccessTerms;
import dev.openledger.ledger.msg.ContributionPolicy;
import dev.openledger.ledger.msg.CreateDatanet;
import dev.openledger.ledger.msg.DataType;
import dev.openledger.ledger.msg.DatanetParams;
import dev.openledger.ledger.msg.DatanetVersionRef;
import dev.openledger.ledger.msg.EvalMetric;
import dev.openledger.ledger.msg.Message;
import dev.openledger.ledger.msg.PayAccessFee;
import dev.openledger.ledger.msg.ProposeModel;
import dev.openledger.ledger.msg.PublishVersion;
import dev.openledger.ledger.msg.RegisterModel;
import dev.openledger.ledger.msg.ReviewContribution;
import dev.openledger.ledger.msg.SubmitContribution;
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
 * Random sequences of datanet and model messages from several accounts, in random blocks: after
 * every block the module invariants hold (sum of balances = supply, stake escrow = pending stakes),
 * and every account's balance is exactly what a plain model of the fee rules predicts from the
 * receipts: transaction fees, deployment and versioning fees, stakes escrowed, returned and
 * forfeited, access fees split between the treasury and the owner, registration fees.
 */
class RegistrySupplyPropertiesTest {
  static final List<KeyPair> KEYS =
      List.of(
          RegistryDriver.key("alice"),
          RegistryDriver.key("bob"),
          RegistryDriver.key("carol"),
          RegistryDriver.key("dave"));
  static final Amount STAKE = Amount.ofOpen(2);
  static final Amount ACCESS_FEE = Amount.parse("7.77");

  /** The plain model: balances, and what it knows of each datanet and contribution. */
  static final class Model {
    final Map<Address, Long> balance = new HashMap<>();
    final Map<Hash, Address> owners = new HashMap<>();
    final Map<Hash, ContributionPolicy> policies = new HashMap<>();
    final Map<Hash, long[]> contributions = new HashMap<>(); // id -> {bytes, stake nano}
    final Map<Hash, Address> submitters = new HashMap<>();
    final DatanetParams.Fees fees;

    Model(RegistryDriver chain, DatanetParams.Fees fees) {
      this.fees = fees;
      for (KeyPair k : KEYS) {
        balance.put(k.address(), chain.balance(k).nano());
      }
      balance.put(BankModule.TREASURY, chain.treasury().nano());
      balance.put(DatanetModule.STAKE_ESCROW, 0L);
    }

    void move(Address from, Address to, long nano) {
      balance.merge(from, -nano, Long::sum);
      balance.merge(to, nano, Long::sum);
    }

    /** Applies the money effects of an included transaction. */
    void apply(Address sender, Message m, Receipt r) {
      move(sender, BankModule.TREASURY, TestChains.FEE.nano());
      if (!r.isOk()) {
        return;
      }
      if (m instanceof CreateDatanet c) {
        long kib = (c.metadataBytes() + 1023) / 1024;
        move(
            sender,
            BankModule.TREASURY,
            fees.createBase().nano() + fees.createPerKib().nano() * kib);
        Hash id = DatanetIds.datanet(sender, c.name());
        owners.put(id, sender);
        policies.put(id, c.policy());
      } else if (m instanceof SubmitContribution s) {
        ContributionPolicy p = policies.get(s.datanetId());
        boolean auto =
            p.review() == ContributionPolicy.Review.AUTOMATIC
                && s.scorePpm() >= p.autoApproveMinScorePpm();
        long stake = auto ? 0 : p.stake().nano();
        move(sender, DatanetModule.STAKE_ESCROW, stake);
        contributions.put(s.contributionId(), new long[] {s.bytes(), stake});
        submitters.put(s.contributionId(), sender);
      } else if (m instanceof ReviewContribution v) {
        long stake = contributions.get(v.contributionId())[1];
        move(
            DatanetModule.STAKE_ESCROW,
            v.approve() ? submitters.get(v.contributionId()) : BankModule.TREASURY,
            stake);
        contributions.get(v.contributionId())[1] = 0;
      } else if (m instanceof PublishVersion p) {
        long bytes = p.contributionIds().stream().mapToLong(id -> contributions.get(id)[0]).sum();
        long mib = (bytes + DatanetParams.MB - 1) / DatanetParams.MB;
        move(
            sender,
            BankModule.TREASURY,
            fees.versionBase().nano() + fees.versionPerMib().nano() * mib);
      } else if (m instanceof PayAccessFee a) {
        long toTreasury = a.amount().nano() * fees.accessTreasuryBps() / 10_000;
        move(sender, BankModule.TREASURY, toTreasury);
        move(sender, owners.get(a.datanetId()), a.amount().nano() - toTreasury);
      } else if (m instanceof RegisterModel) {
        move(sender, BankModule.TREASURY, Amount.ofOpen(1).nano());
      }
    }
  }

  /** What the generator knows of the chain so far, to make messages that mostly succeed. */
  static final class Known {
    final List<Hash> datanets = new ArrayList<>();
    final Map<Hash, List<Hash>> submitted = new HashMap<>();
    final Map<Hash, List<Hash>> accepted = new HashMap<>();
    final Map<Hash, Hash> datanetOf = new HashMap<>();
    final Map<Hash, Integer> versions = new HashMap<>();
    final Map<Hash, Hash> roots = new HashMap<>();
    final Map<String, Integer> models = new HashMap<>();

    void track(Message m, Receipt r, KeyPair from) {
      if (!r.isOk()) {
        return;
      }
      if (m instanceof CreateDatanet c) {
        datanets.add(DatanetIds.datanet(from.address(), c.name()));
      } else if (m instanceof SubmitContribution s) {
        submitted.computeIfAbsent(s.datanetId(), k -> new ArrayList<>()).add(s.contributionId());
        datanetOf.put(s.contributionId(), s.datanetId());
        boolean auto = r.events().stream().anyMatch(e -> "accepted".equals(e.get("status")));
        if (auto) {
          accepted.computeIfAbsent(s.datanetId(), k -> new ArrayList<>()).add(s.contributionId());
        }
      } else if (m instanceof ReviewContribution v && v.approve()) {
        accepted
            .computeIfAbsent(datanetOf.get(v.contributionId()), k -> new ArrayList<>())
            .add(v.contributionId());
      } else if (m instanceof PublishVersion p) {
        versions.put(p.datanetId(), p.version());
        roots.put(p.datanetId(), p.root());
      } else if (m instanceof RegisterModel g) {
        models.put(g.name(), g.version());
      }
    }
  }

  @Property(tries = 25)
  void feesStakesAndAccessPaymentsConserveTheSupply(
      @ForAll long seed, @ForAll @IntRange(min = 5, max = 60) int count) {
    Random rnd = new Random(seed);
    RegistryDriver chain =
        new RegistryDriver(
            RegistryDriver.datanetParams(), RegistryDriver.modelParams(rnd.nextBoolean()));
    Model model = new Model(chain, chain.datanets().params(chain.state()).fees());
    Known known = new Known();
    List<Map.Entry<KeyPair, Message>> block = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      block.add(randomMessage(rnd, known, model));
      if (rnd.nextInt(4) == 0 || i == count - 1) {
        List<Receipt> receipts = chain.block(block);
        for (int j = 0; j < block.size(); j++) {
          Map.Entry<KeyPair, Message> tx = block.get(j);
          Receipt r = receipts.get(j);
          model.apply(tx.getKey().address(), tx.getValue(), r);
          Statistics.collect(tx.getValue().type().name(), r.code());
          known.track(tx.getValue(), r, tx.getKey());
        }
        for (Map.Entry<Address, Long> e : model.balance.entrySet()) {
          assertThat(
                  chain.chain().chain().bank().account(chain.state(), e.getKey()).balance().nano())
              .as("balance of %s", e.getKey())
              .isEqualTo(e.getValue());
        }
        block.clear();
      }
    }
    assertThat(chain.chain().chain().bank().supply(chain.state()).total())
        .isEqualTo(Amount.MAX_SUPPLY);
  }

  /** The owner of {@code datanet} most of the time, anyone otherwise. */
  private static KeyPair mostlyOwner(Random rnd, Model model, Hash datanet) {
    Address owner = model.owners.get(datanet);
    if (owner != null && rnd.nextInt(5) > 0) {
      return KEYS.stream().filter(k -> k.address().equals(owner)).findFirst().orElseThrow();
    }
    return anyone(rnd);
  }

  private static KeyPair anyone(Random rnd) {
    return KEYS.get(rnd.nextInt(KEYS.size()));
  }

  private static <T> T pick(Random rnd, List<T> list) {
    return list.get(rnd.nextInt(list.size()));
  }

  private static Map.Entry<KeyPair, Message> randomMessage(Random rnd, Known known, Model model) {
    int kind = known.datanets.isEmpty() ? 0 : rnd.nextInt(10);
    if (kind == 0) {
      return Map.entry(anyone(rnd), createDatanet(rnd));
    }
    Hash d = pick(rnd, known.datanets);
    List<Hash> submitted = known.submitted.getOrDefault(d, List.of());
    List<Hash> accepted = known.accepted.getOrDefault(d, List.of());
    if (kind <= 3 || (kind <= 5 && submitted.isEmpty()) || (kind == 6 && accepted.isEmpty())) {
      KeyPair from = anyone(rnd);
      Hash content = Hash.sha256(new byte[] {(byte) rnd.nextInt(12)});
      Hash id =
          rnd.nextInt(15) == 0 ? content : DatanetIds.contribution(d, from.address(), content);
      long bytes = 1 + (long) rnd.nextInt(6 * (int) DatanetParams.MB);
      return Map.entry(
          from,
          new SubmitContribution(
              d, id, content, bytes, 1 + rnd.nextInt(20), rnd.nextInt(1_000_001), "f.txt", "txt"));
    }
    if (kind <= 5) {
      return Map.entry(
          mostlyOwner(rnd, model, d),
          new ReviewContribution(
              pick(rnd, submitted), rnd.nextBoolean(), "reason " + rnd.nextInt(3)));
    }
    if (kind == 6) {
      List<Hash> ids = new ArrayList<>();
      for (Hash c : accepted) {
        if (ids.isEmpty() || rnd.nextInt(3) > 0) {
          ids.add(c);
        }
      }
      if (rnd.nextInt(8) == 0 && !submitted.isEmpty()) {
        ids.add(
            pick(rnd, submitted)); // perhaps not accepted, perhaps listed twice: refused either way
        ids = ids.stream().distinct().toList();
      }
      int v = known.versions.getOrDefault(d, 0) + (rnd.nextInt(6) == 0 ? 2 : 1);
      return Map.entry(
          mostlyOwner(rnd, model, d),
          new PublishVersion(
              d, v, Hash.sha256(new byte[] {(byte) rnd.nextInt(256)}), 1 + rnd.nextInt(5), ids));
    }
    if (kind == 7) {
      return Map.entry(
          anyone(rnd), new PayAccessFee(d, rnd.nextInt(4) == 0 ? Amount.ofOpen(1) : ACCESS_FEE));
    }
    KeyPair from = anyone(rnd);
    String name = "m" + rnd.nextInt(3);
    int version =
        known.models.getOrDefault(name, 0) + (kind == 8 ? 1 : 0) + (rnd.nextInt(6) == 0 ? 1 : 0);
    if (kind == 8) {
      Hash published =
          known.roots.isEmpty()
              ? d
              : pick(rnd, List.copyOf(new java.util.TreeSet<>(known.roots.keySet())));
      DatanetVersionRef ref =
          new DatanetVersionRef(
              published,
              Math.max(1, known.versions.getOrDefault(published, 1)),
              known.roots.getOrDefault(published, Hash.ZERO));
      return Map.entry(
          from,
          new RegisterModel(
              name,
              version,
              Hash.ZERO,
              Hash.ZERO,
              List.of(ref),
              Hash.ZERO,
              List.of(new EvalMetric(published, ref.version(), 10, 2000, 1500)),
              from.address(),
              Hash.ZERO));
    }
    return Map.entry(from, new ProposeModel(name, Math.max(1, version)));
  }

  private static CreateDatanet createDatanet(Random rnd) {
    ContributionPolicy policy =
        switch (rnd.nextInt(3)) {
          case 0 -> ContributionPolicy.open();
          case 1 ->
              new ContributionPolicy(
                  ContributionPolicy.Admission.OPEN, ContributionPolicy.Review.CURATORS, 0, STAKE);
          default ->
              new ContributionPolicy(
                  ContributionPolicy.Admission.OPEN,
                  ContributionPolicy.Review.AUTOMATIC,
                  500_000,
                  STAKE);
        };
    AccessTerms access =
        rnd.nextBoolean() ? AccessTerms.open() : new AccessTerms(AccessTerms.Mode.FEE, ACCESS_FEE);
    return new CreateDatanet(
        "d" + rnd.nextInt(6),
        "summary",
        "x".repeat(rnd.nextInt(3000)),
        List.of(),
        DataType.TEXT,
        "MIT",
        policy,
        access);
  }
}
