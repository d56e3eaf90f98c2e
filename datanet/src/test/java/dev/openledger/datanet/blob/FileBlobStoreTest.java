package dev.openledger.datanet.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.openledger.core.crypto.Hash;
import dev.openledger.datanet.MutableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileBlobStoreTest {
  @TempDir Path dir;

  @Test
  void storesByContentHashAndReadsBackVerified() throws Exception {
    FileBlobStore store = FileBlobStore.open(dir, MutableClock.realNow());
    byte[] data = "hello blobs".getBytes(StandardCharsets.UTF_8);
    Hash h = store.put(data);
    assertThat(h).isEqualTo(Hash.sha256(data));
    assertThat(store.put(data)).isEqualTo(h);
    assertThat(store.get(h)).contains(data);
    assertThat(store.list()).containsExactly(h);
    assertThat(store.get(Hash.sha256(new byte[] {1}))).isEmpty();
    assertThat(Files.list(dir.resolve("tmp"))).isEmpty();
  }

  @Test
  void corruptedBlobIsReportedNotReturned() throws Exception {
    FileBlobStore store = FileBlobStore.open(dir, MutableClock.realNow());
    Hash h = store.put("original".getBytes(StandardCharsets.UTF_8));
    Files.writeString(store.pathOf(h), "tampered");
    assertThatThrownBy(() -> store.get(h))
        .isInstanceOf(BlobCorruptedException.class)
        .hasMessageContaining(h.toHex());
  }

  @Test
  void gcRemovesOldOrphansOnlyAndInterruptedWrites() throws Exception {
    MutableClock clock = MutableClock.realNow();
    FileBlobStore store = FileBlobStore.open(dir, clock);
    Hash live = store.put(new byte[] {1});
    Hash orphan = store.put(new byte[] {2});
    Path partial = dir.resolve("tmp").resolve("dead.part");
    Files.write(partial, new byte[] {3});

    GcReport early = store.collectGarbage(Set.of(live), Duration.ofHours(1));
    assertThat(early.removed()).isEmpty();
    assertThat(early.keptYoung()).containsExactly(orphan);
    assertThat(early.tempFilesRemoved()).isZero();

    clock.advance(Duration.ofHours(2));
    GcReport late = store.collectGarbage(Set.of(live), Duration.ofHours(1));
    assertThat(late.removed()).containsExactly(orphan);
    assertThat(late.bytesFreed()).isEqualTo(1);
    assertThat(late.tempFilesRemoved()).isEqualTo(1);
    assertThat(store.contains(live)).isTrue();
    assertThat(store.contains(orphan)).isFalse();
    assertThat(Files.exists(partial)).isFalse();
  }

  @Test
  void gcJudgesAgeByModificationTime() throws Exception {
    MutableClock clock = MutableClock.realNow();
    FileBlobStore store = FileBlobStore.open(dir, clock);
    Hash h = store.put(new byte[] {9});
    Files.setLastModifiedTime(
        store.pathOf(h), FileTime.from(clock.instant().minus(Duration.ofDays(2))));
    assertThat(store.collectGarbage(Set.of(), Duration.ofDays(1)).removed()).containsExactly(h);
  }
}
