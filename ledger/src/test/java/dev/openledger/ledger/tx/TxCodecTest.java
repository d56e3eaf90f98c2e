package dev.openledger.ledger.tx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openledger.core.Result;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.KeyPair;
import dev.openledger.core.money.Amount;
import dev.openledger.ledger.msg.Burn;
import dev.openledger.ledger.msg.Message;
import dev.openledger.ledger.msg.Transfer;
import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class TxCodecTest {
  static final KeyPair[] KEYS = {
    KeyPair.insecureFromLabel("t0"),
    KeyPair.insecureFromLabel("t1"),
    KeyPair.insecureFromLabel("t2")
  };

  @Provide
  Arbitrary<Transaction> transactions() {
    Arbitrary<String> chain =
        Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(48);
    Arbitrary<Integer> key = Arbitraries.integers().between(0, KEYS.length - 1);
    Arbitrary<Long> nonce = Arbitraries.longs().between(0, Long.MAX_VALUE);
    Arbitrary<Amount> amount =
        Arbitraries.longs().between(1, Amount.MAX_SUPPLY.nano()).map(Amount::ofNano);
    Arbitrary<Amount> fee =
        Arbitraries.longs().between(0, Amount.MAX_SUPPLY.nano()).map(Amount::ofNano);
    Arbitrary<Message> msg =
        Arbitraries.oneOf(
            Combinators.combine(key, amount)
                .as((k, a) -> (Message) new Transfer(KEYS[k].address(), a)),
            amount.map(a -> (Message) new Burn(a)));
    return Combinators.combine(chain, key, nonce, fee, msg)
        .as((c, k, n, f, m) -> new Transaction(c, KEYS[k].publicKey(), n, f, m));
  }

  @Property(tries = 300)
  void roundTripsAndHashesStably(@ForAll("transactions") Transaction body) {
    KeyPair signer =
        Arrays.stream(KEYS)
            .filter(k -> k.publicKey().equals(body.sender()))
            .findFirst()
            .orElseThrow();
    SignedTransaction tx = body.sign(signer);
    SignedTransaction back = TxCodec.decode(tx.encoded()).orElseThrow();
    assertThat(back.body()).isEqualTo(body);
    assertThat(back.encoded()).isEqualTo(tx.encoded());
    assertThat(back.hash()).isEqualTo(tx.hash());
    assertThat(back.sender()).isEqualTo(signer.address());
    assertThat(
            new TxVerifier(new ChainRules(body.chainId(), TxCodec.HARD_MAX_TX_BYTES, Amount.ZERO))
                .verify(back)
                .isOk())
        .isTrue();
  }

  @Property(tries = 200)
  void everyTruncationIsMalformedNeverAnException(
      @ForAll("transactions") Transaction body, @ForAll @IntRange(min = 0, max = 1000) int cut) {
    KeyPair signer =
        Arrays.stream(KEYS)
            .filter(k -> k.publicKey().equals(body.sender()))
            .findFirst()
            .orElseThrow();
    byte[] enc = body.sign(signer).encoded();
    byte[] truncated = Arrays.copyOf(enc, cut % enc.length);
    Result<SignedTransaction> r = TxCodec.decode(truncated);
    assertThat(r.isOk()).isFalse();
    assertThat(((Result.Err<SignedTransaction>) r).code()).isIn("malformed", "unknown_message");
  }

  @Property(tries = 500)
  void randomBytesNeverThrow(@ForAll byte[] bytes) {
    Result<SignedTransaction> r = TxCodec.decode(bytes);
    if (r.isOk()) {
      assertThat(r.orElseThrow().encoded()).isEqualTo(bytes);
    }
  }

  @Property(tries = 300)
  void singleByteMutationsAreRejectedOrReencodeExactly(
      @ForAll("transactions") Transaction body, @ForAll long seed) {
    KeyPair signer =
        Arrays.stream(KEYS)
            .filter(k -> k.publicKey().equals(body.sender()))
            .findFirst()
            .orElseThrow();
    byte[] enc = body.sign(signer).encoded();
    Random rnd = new Random(seed);
    enc[rnd.nextInt(enc.length)] ^= (byte) (1 + rnd.nextInt(255));
    Result<SignedTransaction> r = TxCodec.decode(enc);
    if (r.isOk()) {
      // Any mutation that still decodes is a different canonical transaction: its signature must
      // fail.
      assertThat(r.orElseThrow().encoded()).isEqualTo(enc);
      assertThat(
              new TxVerifier(
                      new ChainRules(
                          r.orElseThrow().body().chainId(), TxCodec.HARD_MAX_TX_BYTES, Amount.ZERO))
                  .verify(r.orElseThrow())
                  .isOk())
          .isFalse();
    }
  }

  @Test
  void rejectsNonCanonicalAndOutOfRangeEncodings() {
    KeyPair k = KEYS[0];
    SignedTransaction tx =
        new Transaction(
                "c",
                k.publicKey(),
                5,
                Amount.ofNano(10),
                new Transfer(KEYS[1].address(), Amount.ofNano(7)))
            .sign(k);
    byte[] enc = tx.encoded();

    byte[] trailing = Arrays.copyOf(enc, enc.length + 1);
    assertThat(code(TxCodec.decode(trailing))).isEqualTo("malformed");

    // nonce 5 written as the non-minimal varint 0x85 0x00
    byte[] body =
        body(
            w ->
                w.u8(1)
                    .string("c")
                    .publicKey(k.publicKey())
                    .raw(new byte[] {(byte) 0x85, 0x00})
                    .varint(10)
                    .varint(0x0101)
                    .address(KEYS[1].address())
                    .varint(7));
    assertThat(code(TxCodec.decode(withSig(body)))).isEqualTo("malformed");

    byte[] badVersion = enc.clone();
    badVersion[0] = 2;
    assertThat(code(TxCodec.decode(badVersion))).isEqualTo("malformed");

    byte[] unknown =
        body(
            w ->
                w.u8(1)
                    .string("c")
                    .publicKey(k.publicKey())
                    .varint(5)
                    .varint(10)
                    .varint(0x7777)
                    .varint(1));
    assertThat(code(TxCodec.decode(withSig(unknown)))).isEqualTo("unknown_message");

    byte[] zeroAmount =
        body(
            w ->
                w.u8(1)
                    .string("c")
                    .publicKey(k.publicKey())
                    .varint(5)
                    .varint(10)
                    .varint(0x0101)
                    .address(KEYS[1].address())
                    .varint(0));
    assertThat(code(TxCodec.decode(withSig(zeroAmount)))).isEqualTo("malformed");

    byte[] beyondSupply =
        body(
            w ->
                w.u8(1)
                    .string("c")
                    .publicKey(k.publicKey())
                    .varint(5)
                    .varint(10)
                    .varint(0x0102)
                    .varint(Amount.MAX_SUPPLY.nano() + 1));
    assertThat(code(TxCodec.decode(withSig(beyondSupply)))).isEqualTo("malformed");

    byte[] overflow =
        body(
            w ->
                w.u8(1)
                    .string("c")
                    .publicKey(k.publicKey())
                    .varint(5)
                    .varint(10)
                    .varint(0x0102)
                    .raw(new byte[] {-1, -1, -1, -1, -1, -1, -1, -1, -1, 1}));
    assertThat(code(TxCodec.decode(withSig(overflow)))).isEqualTo("malformed");

    byte[] badChainId =
        body(
            w ->
                w.u8(1)
                    .string("Not A Chain")
                    .publicKey(k.publicKey())
                    .varint(5)
                    .varint(10)
                    .varint(0x0102)
                    .varint(1));
    assertThat(code(TxCodec.decode(withSig(badChainId)))).isEqualTo("malformed");

    byte[] notAPoint =
        body(
            w ->
                w.u8(1)
                    .string("c")
                    .raw(offCurveKey())
                    .varint(5)
                    .varint(10)
                    .varint(0x0102)
                    .varint(1));
    assertThat(code(TxCodec.decode(withSig(notAPoint)))).isEqualTo("malformed");

    assertThat(code(TxCodec.decode(new byte[TxCodec.HARD_MAX_TX_BYTES + 1])))
        .isEqualTo("too_large");
    assertThat(code(TxCodec.decode(new byte[0]))).isEqualTo("malformed");
  }

  @Test
  void verifierChecksSizeChainFeeAndSignature() {
    KeyPair k = KEYS[0];
    Transfer t = new Transfer(KEYS[1].address(), Amount.ofOpen(1));
    TxVerifier v = new TxVerifier(new ChainRules("main", 300, Amount.ofNano(100)));
    assertThat(
            v.verify(new Transaction("main", k.publicKey(), 0, Amount.ofNano(100), t).sign(k))
                .isOk())
        .isTrue();
    assertThat(
            code(
                v.verify(
                    new Transaction("other", k.publicKey(), 0, Amount.ofNano(100), t).sign(k))))
        .isEqualTo("wrong_chain");
    assertThat(
            code(v.verify(new Transaction("main", k.publicKey(), 0, Amount.ofNano(99), t).sign(k))))
        .isEqualTo("fee_too_low");
    byte[] enc = new Transaction("main", k.publicKey(), 0, Amount.ofNano(100), t).sign(k).encoded();
    enc[enc.length - 10] ^= 4;
    assertThat(code(v.verify(enc))).isEqualTo("bad_signature");
    // The signature covers the sender: the same body claimed by another key fails.
    byte[] swapped =
        new Transaction("main", k.publicKey(), 0, Amount.ofNano(100), t).sign(k).encoded();
    byte[] other = KEYS[2].publicKey().bytes();
    System.arraycopy(other, 0, swapped, 2 + "main".length(), 32);
    assertThat(code(v.verify(swapped))).isEqualTo("bad_signature");
    assertThat(code(v.verify(new byte[301]))).isEqualTo("too_large");
  }

  private static String code(Result<?> r) {
    assertThat(r.isOk()).as("expected a rejection").isFalse();
    return ((Result.Err<?>) r).code();
  }

  private static byte[] body(java.util.function.Consumer<CanonicalWriter> f) {
    CanonicalWriter w = new CanonicalWriter();
    f.accept(w);
    return w.toByteArray();
  }

  private static byte[] withSig(byte[] body) {
    return Arrays.copyOf(body, body.length + 64);
  }

  /** 32 bytes that do not decode to a curve point (y = 2 has no x on edwards25519). */
  private static byte[] offCurveKey() {
    byte[] b = new byte[32];
    b[0] = 2;
    return b;
  }

  @Test
  void addressesInTransfersSurviveTheCodec() {
    Address to = KEYS[2].address();
    SignedTransaction tx =
        new Transaction(
                "c", KEYS[0].publicKey(), 0, Amount.ZERO, new Transfer(to, Amount.ofNano(1)))
            .sign(KEYS[0]);
    assertThat(((Transfer) TxCodec.decode(tx.encoded()).orElseThrow().body().message()).to())
        .isEqualTo(to);
  }
}
