package dev.openledger.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.openledger.core.Hex;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class KeysTest {

  /** RFC 8032 section 7.1, TEST 1 (empty message). */
  @Test
  void matchesRfc8032TestVector() {
    KeyPair kp =
        KeyPair.fromSeed(
            Hex.decode("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));
    assertThat(kp.publicKey().toHex())
        .isEqualTo("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
    Signature sig = kp.sign(new byte[0]);
    assertThat(sig.toHex())
        .isEqualTo(
            "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
                + "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
    assertThat(kp.publicKey().verify(new byte[0], sig)).isTrue();
  }

  @Test
  void verificationFailsForOtherMessageKeyOrSignature() {
    KeyPair a = KeyPair.insecureFromLabel("a");
    KeyPair b = KeyPair.insecureFromLabel("b");
    byte[] msg = "pay 5 OPEN".getBytes(StandardCharsets.UTF_8);
    Signature sig = a.sign(msg);
    assertThat(a.publicKey().verify(msg, sig)).isTrue();
    assertThat(b.publicKey().verify(msg, sig)).isFalse();
    assertThat(a.publicKey().verify("pay 6 OPEN".getBytes(StandardCharsets.UTF_8), sig)).isFalse();
    byte[] tampered = sig.bytes();
    tampered[10] ^= 1;
    assertThat(a.publicKey().verify(msg, Signature.wrap(tampered))).isFalse();
  }

  @Test
  void insecureKeysAreDeterministicAndDistinct() {
    assertThat(KeyPair.insecureFromLabel("x").address())
        .isEqualTo(KeyPair.insecureFromLabel("x").address());
    assertThat(KeyPair.insecureFromLabel("x").address())
        .isNotEqualTo(KeyPair.insecureFromLabel("y").address());
  }

  @Test
  void toStringNeverShowsTheSeed() {
    KeyPair kp = KeyPair.insecureFromLabel("secret");
    assertThat(kp.toString()).doesNotContain(Hex.encode(kp.exportSeed()));
  }

  @Test
  void addressTextRoundTripsAndRejectsTypos() {
    Address addr = KeyPair.insecureFromLabel("alice").address();
    String text = addr.toString();
    assertThat(text).startsWith("ol1");
    assertThat(Address.parse(text)).isEqualTo(addr);
    assertThat(Address.parse(text.toUpperCase())).isEqualTo(addr);
    char last = text.charAt(text.length() - 1);
    String typo = text.substring(0, text.length() - 1) + (last == 'q' ? 'p' : 'q');
    assertThatThrownBy(() -> Address.parse(typo))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("checksum");
    assertThatThrownBy(() -> Address.parse("xx1" + text.substring(3)))
        .hasMessageContaining("prefix");
    assertThat(Address.tryParse("hello")).isEmpty();
  }

  @Property(tries = 200)
  void anySingleCharacterChangeIsDetected(
      @ForAll @IntRange(min = 0, max = 1000) int label,
      @ForAll @IntRange(min = 3, max = 40) int pos) {
    String text = KeyPair.insecureFromLabel("k" + label).address().toString();
    int p = Math.min(pos, text.length() - 1);
    char c = text.charAt(p);
    String charset = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
    char other = charset.charAt((charset.indexOf(c) + 1) % 32);
    String changed = text.substring(0, p) + other + text.substring(p + 1);
    assertThat(Address.tryParse(changed)).isEmpty();
  }

  @Test
  void rejectsPublicKeysOffTheCurve() {
    byte[] bad = new byte[32];
    java.util.Arrays.fill(bad, (byte) 0xff);
    assertThatThrownBy(() -> PublicKey.wrap(bad)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void hashOrderingAndHex() {
    Hash h = Hash.sha256("abc".getBytes(StandardCharsets.UTF_8));
    assertThat(h.toHex())
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assertThat(Hash.fromHex(h.toHex())).isEqualTo(h);
    assertThat(Hash.ZERO.compareTo(h)).isNegative();
  }
}
