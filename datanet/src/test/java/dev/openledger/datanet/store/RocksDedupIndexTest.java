package dev.openledger.datanet.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openledger.core.crypto.Hash;
import dev.openledger.datanet.dedup.DedupIndex;
import dev.openledger.datanet.dedup.DedupIndexContractTest;
import dev.openledger.datanet.dedup.RowFingerprint;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RocksDedupIndexTest extends DedupIndexContractTest {
  private static final Hash DATANET = Hash.sha256(new byte[] {7});
  @TempDir Path dir;
  private DatanetStore store;

  @Override
  protected DedupIndex indexWith(List<String> texts) throws IOException {
    store = DatanetStore.open(dir.resolve("db"));
    try (StoreTx tx = store.begin()) {
      for (RowRecord r : rows(texts)) {
        tx.putRow(r);
        tx.claim(r);
      }
      tx.commit();
    }
    return store.dedupIndex(DATANET);
  }

  private static List<RowRecord> rows(List<String> texts) {
    List<RowRecord> out = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      RowFingerprint f = fp(texts.get(i));
      out.add(
          new RowRecord(
              rowId(texts.get(i)),
              CONTRIBUTION,
              ALICE,
              f.shingles(),
              DATANET,
              i,
              Hash.sha256(texts.get(i).getBytes()),
              f.dedupHash(),
              f.bandKeys(),
              texts.get(i)));
    }
    return out;
  }

  @AfterEach
  void close() {
    if (store != null) {
      store.close();
    }
  }

  @Test
  void releaseFreesTheTextAndClaimsSurviveReopening() throws IOException {
    String text =
        "Rain is expected across the northern valleys tonight, with snow on the higher passes by morning.";
    indexWith(List.of(text));
    store.close();
    store = DatanetStore.open(dir.resolve("db"));
    assertThat(store.dedupIndex(DATANET).exact(fp(text).dedupHash())).isPresent();
    assertThat(store.dedupIndex(Hash.ZERO).exact(fp(text).dedupHash()))
        .as("indexes are per datanet")
        .isEmpty();
    try (StoreTx tx = store.begin()) {
      tx.release(rows(List.of(text)).get(0));
      tx.commit();
    }
    assertThat(store.dedupIndex(DATANET).exact(fp(text).dedupHash())).isEmpty();
    assertThat(store.dedupIndex(DATANET).candidates(fp(text).bandKeys())).isEmpty();
  }

  @Test
  void uncommittedTransactionsLeaveNothing() throws IOException {
    store = DatanetStore.open(dir.resolve("db"));
    String text =
        "An uncommitted claim must not be visible to anyone after the transaction is closed.";
    try (StoreTx tx = store.begin()) {
      RowRecord r = rows(List.of(text)).get(0);
      tx.putRow(r);
      tx.claim(r);
      assertThat(tx.dedupIndex(DATANET).exact(r.dedupHash()))
          .as("the transaction sees its own writes")
          .isPresent();
    }
    assertThat(store.dedupIndex(DATANET).exact(fp(text).dedupHash())).isEmpty();
  }
}
