package dev.openledger.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.KeyPair;
import dev.openledger.core.money.Amount;
import org.junit.jupiter.api.Test;

class JsonTest {
  record Payment(Address to, Amount amount) {}

  record Note(String text, java.util.Optional<Address> about) {}

  @Test
  void valueTypesTravelAsStrings() throws Exception {
    Address to = KeyPair.insecureFromLabel("bob").address();
    String json = Json.write(new Payment(to, Amount.parse("1.5")));
    assertThat(json).isEqualTo("{\"to\":\"" + to + "\",\"amount\":\"1.5\"}");
    assertThat(Json.mapper().readValue(json, Payment.class))
        .isEqualTo(new Payment(to, Amount.parse("1.5")));
  }

  @Test
  void strictParsing() {
    Address to = KeyPair.insecureFromLabel("bob").address();
    assertThatThrownBy(
            () -> Json.mapper().readValue("{\"to\":\"" + to + "\",\"amount\":1.5}", Payment.class))
        .isInstanceOf(Exception.class);
    assertThatThrownBy(
            () ->
                Json.mapper()
                    .readValue("{\"to\":\"" + to + "\",\"amount\":\"1\",\"x\":1}", Payment.class))
        .hasMessageContaining("x");
    assertThatThrownBy(
            () -> Json.mapper().readValue("{\"to\":\"nope\",\"amount\":\"1\"}", Payment.class))
        .hasMessageContaining("invalid address");
    assertThatThrownBy(
            () -> Json.mapper().readValue("{\"amount\":\"1\",\"amount\":\"2\"}", Payment.class))
        .hasMessageContaining("Duplicate");
    assertThatThrownBy(
            () ->
                Json.mapper()
                    .readValue("{\"to\":\"" + to + "\",\"amount\":\"1\"} x", Payment.class))
        .isInstanceOf(Exception.class);
  }

  @Test
  void optionalComponentsAreValueOrNull() throws Exception {
    Address bob = KeyPair.insecureFromLabel("bob").address();
    assertThat(Json.write(new Note("hi", java.util.Optional.of(bob))))
        .isEqualTo("{\"text\":\"hi\",\"about\":\"" + bob + "\"}");
    assertThat(Json.write(new Note("hi", java.util.Optional.empty())))
        .isEqualTo("{\"text\":\"hi\",\"about\":null}");
    assertThat(Json.mapper().readValue("{\"text\":\"hi\",\"about\":null}", Note.class))
        .isEqualTo(new Note("hi", java.util.Optional.empty()));
    assertThat(
            Json.mapper()
                .readValue("{\"text\":\"hi\",\"about\":\"" + bob + "\"}", Note.class)
                .about())
        .contains(bob);
  }
}
