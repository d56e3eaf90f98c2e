package dev.openledger.node.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
 * oldest settlement first; a stored batch is never rewritten, and a damaged file is an error.
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
    assertThat(store.all()).isEmpty();
    ReceiptBatch later = batch("a", 1, 3);
    ReceiptBatch earlier = batch("b", 1, 2);
    Hash tx1 = Hash.sha256(new byte[] {7});
    Hash tx2 = Hash.sha256(new byte[] {8});
    store.put(new SettledBatchStore.Stored(later, tx1, 12));
    store.put(new SettledBatchStore.Stored(earlier, tx2, 5));

    SettledBatchStore reopened = new SettledBatchStore(dir.resolve("settled"));
    List<SettledBatchStore.Stored> all = reopened.all();
    assertThat(all).extracting(SettledBatchStore.Stored::height).containsExactly(5L, 12L);
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
              later.root().toHex() + ".olsb", earlier.root().toHex() + ".olsb");
    }
  }

  @Test
  void aStoredBatchIsNeverRewrittenAndADamagedOneIsAnError() throws IOException {
    SettledBatchStore store = new SettledBatchStore(dir);
    ReceiptBatch b = batch("a", 1, 2);
    store.put(new SettledBatchStore.Stored(b, Hash.sha256(new byte[] {1}), 3));
    store.put(new SettledBatchStore.Stored(b, Hash.sha256(new byte[] {2}), 9));
    assertThat(store.get(b.root()).orElseThrow().height()).isEqualTo(3);

    Path file = dir.resolve(b.root().toHex() + ".olsb");
    byte[] good = Files.readAllBytes(file);
    // a whole file under another batch's name: its receipts do not hash to that root
    ReceiptBatch other = batch("c", 1, 1);
    Files.write(dir.resolve(other.root().toHex() + ".olsb"), good);
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
}
