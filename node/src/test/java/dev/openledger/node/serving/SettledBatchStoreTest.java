package dev.openledger.node.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.openledger.core.crypto.Hash;
import dev.openledger.core.crypto.KeyPair;
import dev.openledger.core.money.Amount;
import dev.openledger.core.receipt.SignedReceipt;
import dev.openledger.core.receipt.UsageReceipt;
import dev.openledger.openlora.metering.ReceiptBatch;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Settled batches survive a reopen exactly (receipts in order, root, proofs, height, transaction),
 * oldest settlement first; a stored batch is never rewritten, and a damaged file is an error;
 * marking and pruning keep the newest batches and every unmarked one; files of the first layout are
 * read, marked and pruned like the others.
 */
class SettledBatchStoreTest {
  static final KeyPair PROVIDER = KeyPair.insecureFromLabel("provider");
  static final KeyPair CALLER = KeyPair.insecureFromLabel("caller");

  @TempDir Path dir;

  /** {@code n} receipts of one channel, nonces {@code first..first+n-1}. */
  static ReceiptBatch batch(String channel, int first, int n) {
    Hash ch = Hash.sha256(channel.getBytes(StandardCharsets.UTF_8));
    Amount price = Amount.ofNano(3);
    List<SignedReceipt> rs = new ArrayList<>();
    Amount cumulative = Amount.ZERO;
    for (int i = first; i < first + n; i++) {
      Amount charge = price.times(10 + i);
      cumulative = cumulative.plus(charge);
      UsageReceipt r =
          new UsageReceipt(
              ch,
              i,
              "cmpl-" + channel + "-" + i,
              "press-lora",
              Hash.sha256(new byte[] {1}),
              CALLER.address(),
              PROVIDER.address(),
              4,
              6 + i,
              price,
              charge,
              cumulative);
      rs.add(SignedReceipt.sign(r, PROVIDER));
    }
    return ReceiptBatch.of(rs).orElseThrow();
  }

  @Test
  void storedBatchesReadBackWholeOldestFirst() throws IOException {
    SettledBatchStore store = new SettledBatchStore(dir.resolve("settled"));
    assertThat(store.latest(10)).isEmpty();
    assertThat(store.entries()).isEmpty();
    ReceiptBatch later = batch("a", 1, 3);
    ReceiptBatch earlier = batch("b", 1, 2);
    Hash tx1 = Hash.sha256(new byte[] {7});
    Hash tx2 = Hash.sha256(new byte[] {8});
    store.put(new SettledBatchStore.Stored(later, tx1, 12));
    store.put(new SettledBatchStore.Stored(earlier, tx2, 5));

    SettledBatchStore reopened = new SettledBatchStore(dir.resolve("settled"));
    List<SettledBatchStore.Stored> all = reopened.latest(10);
    assertThat(all).extracting(SettledBatchStore.Stored::height).containsExactly(5L, 12L);
    assertThat(reopened.latest(1))
        .extracting(SettledBatchStore.Stored::height)
        .containsExactly(12L);
    SettledBatchStore.Stored b = reopened.get(later.root()).orElseThrow();
    assertThat(b.batch().root()).isEqualTo(later.root());
    assertThat(b.batch().receipts()).isEqualTo(later.receipts());
    assertThat(b.txHash()).isEqualTo(tx1);
    assertThat(b.height()).isEqualTo(12);
    String id = later.receipts().get(2).receipt().requestId();
    assertThat(b.proof(id)).contains(later.proof(2));
    assertThat(b.proof("cmpl-unknown")).isEmpty();
    try (Stream<Path> files = Files.list(dir.resolve("settled"))) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .as("no temporary file is left")
          .containsExactlyInAnyOrder(
              "00000000000000000012-" + later.root().toHex() + ".olsb",
              "00000000000000000005-" + earlier.root().toHex() + ".olsb");
    }
  }

  @Test
  void aStoredBatchIsNeverRewrittenAndADamagedOneIsAnError() throws IOException {
    SettledBatchStore store = new SettledBatchStore(dir);
    ReceiptBatch b = batch("a", 1, 2);
    store.put(new SettledBatchStore.Stored(b, Hash.sha256(new byte[] {1}), 3));
    store.put(new SettledBatchStore.Stored(b, Hash.sha256(new byte[] {2}), 9));
    assertThat(store.get(b.root()).orElseThrow().height()).isEqualTo(3);

    Path file = dir.resolve("00000000000000000003-" + b.root().toHex() + ".olsb");
    byte[] good = Files.readAllBytes(file);
    // a whole file under another batch's name: its receipts do not hash to that root
    ReceiptBatch other = batch("c", 1, 1);
    Files.write(dir.resolve("00000000000000000003-" + other.root().toHex() + ".olsb"), good);
    assertThatThrownBy(() -> store.get(other.root()))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("corrupt");

    byte[] damaged = good.clone();
    damaged[damaged.length - 10] ^= 1; // inside the last receipt's signature
    Files.write(file, damaged);
    assertThatThrownBy(() -> store.get(b.root()))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("corrupt");
    assertThat(store.get(Hash.sha256(new byte[] {9}))).isEmpty();
  }

  @Test
  void markedBatchesArePrunedBeyondTheNewestAndUnmarkedOnesStay() throws IOException {
    SettledBatchStore store = new SettledBatchStore(dir);
    List<ReceiptBatch> batches = new ArrayList<>();
    for (int h = 1; h <= 6; h++) {
      ReceiptBatch b = batch("p" + h, 1, 2);
      batches.add(b);
      store.put(new SettledBatchStore.Stored(b, Hash.sha256(new byte[] {(byte) h}), 10L * h));
    }
    // heights 10 and 30 are never attributed; every other batch is
    for (int i : new int[] {1, 3, 4, 5}) {
      assertThat(store.markAttributed(batches.get(i).root())).isTrue();
    }
    assertThat(store.markAttributed(batches.get(1).root())).as("marking twice").isTrue();
    assertThat(store.markAttributed(batch("absent", 1, 1).root())).isFalse();
    assertThat(store.entries())
        .extracting(SettledBatchStore.Entry::height, SettledBatchStore.Entry::attributed)
        .containsExactly(
            tuple(10L, false),
            tuple(20L, true),
            tuple(30L, false),
            tuple(40L, true),
            tuple(50L, true),
            tuple(60L, true));
    // a marked batch still reads back whole
    assertThat(store.get(batches.get(1).root()).orElseThrow().batch().receipts())
        .isEqualTo(batches.get(1).receipts());

    assertThat(store.prune(2)).as("20 and 40 go; 50 and 60 are the newest two").isEqualTo(2);
    assertThat(store.entries())
        .extracting(SettledBatchStore.Entry::height)
        .containsExactly(10L, 30L, 50L, 60L);
    assertThat(store.prune(2)).isZero();
    assertThat(store.latest(2))
        .extracting(SettledBatchStore.Stored::height)
        .containsExactly(50L, 60L);
  }

  @Test
  void filesOfTheFirstLayoutAreReadMarkedAndPruned() throws IOException {
    SettledBatchStore store = new SettledBatchStore(dir);
    ReceiptBatch old = batch("old", 1, 2);
    ReceiptBatch newer = batch("new", 1, 2);
    store.put(new SettledBatchStore.Stored(old, Hash.sha256(new byte[] {1}), 7));
    store.put(new SettledBatchStore.Stored(newer, Hash.sha256(new byte[] {2}), 9));
    // the first layout named a file by its root alone
    Path current = store.entry(old.root()).orElseThrow().file();
    Files.move(current, dir.resolve(old.root().toHex() + ".olsb"));

    assertThat(store.entry(old.root()).orElseThrow().height()).isEqualTo(-1);
    assertThat(store.latest(1)).extracting(SettledBatchStore.Stored::height).containsExactly(9L);
    assertThat(store.latest(5))
        .extracting(SettledBatchStore.Stored::height)
        .containsExactly(7L, 9L);
    store.put(new SettledBatchStore.Stored(old, Hash.sha256(new byte[] {3}), 8));
    assertThat(store.entries()).as("a stored batch is not written again").hasSize(2);

    assertThat(store.markAttributed(old.root())).isTrue();
    assertThat(store.entry(old.root()).orElseThrow().file().getFileName().toString())
        .isEqualTo("00000000000000000007-" + old.root().toHex() + ".attributed.olsb");
    assertThat(store.prune(1)).isEqualTo(1);
    assertThat(store.entries())
        .extracting(SettledBatchStore.Entry::root)
        .containsExactly(newer.root());
  }
}
