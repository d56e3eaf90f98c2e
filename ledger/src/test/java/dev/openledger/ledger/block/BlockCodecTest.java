package dev.openledger.ledger.block;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.openledger.core.codec.DecodeException;
import dev.openledger.core.crypto.Hash;
import dev.openledger.core.crypto.KeyPair;
import dev.openledger.core.money.Amount;
import dev.openledger.ledger.TestChains;
import dev.openledger.ledger.msg.Transfer;
import dev.openledger.ledger.tx.SignedTransaction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class BlockCodecTest {
  static final KeyPair SEQ = KeyPair.insecureFromLabel("seq");

  static Block block(Random r, int txs) {
    List<SignedTransaction> list = new ArrayList<>();
    for (int i = 0; i < txs; i++) {
      list.add(
          TestChains.tx(
              TestChains.key("alice"),
              i,
              new Transfer(TestChains.key("bob").address(), Amount.ofNano(1 + r.nextInt(1000)))));
    }
    BlockHeader h =
        new BlockHeader(
            "openledger-devnet",
            r.nextInt(1000),
            Math.abs(r.nextLong() >>> 20),
            hash(r),
            Block.txRoot(list),
            hash(r),
            hash(r),
            SEQ.publicKey(),
            txs);
    return new Block(h, SEQ.sign(h.signingBytes()), list);
  }

  static BlockResults results(Random r, int n) {
    List<Receipt> receipts = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      List<Event> events = new ArrayList<>();
      for (int e = 0; e < r.nextInt(4); e++) {
        events.add(Event.of("bank.thing", "k" + e, "välue ✓ " + r.nextInt(), "n", r.nextLong()));
      }
      receipts.add(
          new Receipt(
              hash(r),
              r.nextBoolean() ? Receipt.OK : "insufficient_funds",
              r.nextBoolean() ? "" : "why ⚠ " + r.nextInt(),
              Amount.ofNano(r.nextInt(1 << 20)),
              events));
    }
    List<Event> blockEvents =
        r.nextBoolean() ? List.of() : List.of(Event.of("gov.deadline", "proposal", r.nextInt()));
    return new BlockResults(receipts, blockEvents);
  }

  static Hash hash(Random r) {
    byte[] b = new byte[32];
    r.nextBytes(b);
    return Hash.wrap(b);
  }

  @Property(tries = 100)
  void blocksAndResultsRoundTrip(@ForAll long seed, @ForAll @IntRange(min = 0, max = 12) int n)
      throws DecodeException {
    Random r = new Random(seed);
    Block b = block(r, n);
    Block back = Block.decode(b.encode());
    assertThat(back.header()).isEqualTo(b.header());
    assertThat(back.signature()).isEqualTo(b.signature());
    assertThat(back.txs()).isEqualTo(b.txs());
    assertThat(back.encode()).isEqualTo(b.encode());
    assertThat(back.header().verifySignature(back.signature())).isTrue();

    BlockResults res = results(r, n);
    BlockResults resBack = BlockResults.decode(res.encode());
    assertThat(resBack).isEqualTo(res);
    assertThat(resBack.receiptRoot()).isEqualTo(res.receiptRoot());
  }

  @Property(tries = 100)
  void truncatedOrExtendedBlocksAreRejected(@ForAll long seed) {
    Random r = new Random(seed);
    byte[] enc = block(r, 1 + r.nextInt(3)).encode();
    byte[] cut = Arrays.copyOf(enc, r.nextInt(enc.length));
    assertThatThrownBy(() -> Block.decode(cut)).isInstanceOf(DecodeException.class);
    byte[] longer = Arrays.copyOf(enc, enc.length + 1);
    assertThatThrownBy(() -> Block.decode(longer)).isInstanceOf(DecodeException.class);
  }

  @Property(tries = 50)
  void merkleRootsCommitToOrderAndContent(
      @ForAll @IntRange(min = 2, max = 40) int n, @ForAll long seed) {
    Random r = new Random(seed);
    List<Hash> items = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      items.add(hash(r));
    }
    Hash root = MerkleRoot.ofHashes(items);
    List<Hash> swapped = new ArrayList<>(items);
    java.util.Collections.swap(swapped, 0, n - 1);
    assertThat(MerkleRoot.ofHashes(swapped)).isNotEqualTo(root);
    assertThat(MerkleRoot.ofHashes(items.subList(0, n - 1))).isNotEqualTo(root);
    assertThat(MerkleRoot.ofHashes(List.of())).isEqualTo(MerkleRoot.EMPTY);
  }
}
