package dev.openledger.openlora.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.openledger.core.crypto.Hash;
import dev.openledger.openlora.Fixture;
import dev.openledger.openlora.chain.ModelListing;
import dev.openledger.openlora.metrics.ServingMetrics;
import java.nio.file.Path;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading, hash verification, the byte bound, LRU eviction and pinning. */
class AdapterStoreTest {
  @TempDir Path dir;

  private static AdapterStore store(long bytes, ServingMetrics m) {
    return new AdapterStore(Fixture.BASE.config(), bytes, 1, m);
  }

  private static void awaitReady(AdapterLease l) throws Exception {
    l.ready().get(10, TimeUnit.SECONDS);
  }

  @Test
  void anAdapterLoadsAndIsThenAHit() throws Exception {
    Fixture f = new Fixture(dir, 1);
    ServingMetrics m = new ServingMetrics();
    try (AdapterStore s = store(1 << 20, m)) {
      AdapterLease a = s.acquire(f.models.get(0));
      assertThat(a.wasHit()).isFalse();
      awaitReady(a);
      assertThat(a.adapter().name()).isEqualTo("m0");
      a.close();
      AdapterLease b = s.acquire(f.models.get(0));
      assertThat(b.wasHit()).isTrue();
      assertThat(b.isReady()).isTrue();
      b.close();
      assertThat(m.model("m0").cacheHits()).isEqualTo(1);
      assertThat(m.model("m0").cacheMisses()).isEqualTo(1);
      assertThat(m.model("m0").loads()).isEqualTo(1);
      assertThat(s.stats().residentBytes()).isEqualTo(Fixture.adapterBytes());
    }
  }

  @Test
  void anAdapterWhoseHashIsNotTheApprovedOneIsRefused() {
    Fixture f = new Fixture(dir, 1);
    ModelListing real = f.models.get(0);
    ModelListing tampered =
        new ModelListing(
            real.name(),
            real.baseModel(),
            real.adapterDir(),
            Hash.sha256(new byte[] {9}),
            real.pricePerToken(),
            real.developer());
    try (AdapterStore s = store(1 << 20, new ServingMetrics())) {
      AdapterLease l = s.acquire(tampered);
      assertThatThrownBy(() -> l.ready().join())
          .isInstanceOf(CompletionException.class)
          .hasCauseInstanceOf(AdapterLoadException.class)
          .hasMessageContaining("has content hash " + real.adapterHash().toHex())
          .hasMessageContaining("registry approved " + tampered.adapterHash().toHex());
      assertThat(reason(l)).isEqualTo(AdapterLoadException.Reason.HASH_MISMATCH);
      assertThat(l.isFailed()).isTrue();
      l.close();
      assertThat(s.stats().residentBytes()).isZero();
    }
  }

  @Test
  void aMissingDirectoryAndAnAdapterLargerThanTheCacheAreRefused() {
    Fixture f = new Fixture(dir, 1);
    ModelListing real = f.models.get(0);
    ModelListing gone =
        new ModelListing(
            "gone",
            real.baseModel(),
            dir.resolve("nowhere"),
            real.adapterHash(),
            real.pricePerToken(),
            real.developer());
    try (AdapterStore s = store(Fixture.adapterBytes() - 1, new ServingMetrics())) {
      assertThat(reason(s.acquire(gone))).isEqualTo(AdapterLoadException.Reason.MISSING);
      assertThat(reason(s.acquire(real))).isEqualTo(AdapterLoadException.Reason.TOO_LARGE);
    }
  }

  private static AdapterLoadException.Reason reason(AdapterLease l) {
    Throwable x = l.ready().handle((a, t) -> t).join();
    assertThat(x).isNotNull();
    return ((AdapterLoadException) (x instanceof CompletionException ? x.getCause() : x)).reason();
  }

  @Test
  void theCacheStaysWithinItsByteBoundEvictingTheLeastRecentlyUsed() throws Exception {
    Fixture f = new Fixture(dir, 5);
    long one = Fixture.adapterBytes();
    ServingMetrics m = new ServingMetrics();
    try (AdapterStore s = store(2 * one + one / 2, m)) {
      for (int i : new int[] {0, 1, 0, 2, 3, 0, 4}) {
        AdapterLease l = s.acquire(f.models.get(i));
        awaitReady(l);
        l.close();
        assertThat(s.stats().residentBytes()).isLessThanOrEqualTo(s.stats().capacityBytes());
      }
      // room for two: [0] [0,1] [1,0] [0,2] -1, [2,3] -0, [3,0] -2, [0,4] -3
      assertThat(s.isCached(f.models.get(0))).isTrue();
      assertThat(s.isCached(f.models.get(4))).isTrue();
      assertThat(s.isCached(f.models.get(3))).isFalse();
      assertThat(s.stats().highWaterBytes()).isLessThanOrEqualTo(2 * one + one / 2);
      assertThat(s.stats().evictions()).isEqualTo(4);
      for (String name : new String[] {"m0", "m1", "m2", "m3"}) {
        assertThat(m.model(name).cacheEvictions()).as(name).isEqualTo(1);
      }
      assertThat(m.model("m0").cacheHits()).isEqualTo(1);
      assertThat(m.model("m0").cacheMisses()).isEqualTo(2);
    }
  }

  @Test
  void pinnedAdaptersAreNeverEvictedAndALoadWaitsForRoom() throws Exception {
    Fixture f = new Fixture(dir, 3);
    long one = Fixture.adapterBytes();
    try (AdapterStore s = store(2 * one, new ServingMetrics())) {
      AdapterLease a = s.acquire(f.models.get(0));
      AdapterLease b = s.acquire(f.models.get(1));
      awaitReady(a);
      awaitReady(b);
      AdapterLease c = s.acquire(f.models.get(2));
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (!c.isWaitingForRoom() && System.nanoTime() < until) {
        Thread.sleep(2);
      }
      assertThat(c.isWaitingForRoom()).isTrue();
      assertThat(c.isReady()).isFalse();
      assertThat(a.isReady() && b.isReady()).isTrue();
      b.close();
      awaitReady(c);
      assertThat(s.isCached(f.models.get(1))).isFalse();
      assertThat(s.isCached(f.models.get(0))).isTrue();
      assertThat(s.stats().highWaterBytes()).isLessThanOrEqualTo(2 * one);
      a.close();
      c.close();
    }
  }

  @Test
  void prefetchLoadsWithoutPinning() throws Exception {
    Fixture f = new Fixture(dir, 2);
    long one = Fixture.adapterBytes();
    try (AdapterStore s = store(one, new ServingMetrics())) {
      s.prefetch(f.models.get(0));
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (!s.isCached(f.models.get(0)) && System.nanoTime() < until) {
        Thread.sleep(2);
      }
      assertThat(s.isCached(f.models.get(0))).isTrue();
      AdapterLease b = s.acquire(f.models.get(1)); // evicts the unpinned prefetched adapter
      awaitReady(b);
      assertThat(s.isCached(f.models.get(0))).isFalse();
      b.close();
    }
  }
}
