package dev.openledger.ledger.model;

import static dev.openledger.ledger.RegistryDriver.GOV;
import static dev.openledger.ledger.RegistryDriver.key;
import static org.assertj.core.api.Assertions.assertThat;

import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import dev.openledger.core.crypto.KeyPair;
import dev.openledger.core.money.Amount;
import dev.openledger.ledger.RegistryDriver;
import dev.openledger.ledger.TestChains;
import dev.openledger.ledger.datanet.DatanetIds;
import dev.openledger.ledger.msg.AccessTerms;
import dev.openledger.ledger.msg.ApproveModel;
import dev.openledger.ledger.msg.ContributionPolicy;
import dev.openledger.ledger.msg.CreateDatanet;
import dev.openledger.ledger.msg.DataType;
import dev.openledger.ledger.msg.DatanetVersionRef;
import dev.openledger.ledger.msg.EvalMetric;
import dev.openledger.ledger.msg.GrantAccess;
import dev.openledger.ledger.msg.ModelParams;
import dev.openledger.ledger.msg.ProposeModel;
import dev.openledger.ledger.msg.PublishVersion;
import dev.openledger.ledger.msg.RegisterModel;
import dev.openledger.ledger.msg.RejectModel;
import dev.openledger.ledger.msg.RetireModel;
import dev.openledger.ledger.msg.ReviewContribution;
import dev.openledger.ledger.msg.SetInferencePrice;
import dev.openledger.ledger.msg.SubmitContribution;
import dev.openledger.ledger.msg.Transfer;
import dev.openledger.ledger.msg.UpdateModelParams;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ModelRegistryTest {
  final KeyPair alice = key("alice");
  final KeyPair bob = key("bob");
  final KeyPair carol = key("carol");
  final KeyPair dave = key("dave");
  final Hash root = Hash.sha256("root of press v1".getBytes(StandardCharsets.UTF_8));
  RegistryDriver chain;
  Hash press;
  Hash restricted;

  @BeforeEach
  void publishTwoDatanets() {
    chain = new RegistryDriver(RegistryDriver.datanetParams(), RegistryDriver.modelParams(false));
    press = publish("press", AccessTerms.open());
    restricted = publish("restricted", new AccessTerms(AccessTerms.Mode.GRANT, Amount.ZERO));
    chain.ok(alice, new Transfer(GOV.address(), Amount.ofOpen(10)));
  }

  private Hash publish(String name, AccessTerms access) {
    chain.ok(
        alice,
        new CreateDatanet(
            name,
            "summary",
            "",
            List.of(),
            DataType.TEXT,
            "CC0-1.0",
            ContributionPolicy.open(),
            access));
    Hash id = DatanetIds.datanet(alice.address(), name);
    Hash content = Hash.sha256(name.getBytes(StandardCharsets.UTF_8));
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
    return id;
  }

  static RegisterModel registration(
      String name, int version, Address developer, List<DatanetVersionRef> datanets) {
    List<EvalMetric> metrics =
        datanets.stream()
            .map(d -> new EvalMetric(d.datanetId(), d.version(), 500, 80_000, 41_500))
            .toList();
    return new RegisterModel(
        name,
        version,
        Hash.sha256(new byte[] {1}),
        Hash.sha256(new byte[] {2}),
        datanets,
        Hash.sha256(new byte[] {3}),
        metrics,
        developer,
        Hash.sha256(new byte[] {4}));
  }

  RegisterModel onPress(String name, int version, KeyPair developer) {
    return registration(
        name, version, developer.address(), List.of(new DatanetVersionRef(press, 1, root)));
  }

  RegisteredModel model(String name, int version) {
    return chain.models().model(chain.state(), name, version).orElseThrow();
  }

  @Test
  void registrationChecksTheDeveloperTheLineageAndAccess() {
    assertThat(chain.fails(dave, onPress("legal", 1, carol), "unauthorized"))
        .contains(carol.address().toString());
    String unknown =
        chain.fails(
            carol,
            registration(
                "legal", 1, carol.address(), List.of(new DatanetVersionRef(press, 2, root))),
            "unknown_datanet_version");
    assertThat(unknown).contains(press.toHex() + "@2").contains("latest: 1");
    chain.fails(
        carol,
        registration(
            "legal", 1, carol.address(), List.of(new DatanetVersionRef(press, 1, Hash.ZERO))),
        "root_mismatch");
    chain.fails(
        carol,
        registration(
            "legal", 1, carol.address(), List.of(new DatanetVersionRef(Hash.ZERO, 1, root))),
        "unknown_datanet");
    List<DatanetVersionRef> both =
        List.of(new DatanetVersionRef(press, 1, root), new DatanetVersionRef(restricted, 1, root));
    chain.fails(carol, registration("legal", 1, carol.address(), both), "access_denied");
    chain.ok(alice, new GrantAccess(restricted, carol.address(), true));

    Amount before = chain.balance(carol);
    chain.ok(carol, registration("legal", 1, carol.address(), both));
    assertThat(before.minus(chain.balance(carol))).isEqualTo(Amount.ofOpen(1).plus(TestChains.FEE));
    RegisteredModel m = model("legal", 1);
    assertThat(m.state()).isEqualTo(ModelState.REGISTERED);
    assertThat(m.registration()).isEqualTo(registration("legal", 1, carol.address(), both));
    assertThat(m.pricePer1kTokens()).isEqualTo(Amount.parse("0.01"));

    assertThat(chain.fails(carol, onPress("legal", 1, carol), "bad_version")).contains("is 2");
    chain.fails(carol, onPress("legal", 3, carol), "bad_version");
    assertThat(chain.fails(dave, onPress("legal", 2, dave), "name_taken"))
        .contains(carol.address().toString());
    chain.ok(carol, onPress("legal", 2, carol));
    assertThat(chain.models().versions(chain.state(), "legal"))
        .extracting(RegisteredModel::version)
        .containsExactly(1, 2);
    assertThat(chain.models().latest(chain.state(), "legal").orElseThrow().version()).isEqualTo(2);
  }

  @Test
  void proposalsMoveThroughTheStatesByTheirRightfulParties() {
    chain.ok(carol, onPress("news", 1, carol));
    chain.fails(GOV, new ApproveModel("news", 1), "bad_state"); // not proposed yet
    chain.fails(dave, new ProposeModel("news", 1), "unauthorized");
    chain.ok(carol, new ProposeModel("news", 1));
    assertThat(model("news", 1).state()).isEqualTo(ModelState.PROPOSED);
    chain.fails(carol, new ProposeModel("news", 1), "bad_state");
    assertThat(chain.fails(carol, new ApproveModel("news", 1), "unauthorized"))
        .contains(GOV.address().toString());
    chain.ok(GOV, new ApproveModel("news", 1));
    assertThat(model("news", 1).state()).isEqualTo(ModelState.APPROVED);
    chain.fails(GOV, new RejectModel("news", 1, "too late"), "bad_state");
    chain.fails(dave, new RetireModel("news", 1, "mine now"), "unauthorized");
    chain.ok(carol, new RetireModel("news", 1, "superseded"));
    RegisteredModel retired = model("news", 1);
    assertThat(retired.history())
        .extracting(Transition::to)
        .containsExactly(
            ModelState.REGISTERED, ModelState.PROPOSED, ModelState.APPROVED, ModelState.RETIRED);
    assertThat(retired.history().get(2).by()).isEqualTo(GOV.address());
    chain.fails(carol, new RetireModel("news", 1, "again"), "bad_state");
    chain.fails(carol, new SetInferencePrice("news", 1, Amount.parse("0.5")), "bad_state");

    chain.ok(carol, onPress("news", 2, carol));
    chain.ok(carol, new ProposeModel("news", 2));
    chain.fails(carol, new RejectModel("news", 2, "self-reject"), "unauthorized");
    chain.ok(GOV, new RejectModel("news", 2, "evaluation does not hold up"));
    assertThat(model("news", 2).state()).isEqualTo(ModelState.REJECTED);
    assertThat(model("news", 2).history().get(2).note()).isEqualTo("evaluation does not hold up");
    chain.fails(carol, new ProposeModel("news", 2), "bad_state");
    chain.fails(GOV, new RetireModel("news", 2, "x"), "bad_state");

    chain.ok(carol, onPress("news", 3, carol));
    chain.ok(GOV, new RetireModel("news", 3, "withdrawn by governance"));
    chain.fails(GOV, new ApproveModel("news", 9), "unknown_model");

    assertThat(chain.models().list(chain.state(), Optional.of(ModelState.RETIRED)))
        .extracting(RegisteredModel::label)
        .containsExactly("news@1", "news@3");
    assertThat(chain.models().list(chain.state(), Optional.of(ModelState.REJECTED)))
        .extracting(RegisteredModel::label)
        .containsExactly("news@2");
    assertThat(chain.models().list(chain.state(), Optional.empty())).hasSize(3);
  }

  @Test
  void withAutoApproveAProposalIsApprovedAtOnce() {
    RegistryDriver devnet =
        new RegistryDriver(RegistryDriver.datanetParams(), RegistryDriver.modelParams(true));
    chain = devnet;
    press = publish("press", AccessTerms.open());
    chain.ok(carol, onPress("auto", 1, carol));
    chain.ok(carol, new ProposeModel("auto", 1));
    RegisteredModel m = model("auto", 1);
    assertThat(m.state()).isEqualTo(ModelState.APPROVED);
    assertThat(m.history().get(2).note()).contains("autoApprove");
  }

  @Test
  void theDeveloperPricesWithinTheGovernanceBounds() {
    chain.ok(carol, onPress("priced", 1, carol));
    chain.fails(dave, new SetInferencePrice("priced", 1, Amount.parse("0.5")), "unauthorized");
    assertThat(
            chain.fails(
                carol,
                new SetInferencePrice("priced", 1, Amount.parse("11")),
                "price_out_of_bounds"))
        .contains("[0.0001 OPEN, 10 OPEN]");
    chain.fails(carol, new SetInferencePrice("priced", 1, Amount.ZERO), "price_out_of_bounds");
    chain.ok(carol, new SetInferencePrice("priced", 1, Amount.parse("2.5")));
    RegisteredModel m = model("priced", 1);
    assertThat(m.pricePer1kTokens()).isEqualTo(Amount.parse("2.5"));

    ModelParams p = chain.models().params(chain.state());
    ModelParams lower =
        new ModelParams(
            p.authority(),
            p.autoApprove(),
            p.registerFee(),
            p.minInferencePrice(),
            p.defaultInferencePrice(),
            Amount.ofOpen(1));
    chain.fails(carol, new UpdateModelParams(lower), "unauthorized");
    chain.ok(GOV, new UpdateModelParams(lower));
    assertThat(chain.models().effectivePrice(chain.state(), model("priced", 1)))
        .isEqualTo(Amount.ofOpen(1));
  }

  @Test
  void lineageResolvesEachDatanetVersion() {
    chain.ok(alice, new GrantAccess(restricted, carol.address(), true));
    chain.ok(
        carol,
        registration(
            "both",
            1,
            carol.address(),
            List.of(
                new DatanetVersionRef(press, 1, root),
                new DatanetVersionRef(restricted, 1, root))));
    Lineage l = chain.models().lineage(chain.state(), "both", 1).orElseThrow();
    assertThat(l.datanets())
        .extracting(Lineage.Source::datanetName)
        .containsExactly("press", "restricted");
    assertThat(l.datanets())
        .allSatisfy(
            s -> {
              assertThat(s.owner()).isEqualTo(alice.address());
              assertThat(s.rows()).isEqualTo(3);
              assertThat(s.contributions()).isEqualTo(1);
              assertThat(s.metric().adapterPerplexityMilli()).isEqualTo(41_500);
            });
    assertThat(chain.models().lineage(chain.state(), "both", 2)).isEmpty();
  }

  @Test
  void theTransitionTableIsExactlyTheDocumentedOne() {
    String allowed = "";
    for (ModelState from : ModelState.values()) {
      for (ModelState to : ModelState.values()) {
        if (from.canMoveTo(to)) {
          allowed += from.label() + ">" + to.label() + " ";
        }
      }
    }
    assertThat(allowed.trim())
        .isEqualTo(
            "registered>proposed registered>retired proposed>approved proposed>rejected proposed>retired approved>retired");
  }
}
