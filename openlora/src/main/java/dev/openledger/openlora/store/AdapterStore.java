package dev.openledger.openlora.store;

import dev.openledger.core.crypto.Hash;
import dev.openledger.ml.format.EngineTensors;
import dev.openledger.ml.format.FormatException;
import dev.openledger.ml.format.PeftAdapter;
import dev.openledger.ml.format.PeftAdapterDirectory;
import dev.openledger.ml.generate.ServingAdapter;
import dev.openledger.ml.lora.LoraConfig;
import dev.openledger.ml.lora.LoraLayout;
import dev.openledger.ml.model.LlamaConfig;
import dev.openledger.openlora.chain.ModelListing;
import dev.openledger.openlora.metrics.ServingMetrics;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adapters in RAM, bounded in bytes, least recently used evicted first (vLLM's {@code
 * max_cpu_loras} and LoRAX's adapter cache, sized in bytes rather than slots). {@link #acquire}
 * pins an adapter and starts loading it on a loader thread if it is not cached; {@link #prefetch}
 * loads one without pinning it.
 *
 * <p>A load first reads {@code adapter_config.json} to learn the adapter's size (4 bytes for every
 * float of its prepared {@code A} and scaled {@code Bᵀ} matrices, which is what stays resident),
 * reserves that many bytes by evicting unpinned adapters, then reads the weights, checks the
 * content hash against the registry's and prepares a {@link ServingAdapter}. When every cached byte
 * is pinned the load waits (first come, first served) until a pin is released. Parse buffers that
 * exist only during a load are not counted.
 *
 * <p>Entries are keyed by model name and approved hash, so a model re-approved with new weights
 * loads afresh.
 */
public final class AdapterStore implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(AdapterStore.class);

  private final LlamaConfig base;
  private final long capacity;
  private final ServingMetrics metrics;
  private final ExecutorService loader;

  /** Access-ordered: iteration starts at the least recently used entry. */
  private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(64, 0.75f, true);

  private final Deque<Entry> waitingForRoom = new ArrayDeque<>();
  private long resident;
  private long highWater;
  private long loads;
  private long evictions;

  enum State {
    QUEUED,
    WAITING_FOR_ROOM,
    LOADING,
    READY
  }

  /** One cached (or loading) adapter; fields other than the final ones are guarded by the store. */
  static final class Entry {
    final String key;
    final ModelListing listing;
    final CompletableFuture<ServingAdapter> ready = new CompletableFuture<>();
    State state = State.QUEUED;
    long bytes;
    int pins;
    boolean prefetch;
    volatile boolean waitingForRoom;

    Entry(String key, ModelListing listing) {
      this.key = key;
      this.listing = listing;
    }
  }

  /** Cache figures at one moment. */
  public record Stats(
      long capacityBytes,
      long residentBytes,
      long highWaterBytes,
      int entries,
      int readyEntries,
      long loads,
      long evictions) {}

  /**
   * @param base the base model every adapter must fit
   * @param capacityBytes the bound on resident plus reserved bytes
   * @param loaderThreads threads that read and prepare adapters
   * @param metrics where hits, misses, evictions and load times go
   */
  public AdapterStore(
      LlamaConfig base, long capacityBytes, int loaderThreads, ServingMetrics metrics) {
    if (capacityBytes <= 0 || loaderThreads <= 0) {
      throw new IllegalArgumentException("cache capacity and loader threads must be positive");
    }
    this.base = base;
    this.capacity = capacityBytes;
    this.metrics = metrics;
    AtomicInteger n = new AtomicInteger();
    this.loader =
        Executors.newFixedThreadPool(
            loaderThreads,
            r -> {
              Thread t = new Thread(r, "openlora-adapter-loader-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    metrics.cache(0, 0, capacity);
  }

  /** The bytes an adapter with {@code lora} occupies once prepared for {@code base}. */
  public static long residentBytes(LlamaConfig base, LoraConfig lora) {
    return 4L * new LoraLayout(base, lora).size();
  }

  /** Pins {@code listing}'s adapter, loading it asynchronously if it is not cached. */
  public AdapterLease acquire(ModelListing listing) {
    Entry e;
    boolean hit;
    synchronized (this) {
      String key = key(listing);
      e = entries.get(key);
      hit = e != null && e.state == State.READY;
      if (e == null) {
        e = new Entry(key, listing);
        entries.put(key, e);
        startLoad(e);
      }
      e.pins++;
    }
    if (hit) {
      metrics.model(listing.name()).cacheHit();
    } else {
      metrics.model(listing.name()).cacheMiss();
    }
    return new AdapterLease(this, e, hit);
  }

  /**
   * Loads {@code listing}'s adapter if it is not cached and room can be made; nothing is pinned.
   */
  public void prefetch(ModelListing listing) {
    synchronized (this) {
      String key = key(listing);
      if (entries.containsKey(key)) {
        return;
      }
      Entry e = new Entry(key, listing);
      e.prefetch = true;
      entries.put(key, e);
      startLoad(e);
    }
  }

  /** Whether {@code listing}'s adapter is loaded now. */
  public synchronized boolean isCached(ModelListing listing) {
    Entry e = entries.get(key(listing));
    return e != null && e.state == State.READY;
  }

  public synchronized Stats stats() {
    int ready = 0;
    for (Entry e : entries.values()) {
      if (e.state == State.READY) {
        ready++;
      }
    }
    return new Stats(capacity, resident, highWater, entries.size(), ready, loads, evictions);
  }

  private static String key(ModelListing l) {
    return l.name() + "@" + l.adapterHash().toHex();
  }

  // ---------------------------------------------------------------- loading

  private void startLoad(Entry e) {
    loader.execute(() -> sizeAndReserve(e));
  }

  /** Loader thread: learn the size, then reserve room or wait for it. */
  private void sizeAndReserve(Entry e) {
    long bytes;
    try {
      bytes = residentBytes(base, PeftAdapterDirectory.readConfig(e.listing.adapterDir()).config());
    } catch (IOException | RuntimeException x) {
      fail(e, classify(e.listing, x));
      return;
    }
    synchronized (this) {
      if (e.pins == 0 && !e.prefetch) {
        entries.remove(e.key); // everyone who wanted it left before it was loaded
        e.ready.cancel(false);
        return;
      }
      e.bytes = bytes;
      if (bytes > capacity) {
        failLocked(
            e,
            new AdapterLoadException(
                AdapterLoadException.Reason.TOO_LARGE,
                "adapter of model "
                    + e.listing.name()
                    + " needs "
                    + bytes
                    + " bytes, more than the whole adapter cache ("
                    + capacity
                    + " bytes)",
                null));
        return;
      }
      if (!reserve(e)) {
        if (e.prefetch && e.pins == 0) {
          entries.remove(e.key); // a prefetch never waits for room
          e.ready.cancel(false);
          return;
        }
        e.state = State.WAITING_FOR_ROOM;
        e.waitingForRoom = true;
        waitingForRoom.add(e);
        return;
      }
      e.state = State.LOADING;
    }
    load(e);
  }

  /** Loader thread: read, verify, prepare. Room is already reserved. */
  private void load(Entry e) {
    long t0 = System.nanoTime();
    ServingAdapter adapter;
    try {
      adapter = read(e);
    } catch (AdapterLoadException x) {
      fail(e, x);
      return;
    }
    long nanos = System.nanoTime() - t0;
    synchronized (this) {
      e.state = State.READY;
      loads++;
    }
    metrics.model(e.listing.name()).loaded(nanos);
    log.debug("loaded adapter {} ({} bytes) in {} us", e.listing.name(), e.bytes, nanos / 1000);
    e.ready.complete(adapter);
  }

  private ServingAdapter read(Entry e) throws AdapterLoadException {
    ModelListing l = e.listing;
    try {
      PeftAdapter peft = PeftAdapterDirectory.read(l.adapterDir(), base);
      Hash actual = PeftAdapterDirectory.contentHash(peft);
      if (!actual.equals(l.adapterHash())) {
        throw new AdapterLoadException(
            AdapterLoadException.Reason.HASH_MISMATCH,
            "adapter of model "
                + l.name()
                + " in "
                + l.adapterDir().getFileName()
                + " has content hash "
                + actual.toHex()
                + " but the registry approved "
                + l.adapterHash().toHex()
                + "; refusing to serve it",
            null);
      }
      if (residentBytes(base, peft.config()) != e.bytes) {
        throw new AdapterLoadException(
            AdapterLoadException.Reason.INVALID,
            "adapter of model " + l.name() + " changed while it was loading",
            null);
      }
      return new ServingAdapter(l.name(), EngineTensors.loraParameters(base, peft));
    } catch (IOException | RuntimeException x) {
      throw classify(l, x);
    }
  }

  private static AdapterLoadException classify(ModelListing l, Exception x) {
    if (x instanceof NoSuchFileException) {
      return new AdapterLoadException(
          AdapterLoadException.Reason.MISSING,
          "adapter of model " + l.name() + " is missing: " + x.getMessage(),
          x);
    }
    if (x instanceof FormatException || x instanceof IllegalArgumentException) {
      return new AdapterLoadException(
          AdapterLoadException.Reason.INVALID,
          "adapter of model "
              + l.name()
              + " is not a valid adapter for this base model: "
              + x.getMessage(),
          x);
    }
    return new AdapterLoadException(
        AdapterLoadException.Reason.IO,
        "could not read the adapter of model " + l.name() + ": " + x,
        x);
  }

  private void fail(Entry e, AdapterLoadException x) {
    synchronized (this) {
      failLocked(e, x);
    }
  }

  private void failLocked(Entry e, AdapterLoadException x) {
    if (e.state == State.LOADING) {
      resident -= e.bytes;
    }
    entries.remove(e.key);
    e.waitingForRoom = false;
    log.warn("{}", x.getMessage());
    e.ready.completeExceptionally(x);
    publish();
    admitWaiting();
  }

  // ---------------------------------------------------------------- room

  /** Makes room for {@code e} by evicting unpinned ready entries, least recently used first. */
  private boolean reserve(Entry e) {
    if (resident + e.bytes > capacity) {
      long evictable = 0;
      for (Entry x : entries.values()) {
        if (x != e && x.pins == 0 && x.state == State.READY) {
          evictable += x.bytes;
        }
      }
      if (resident - evictable + e.bytes > capacity) {
        return false;
      }
      Iterator<Entry> it = entries.values().iterator();
      while (resident + e.bytes > capacity && it.hasNext()) {
        Entry x = it.next();
        if (x != e && x.pins == 0 && x.state == State.READY) {
          it.remove();
          resident -= x.bytes;
          evictions++;
          metrics.model(x.listing.name()).evicted();
        }
      }
    }
    resident += e.bytes;
    highWater = Math.max(highWater, resident);
    publish();
    return true;
  }

  void release(Entry e) {
    synchronized (this) {
      e.pins--;
      if (e.pins > 0) {
        return;
      }
      if (e.state == State.WAITING_FOR_ROOM && !e.prefetch) {
        waitingForRoom.remove(e);
        entries.remove(e.key);
        e.waitingForRoom = false;
        e.ready.cancel(false);
      }
      admitWaiting();
    }
  }

  /** Starts waiting loads, in arrival order, for as long as room can be made. */
  private void admitWaiting() {
    while (!waitingForRoom.isEmpty()) {
      Entry w = waitingForRoom.peek();
      if (!reserve(w)) {
        return;
      }
      waitingForRoom.poll();
      w.state = State.LOADING;
      w.waitingForRoom = false;
      loader.execute(() -> load(w));
    }
  }

  private void publish() {
    metrics.cache(resident, highWater, capacity);
  }

  /** Entries in least-recently-used order, for tests and views. */
  synchronized List<String> lruOrder() {
    return List.copyOf(entries.keySet());
  }

  @Override
  public void close() {
    loader.shutdownNow();
    try {
      if (!loader.awaitTermination(5, TimeUnit.SECONDS)) {
        log.warn("adapter loader threads did not stop within 5 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
