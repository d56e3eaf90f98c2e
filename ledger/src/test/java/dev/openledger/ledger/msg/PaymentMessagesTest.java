package dev.openledger.ledger.msg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import dev.openledger.core.json.Json;
import dev.openledger.core.money.Amount;
import dev.openledger.ledger.TestChains;
import dev.openledger.ledger.msg.SettleUsage.ChannelClaim;
import dev.openledger.ledger.msg.SettleUsage.ModelCharge;
import dev.openledger.ledger.tx.SignedTransaction;
import dev.openledger.ledger.tx.TxCodec;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every payment message survives the codec, a signed transaction and its JSON; bad fields are
 * refused with reasons.
 */
class PaymentMessagesTest {
  static final Address A = TestChains.key("alice").address();
  static final Hash H1 = Hash.sha256(new byte[] {1});
  static final Hash H2 = Hash.sha256(new byte[] {2});

  static List<Message> samples() {
    return List.of(
        new OpenPaymentChannel(A, Amount.ofOpen(10)),
        new TopUpChannel(H1, Amount.parse("0.5")),
        new CloseChannel(H1),
        new WithdrawChannel(H2),
        new BindApiKey(H1),
        new UnbindApiKey(H2),
        new SettleUsage(
            H2,
            3,
            List.of(
                new ChannelClaim(H1, 7, Amount.ofNano(900)),
                new ChannelClaim(H2, 1, Amount.ofNano(100))),
            List.of(
                new ModelCharge("brown-mix", 1, 2, Amount.ofNano(700)),
                new ModelCharge("brown-mix", 2, 1, Amount.ofNano(300)))),
        new UpdatePaymentParams(PaymentParams.devnet(A)));
  }

  @Test
  void everyPaymentMessageRoundTripsThroughTheCodecATransactionAndJson() throws Exception {
    Set<MessageType<?>> covered = samples().stream().map(Message::type).collect(Collectors.toSet());
    assertThat(covered)
        .isEqualTo(
            MessageCodec.all().stream().filter(t -> t.tag() >> 8 == 6).collect(Collectors.toSet()));
    for (Message m : samples()) {
      CanonicalWriter w = new CanonicalWriter();
      MessageCodec.encode(m, w);
      CanonicalReader r = new CanonicalReader(w.toByteArray());
      assertThat(MessageCodec.decode(r)).as(m.type().name()).isEqualTo(m);
      r.finish();
      SignedTransaction tx = TestChains.tx(TestChains.key("alice"), 3, m);
      assertThat(TxCodec.decode(tx.encoded()).orElseThrow().body().message()).isEqualTo(m);
      JsonNode json = Json.mapper().readTree(Json.write(MessageJson.toJson(m)));
      assertThat(json.get("type").asText()).isEqualTo(m.type().name());
      assertThat(MessageJson.fromJson(json)).as(m.type().name()).isEqualTo(m);
    }
  }

  @Test
  void aSettlementMustBeConsistentInItself() {
    ChannelClaim c = new ChannelClaim(H1, 1, Amount.ofNano(5));
    ModelCharge m = new ModelCharge("m", 1, 1, Amount.ofNano(5));
    assertThatThrownBy(() -> new SettleUsage(H1, 2, List.of(c), List.of(m)))
        .hasMessageContaining("receipt count");
    assertThatThrownBy(() -> new SettleUsage(H1, 1, List.of(c, c), List.of(m)))
        .hasMessageContaining("listed twice");
    assertThatThrownBy(() -> new SettleUsage(H1, 2, List.of(c), List.of(m, m)))
        .hasMessageContaining("listed twice");
    assertThatThrownBy(() -> new SettleUsage(H1, 0, List.of(), List.of(m)))
        .hasMessageContaining("1 to 200 channels");
    assertThatThrownBy(() -> new ChannelClaim(H1, 0, Amount.ZERO))
        .hasMessageContaining("start at 1");
    assertThatThrownBy(() -> new ModelCharge("Bad Name", 1, 1, Amount.ZERO))
        .hasMessageContaining("model name");
    assertThatThrownBy(() -> new ModelCharge("m", 1, 0, Amount.ZERO))
        .hasMessageContaining("at least one receipt");
    assertThatThrownBy(() -> new OpenPaymentChannel(A, Amount.ZERO))
        .hasMessageContaining("positive");
    assertThatThrownBy(() -> new PaymentParams(A, 0, Amount.ZERO, 1))
        .hasMessageContaining("closeTimeoutSeconds");
  }

  @Test
  void aSettlementOfTheMostChannelsAndModelsFitsATransaction() {
    List<ChannelClaim> channels = new java.util.ArrayList<>();
    for (int i = 0; i < SettleUsage.MAX_CHANNELS; i++) {
      channels.add(
          new ChannelClaim(
              Hash.sha256(new byte[] {(byte) i, (byte) (i >> 8)}),
              Long.MAX_VALUE / 2,
              Amount.MAX_SUPPLY));
    }
    List<ModelCharge> models = new java.util.ArrayList<>();
    for (int i = 0; i < SettleUsage.MAX_MODELS; i++) {
      models.add(
          new ModelCharge(
              "a-model-name-of-forty-characters-" + String.format("%07d", i),
              Integer.MAX_VALUE,
              1,
              Amount.ZERO));
    }
    SettleUsage m = new SettleUsage(H1, SettleUsage.MAX_MODELS, channels, models);
    assertThat(TestChains.tx(TestChains.key("alice"), 3, m).encoded().length)
        .isLessThanOrEqualTo(16 * 1024);
  }
}
