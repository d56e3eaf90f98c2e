package dev.openledger.openlora.store;

import dev.openledger.ml.generate.ServingAdapter;
import dev.openledger.openlora.chain.ModelListing;
import java.util.concurrent.CompletableFuture;

/**
 * A pin on one cached adapter: while any lease on it is open the adapter is loaded (or being
 * loaded) and is never evicted. {@link #close()} releases the pin; it is idempotent.
 */
public final class AdapterLease implements AutoCloseable {
  private final AdapterStore store;
  private final AdapterStore.Entry entry;
  private final boolean hit;
  private boolean closed;

  AdapterLease(AdapterStore store, AdapterStore.Entry entry, boolean hit) {
    this.store = store;
    this.entry = entry;
    this.hit = hit;
  }

  public ModelListing listing() {
    return entry.listing;
  }

  /** Completes with the adapter, or exceptionally with an {@link AdapterLoadException}. */
  public CompletableFuture<ServingAdapter> ready() {
    return entry.ready;
  }

  /** Whether the adapter is loaded and usable now. */
  public boolean isReady() {
    return entry.ready.isDone() && !entry.ready.isCompletedExceptionally();
  }

  /** Whether loading failed (the cause is in {@link #ready()}). */
  public boolean isFailed() {
    return entry.ready.isCompletedExceptionally();
  }

  /** Whether the load is waiting for pinned adapters to free room in the cache. */
  public boolean isWaitingForRoom() {
    return entry.waitingForRoom;
  }

  /** Whether the adapter was already in the cache when this lease was taken. */
  public boolean wasHit() {
    return hit;
  }

  /** The ready adapter. */
  public ServingAdapter adapter() {
    if (!isReady()) {
      throw new IllegalStateException("adapter " + entry.listing.name() + " is not ready");
    }
    return entry.ready.join();
  }

  @Override
  public void close() {
    synchronized (store) {
      if (closed) {
        return;
      }
      closed = true;
    }
    store.release(entry);
  }
}
