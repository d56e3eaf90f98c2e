package dev.openledger.core.receipt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.openledger.core.codec.DecodeException;
import dev.openledger.core.crypto.Hash;
import dev.openledger.core.crypto.KeyPair;
import dev.openledger.core.money.Amount;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Receipt signing and encoding, and receipt trees with inclusion proofs. */
class ReceiptTest {

  @Test
  void aSignedReceiptRoundTripsAndVerifies() throws DecodeException {
    SignedReceipt s =
        SignedReceipt.sign(
            Receipts.receipt(1, "cmpl-a", 5, 9, Amount.ofNano(98)), Receipts.PROVIDER);
    assertThat(s.verify()).isTrue();
    SignedReceipt back = SignedReceipt.fromHex(s.toHex());
    assertThat(back).isEqualTo(s);
    assertThat(back.verify()).isTrue();
  }

  @Test
  void aReceiptAlteredAfterSigningOrSignedByAnotherKeyFailsVerification() {
    SignedReceipt s =
        SignedReceipt.sign(
            Receipts.receipt(1, "cmpl-a", 5, 9, Amount.ofNano(98)), Receipts.PROVIDER);
    SignedReceipt fewerTokens =
        new SignedReceipt(
            Receipts.receipt(1, "cmpl-a", 5, 8, Amount.ofNano(91)), s.providerKey(), s.signature());
    assertThat(fewerTokens.verify()).isFalse();
    KeyPair mallory = KeyPair.insecureFromLabel("mallory");
    SignedReceipt wrongKey =
        new SignedReceipt(
            s.receipt(), mallory.publicKey(), mallory.sign(s.receipt().signingBytes()));
    assertThat(wrongKey.verify()).isFalse(); // mallory's address is not the receipt's provider
    assertThatThrownBy(() -> SignedReceipt.sign(s.receipt(), mallory))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void receiptsCheckTheirOwnArithmetic() {
    Amount price = Amount.ofNano(7);
    assertThatThrownBy(
            () ->
                new UsageReceipt(
                    Receipts.CHANNEL,
                    1,
                    "x",
                    "m",
                    Hash.ZERO,
                    Receipts.CALLER,
                    Receipts.PROVIDER.address(),
                    1,
                    1,
                    price,
                    Amount.ofNano(13),
                    Amount.ofNano(13)))
        .hasMessageContaining("not (prompt + completion tokens) x price");
    assertThatThrownBy(() -> Receipts.receipt(0, "x", 1, 1, Amount.ofNano(14)))
        .hasMessageContaining("start at 1");
  }

  @Test
  void truncatedOrPaddedEncodingsAreRejected() {
    byte[] enc =
        SignedReceipt.sign(
                Receipts.receipt(1, "cmpl-a", 5, 9, Amount.ofNano(98)), Receipts.PROVIDER)
            .encode();
    assertThatThrownBy(() -> SignedReceipt.decode(java.util.Arrays.copyOf(enc, enc.length - 1)))
        .isInstanceOf(DecodeException.class);
    assertThatThrownBy(() -> SignedReceipt.decode(java.util.Arrays.copyOf(enc, enc.length + 1)))
        .isInstanceOf(DecodeException.class);
  }

  @Property(tries = 40)
  void everyReceiptProvesAgainstTheRootAndAForgedOneDoesNot(
      @ForAll @IntRange(min = 1, max = 40) int n, @ForAll @IntRange(min = 0, max = 39) int pick) {
    List<SignedReceipt> rs = Receipts.chain(n);
    ReceiptTree tree = new ReceiptTree(rs);
    for (int i = 0; i < n; i++) {
      assertThat(ReceiptTree.verify(tree.root(), rs.get(i), tree.proof(i))).isTrue();
    }
    int i = pick % n;
    SignedReceipt real = rs.get(i);
    UsageReceipt r = real.receipt();
    // the provider re-signs an inflated receipt: the signature is valid, but the leaf is not in the
    // settled tree
    SignedReceipt forged =
        SignedReceipt.sign(
            Receipts.receipt(
                r.nonce(),
                r.requestId(),
                r.promptTokens(),
                r.completionTokens() + 1,
                r.cumulativeCharged().plus(Amount.ofNano(7))),
            Receipts.PROVIDER);
    assertThat(forged.verify()).isTrue();
    assertThat(ReceiptTree.verify(tree.root(), forged, tree.proof(i))).isFalse();
    if (n > 1) {
      // a real receipt with another leaf's proof fails too
      assertThat(ReceiptTree.verify(tree.root(), real, tree.proof((i + 1) % n))).isFalse();
    }
  }

  @Test
  void theTreeHasRfc6962Shape() {
    List<SignedReceipt> rs = Receipts.chain(3);
    Hash l0 = ReceiptTree.leafHash(rs.get(0));
    Hash l1 = ReceiptTree.leafHash(rs.get(1));
    Hash l2 = ReceiptTree.leafHash(rs.get(2));
    Hash left = Hash.sha256(new byte[] {1}, l0.bytes(), l1.bytes());
    assertThat(new ReceiptTree(rs).root())
        .isEqualTo(Hash.sha256(new byte[] {1}, left.bytes(), l2.bytes()));
    assertThat(new ReceiptTree(rs.subList(0, 1)).root()).isEqualTo(l0);
  }
}
