package dev.openledger.node.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OpenSslSpeedTest {
  @Test
  void readsTheVerifyRateFromOpenSslOutput() {
    String out =
        "Doing 253 bits sign Ed25519 ops for 3s: 130709 253 bits Ed25519 signs in 3.00s \n"
            + "                              sign    verify    sign/s verify/s\n"
            + " 253 bits EdDSA (Ed25519)   0.0000s   0.0001s  43569.6  15313.3\n";
    assertThat(OpenSslSpeed.parse(out)).contains(15313.3);
    assertThat(OpenSslSpeed.parse("no such algorithm")).isEmpty();
  }
}
