package dev.openledger.ledger.membership;

import static dev.openledger.ledger.EconomyHarness.ALICE;
import static dev.openledger.ledger.EconomyHarness.BOB;
import static dev.openledger.ledger.EconomyHarness.DAVE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openledger.core.crypto.KeyPair;
import dev.openledger.core.money.Amount;
import dev.openledger.ledger.EconomyHarness;
import dev.openledger.ledger.block.Event;
import dev.openledger.ledger.block.Receipt;
import dev.openledger.ledger.genesis.GenesisFile.GenesisJson;
import dev.openledger.ledger.gov.Proposal;
import dev.openledger.ledger.gov.VoteSupport;
import dev.openledger.ledger.msg.AddValidator;
import dev.openledger.ledger.msg.Execute;
import dev.openledger.ledger.msg.Message;
import dev.openledger.ledger.msg.Propose;
import dev.openledger.ledger.msg.Queue;
import dev.openledger.ledger.msg.RemoveValidator;
import dev.openledger.ledger.msg.Stake;
import dev.openledger.ledger.msg.Vote;
import dev.openledger.ledger.staking.Purpose;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The {@code cluster} module: the validator set from genesis, changed only by a passed proposal, and the
 * validator set that staking counts (stakers outside it are not validators).
 */
class MembershipModuleTest {
  static final KeyPair N1 = KeyPair.insecureFromLabel("member-n1");
  static final KeyPair N2 = KeyPair.insecureFromLabel("member-n2");
  static final KeyPair N3 = KeyPair.insecureFromLabel("member-n3");

  /** The devnet with validators n1 = alice's key, n2, n3 and alice holding voting power. */
  static EconomyHarness cluster() {
    return EconomyHarness.devnet(g -> {
      List<Validator> vs = List.of(Validator.of("n1", ALICE.publicKey()), Validator.of("n2", N2.publicKey()), Validator.of("n3", N3.publicKey()));
      g.modules().put(ClusterSpec.SECTION, new ClusterSpec(new ValidatorSet(0, vs)).toJson());
      ObjectNode gov = EconomyHarness.params(g, "gov");
      gov.put("votingDelaySeconds", 0).put("timelockSeconds", 0);
    });
  }

  /** Passes a proposal of {@code messages} (alice's power decides) and returns the execution's receipt. */
  static Receipt pass(EconomyHarness h, Message... messages) {
    Receipt r = h.ok(ALICE, new Propose(List.of(messages), "validators"));
    long id = Long.parseLong(r.events().stream().filter(e -> e.type().equals("gov.propose")).findFirst().orElseThrow().get("proposal"));
    Proposal p = h.gov().proposal(h.state(), id).orElseThrow();
    h.runAt(p.snapshotMillis() + 1, ALICE, new Vote(id, VoteSupport.FOR, ""));
    h.runAt(p.deadlineMillis() + 1, BOB, new Queue(id));
    return h.runAt(h.gov().proposal(h.state(), id).orElseThrow().etaMillis(), BOB, new Execute(id));
  }

  static MembershipModule module(EconomyHarness h) {
    return h.chain().module(MembershipModule.class);
  }

  static Optional<Event> failure(Receipt r) {
    return r.events().stream().filter(e -> e.type().equals("gov.execution_failed")).findFirst();
  }

  @Test
  void onlyAPassedProposalChangesTheSetAndStakingCountsOnlyItsMembers() {
    EconomyHarness h = cluster();
    h.ok(ALICE, new Stake(1, Purpose.GENERAL, Amount.ofOpen(1000)));
    h.ok(ALICE, new Stake(1, Purpose.VALIDATOR, Amount.ofOpen(500)));
    h.ok(DAVE, new Stake(1, Purpose.VALIDATOR, Amount.ofOpen(500))); // validator stake, but not in the set
    assertThat(module(h).validators(h.state()).orElseThrow().version()).isZero();
    assertThat(h.staking().validators(h.state(), h.now())).containsOnlyKeys(ALICE.address());

    AddValidator addDave = new AddValidator("n4", DAVE.publicKey(), "127.0.0.1:9864");
    Receipt direct = h.run(DAVE, addDave);
    assertThat(direct.code()).isEqualTo("unauthorized");
    assertThat(direct.message()).contains("governance");
    assertThat(h.run(ALICE, new RemoveValidator("n2")).code()).isEqualTo("unauthorized");
    assertThat(module(h).validators(h.state()).orElseThrow().version()).isZero();

    Receipt added = pass(h, addDave);
    assertThat(failure(added)).isEmpty();
    assertThat(added.events()).anyMatch(e -> e.type().equals("cluster.validator_added") && e.get("id").equals("n4") && e.get("raft").equals("127.0.0.1:9864"));
    ValidatorSet set = module(h).validators(h.state()).orElseThrow();
    assertThat(set.version()).isEqualTo(1);
    assertThat(set.members()).extracting(Validator::id).containsExactly("n1", "n2", "n3", "n4");
    assertThat(h.staking().validators(h.state(), h.now())).containsOnlyKeys(ALICE.address(), DAVE.address());

    // refusals inside a proposal: the proposal records the failure and nothing changes
    assertThat(failure(pass(h, new AddValidator("n5", DAVE.publicKey(), "127.0.0.1:1")))).hasValueSatisfying(e -> assertThat(e.get("code")).isEqualTo("exists"));
    assertThat(failure(pass(h, new RemoveValidator("n9")))).hasValueSatisfying(e -> assertThat(e.get("code")).isEqualTo("unknown_validator"));
    assertThat(module(h).validators(h.state()).orElseThrow().version()).isEqualTo(1);

    Receipt removed = pass(h, new RemoveValidator("n4"), new RemoveValidator("n2"));
    assertThat(failure(removed)).isEmpty();
    assertThat(module(h).validators(h.state()).orElseThrow().members()).extracting(Validator::id).containsExactly("n1", "n3");
    assertThat(module(h).validators(h.state()).orElseThrow().version()).isEqualTo(3);
    assertThat(h.staking().validators(h.state(), h.now())).containsOnlyKeys(ALICE.address());
  }

  @Test
  void theLastValidatorStaysAndAChainWithoutASetRefusesChanges() {
    EconomyHarness h = EconomyHarness.devnet(g -> EconomyHarness.params(g, "gov").put("votingDelaySeconds", 0).put("timelockSeconds", 0));
    h.ok(ALICE, new Stake(1, Purpose.GENERAL, Amount.ofOpen(1000)));
    assertThat(module(h).validators(h.state())).isEmpty();
    assertThat(failure(pass(h, new AddValidator("n1", N1.publicKey(), "127.0.0.1:1")))).hasValueSatisfying(e -> assertThat(e.get("code")).isEqualTo("not_a_cluster"));

    EconomyHarness c = cluster();
    c.ok(ALICE, new Stake(1, Purpose.GENERAL, Amount.ofOpen(1000)));
    List<Message> all = new ArrayList<>();
    for (String id : List.of("n1", "n2", "n3")) {
      all.add(new RemoveValidator(id));
    }
    assertThat(failure(pass(c, all.toArray(Message[]::new)))).hasValueSatisfying(e -> assertThat(e.get("code")).isEqualTo("last_validator"));
    assertThat(module(c).validators(c.state()).orElseThrow().members()).hasSize(3);
  }
}
