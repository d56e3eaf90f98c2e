package dev.openledger.ledger.msg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import dev.openledger.core.crypto.KeyPair;
import dev.openledger.core.json.Json;
import dev.openledger.core.money.Amount;
import dev.openledger.ledger.bank.BankParams;
import dev.openledger.ledger.bank.FeeSplit;
import dev.openledger.ledger.gov.GovParams;
import dev.openledger.ledger.gov.VoteSupport;
import dev.openledger.ledger.staking.PoolConfig;
import dev.openledger.ledger.staking.Purpose;
import dev.openledger.ledger.staking.SlashDestination;
import dev.openledger.ledger.staking.StakingParams;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every bank, staking and governance message survives the canonical codec and JSON unchanged. */
class EconomyMessagesTest {
  static final KeyPair V = KeyPair.insecureFromLabel("validator");
  static final Address A = KeyPair.insecureFromLabel("a").address();
  static final Address B = KeyPair.insecureFromLabel("b").address();

  static ValidatorVote vote(String value) {
    return ValidatorVote.sign(V, "openledger-devnet", 7, ValidatorVote.Kind.STATE_ROOT, Hash.sha256(value.getBytes()));
  }

  static List<Message> samples() {
    StakingParams sp = new StakingParams(1000, 500, 500, 100, 500, 60, 1000, SlashDestination.TREASURY, List.of(A, B).stream().sorted().toList());
    PoolConfig pool = new PoolConfig("flexible", 500, 0, 30, Amount.ofOpen(1), Amount.ofOpen(1000), true, true);
    return List.of(
        new Transfer(A, Amount.ofOpen(1)),
        new Burn(Amount.ofNano(1)),
        new UpdateBankParams(new BankParams(new FeeSplit(4000, 2500, 2000, 1000, 500), 2000)),
        new Spend("treasury", B, Amount.parse("2.5")),
        new Stake(1, Purpose.CURATOR, Amount.ofOpen(10)),
        new TopUp(3, Amount.ofOpen(1)),
        new Unstake(3),
        new Withdraw(3),
        new Delegate(B),
        new Slash(new Evidence.DoubleSign(vote("x"), vote("y"))),
        new Slash(new Evidence.Divergence(vote("x"), List.of(ValidatorVote.sign(KeyPair.insecureFromLabel("w"), "openledger-devnet", 7, ValidatorVote.Kind.STATE_ROOT, Hash.sha256("y".getBytes()))))),
        new Slash(new Evidence.InvalidData(A, "medical", Hash.sha256(new byte[] {1}), 5, "spam")),
        new Slash(new Evidence.FailedAudit(B, Hash.sha256(new byte[] {2}), 6, "mismatch")),
        new Unjail(Purpose.VALIDATOR),
        new CreatePool(pool),
        new UpdatePool(2, pool),
        new UpdateStakingParams(sp),
        new Propose(List.of(new Spend("community", A, Amount.ofOpen(5)), new UpdateGovParams(GovParams.defaults()), new UpdatePool(1, pool)), "fund and tune"),
        new Vote(1, VoteSupport.ABSTAIN, "no view"),
        new Queue(1),
        new Execute(1),
        new Cancel(1),
        new UpdateGovParams(GovParams.defaults()));
  }

  @Test
  void everyEconomyMessageRoundTripsThroughTheCodecAndJson() throws Exception {
    Set<String> covered = new HashSet<>();
    for (Message m : samples()) {
      covered.add(m.type().name());
      CanonicalWriter w = new CanonicalWriter();
      MessageCodec.encode(m, w);
      CanonicalReader r = new CanonicalReader(w.toByteArray());
      assertThat(MessageCodec.decode(r)).as(m.type().name()).isEqualTo(m);
      r.finish();
      JsonNode json = Json.mapper().readTree(Json.write(MessageJson.toJson(m)));
      assertThat(json.get("type").asText()).isEqualTo(m.type().name());
      assertThat(MessageJson.fromJson(json)).as(m.type().name()).isEqualTo(m);
    }
    for (MessageType<?> t : MessageCodec.all()) {
      if (t.tag() >> 8 <= 3) {
        assertThat(covered).as("no sample of " + t.name()).contains(t.name());
      }
    }
  }

  @Test
  void aProposalCannotCarryGovernanceLifecycleMessagesAndJsonErrorsSayWhy() {
    assertThatThrownBy(() -> new Propose(List.of(new Vote(1, VoteSupport.FOR, "")), "x")).hasMessageContaining("cannot carry gov/vote");
    assertThatThrownBy(() -> new Propose(List.of(), "x")).hasMessageContaining("1..16");
    assertThatThrownBy(() -> MessageJson.fromJson(Json.mapper().createObjectNode().put("type", "bank/nope"))).hasMessageContaining("unknown message type");
    assertThatThrownBy(() -> MessageJson.fromJson(Json.mapper().createObjectNode().put("type", "bank/spend").put("account", "treasury")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("bank/spend");
    assertThatThrownBy(() -> new Evidence.DoubleSign(vote("x"), vote("x"))).hasMessageContaining("two different values");
  }

  @Test
  void reportersAreSortedFromJsonButMustBeSortedOnTheWire() throws Exception {
    List<Address> unsorted = A.compareTo(B) < 0 ? List.of(B, A) : List.of(A, B);
    String json = "{\"invalidDataSlashBps\":1,\"failedAuditSlashBps\":1,\"doubleSignSlashBps\":1,\"divergenceSlashBps\":1,\"invalidBlockSlashBps\":1,\"jailSeconds\":1,"
        + "\"maxEvidenceAgeBlocks\":1,\"slashDestination\":\"BURN\",\"reporters\":[\"" + unsorted.get(0) + "\",\"" + unsorted.get(1) + "\"]}";
    StakingParams p = Json.mapper().readValue(json, StakingParams.class);
    assertThat(p.reporters()).isSorted();
    CanonicalWriter w = new CanonicalWriter();
    w.varint(1).varint(1).varint(1).varint(1).varint(1).varint(1).varint(1).u8(0).varint(2).address(unsorted.get(0)).address(unsorted.get(1));
    assertThatThrownBy(() -> StakingParams.decode(new CanonicalReader(w.toByteArray()))).isInstanceOf(IllegalArgumentException.class);
  }
}
