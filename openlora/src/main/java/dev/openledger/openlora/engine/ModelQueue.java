package dev.openledger.openlora.engine;

import dev.openledger.openlora.chain.ModelListing;
import dev.openledger.openlora.store.AdapterLease;
import java.util.ArrayDeque;

/** One model's FIFO of waiting requests and its scheduling state (decode thread only). */
final class ModelQueue {
  final String key;
  final ModelListing listing;
  final ArrayDeque<Waiting> waiting = new ArrayDeque<>();

  /** Pinned adapter while active. */
  AdapterLease lease;

  long activeSince;
  boolean draining;
  boolean prefetched;
  int running;

  /** Virtual token counter: service received (prompt + generated tokens), S-LoRA's VTC. */
  long served;

  ModelQueue(String key, ModelListing listing) {
    this.key = key;
    this.listing = listing;
  }

  boolean active() {
    return lease != null;
  }

  boolean backlogged() {
    return !waiting.isEmpty() || running > 0;
  }

  /** Whether a free slot may go to this model now. */
  boolean admissible() {
    return lease != null && !draining && !waiting.isEmpty() && lease.isReady();
  }

  long headArrival() {
    return waiting.isEmpty() ? Long.MAX_VALUE : waiting.peek().arrival;
  }
}
