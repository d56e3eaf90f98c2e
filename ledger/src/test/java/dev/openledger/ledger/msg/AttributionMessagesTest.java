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
import dev.openledger.core.receipt.InclusionProof;
import dev.openledger.core.receipt.SignedReceipt;
import dev.openledger.core.receipt.UsageReceipt;
import dev.openledger.ledger.TestChains;
import dev.openledger.ledger.msg.AttributionClaim.ContributorUnits;
import dev.openledger.ledger.msg.AttributionClaim.FlaggedRow;
import dev.openledger.ledger.msg.AttributionClaim.InputHashes;
import dev.openledger.ledger.tx.SignedTransaction;
import dev.openledger.ledger.tx.TxCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every attribution message survives the codec, a signed transaction and its JSON; bad fields are
 * refused with reasons.
 */
class AttributionMessagesTest {
  static final KeyPair PROVIDER = TestChains.key("dave");
  static final Hash H1 = Hash.sha256(new byte[] {1});
  static final Hash H2 = Hash.sha256(new byte[] {2});
  static final InputHashes INPUTS = new InputHashes(H1, H2, H1, Hash.ZERO, H2, H1, H2);

  static SignedReceipt receipt() {
    Amount price = Amount.ofNano(1_000);
    UsageReceipt r =
        new UsageReceipt(
            H1,
            3,
            "cmpl-abc",
            "brown-mix",
            H2,
            TestChains.key("alice").address(),
            PROVIDER.address(),
            12,
            30,
            price,
            price.times(42),
            price.times(100));
    return SignedReceipt.sign(r, PROVIDER);
  }

  static List<Message> samples() {
    List<Address> who =
        new ArrayList<>(
            List.of(TestChains.key("bob").address(), TestChains.key("carol").address()));
    who.sort(Address::compareTo);
    AttributionClaim claim =
        new AttributionClaim(
            H1,
            INPUTS,
            1_000_000_000L,
            List.of(
                new ContributorUnits(who.get(0), 600_000_000L),
                new ContributorUnits(who.get(1), 399_999_999L)),
            List.of(new FlaggedRow(H2, who.get(1), H1)));
    return List.of(
        new AttributeInference(receipt(), H2, new InclusionProof(2, 5, List.of(H1, H2, H1)), claim),
        new SweepUnattributed(H2),
        new UpdateAttributionParams(AttributionParams.devnet(who.get(0))));
  }

  @Test
  void everyAttributionMessageRoundTripsThroughTheCodecATransactionAndJson() throws Exception {
    Set<MessageType<?>> covered = samples().stream().map(Message::type).collect(Collectors.toSet());
    assertThat(covered)
        .isEqualTo(
            MessageCodec.all().stream().filter(t -> t.tag() >> 8 == 7).collect(Collectors.toSet()));
    for (Message m : samples()) {
      CanonicalWriter w = new CanonicalWriter();
      MessageCodec.encode(m, w);
      CanonicalReader r = new CanonicalReader(w.toByteArray());
      assertThat(MessageCodec.decode(r)).as(m.type().name()).isEqualTo(m);
      r.finish();
      SignedTransaction tx = TestChains.tx(TestChains.key("dave"), 3, m);
      assertThat(TxCodec.decode(tx.encoded()).orElseThrow().body().message()).isEqualTo(m);
      JsonNode json = Json.mapper().readTree(Json.write(MessageJson.toJson(m)));
      assertThat(json.get("type").asText()).isEqualTo(m.type().name());
      assertThat(MessageJson.fromJson(json)).as(m.type().name()).isEqualTo(m);
    }
  }

  @Test
  void theLargestClaimFitsATransaction() {
    List<ContributorUnits> cs = new ArrayList<>();
    for (int i = 0; i < AttributionClaim.MAX_CONTRIBUTORS; i++) {
      cs.add(
          new ContributorUnits(KeyPair.insecureFromLabel("c" + i).address(), 1_000_000_000_000L));
    }
    cs.sort((a, b) -> a.contributor().compareTo(b.contributor()));
    List<FlaggedRow> flags = new ArrayList<>();
    for (int i = 0; i < AttributionClaim.MAX_FLAGGED; i++) {
      flags.add(new FlaggedRow(Hash.sha256(new byte[] {(byte) i}), cs.get(i).contributor(), H1));
    }
    List<Hash> path = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      path.add(H1);
    }
    AttributionClaim claim =
        new AttributionClaim(H1, INPUTS, AttributionClaim.MAX_SCALE, cs, flags);
    AttributeInference m =
        new AttributeInference(
            receipt(), H2, new InclusionProof(0, Long.MAX_VALUE / 2, path), claim);
    assertThat(TestChains.tx(PROVIDER, 3, m).encoded().length).isLessThanOrEqualTo(16 * 1024);
  }

  @Test
  void aClaimMustBeConsistentInItself() {
    Address a = TestChains.key("bob").address();
    assertThatThrownBy(() -> new AttributionClaim(H1, INPUTS, 0, List.of(), List.of()))
        .hasMessageContaining("scale");
    assertThatThrownBy(() -> new ContributorUnits(a, 0)).hasMessageContaining("at least one unit");
    assertThatThrownBy(
            () ->
                new AttributionClaim(
                    H1,
                    INPUTS,
                    5,
                    List.of(),
                    List.of(new FlaggedRow(H1, a, H2), new FlaggedRow(H1, a, H2))))
        .hasMessageContaining("listed twice");
    assertThatThrownBy(() -> new AttributionParams(a, 0, 1, 1, 1, 1))
        .hasMessageContaining("sweepAfterSeconds");
    assertThatThrownBy(() -> new AttributionParams(a, 1, 1, 10_001, 1, 1))
        .hasMessageContaining("penaltyCutBps");
    assertThat(
            new AttributionClaim(H1, INPUTS, 10, List.of(new ContributorUnits(a, 7)), List.of())
                .unallocated())
        .isEqualTo(3);
  }
}
