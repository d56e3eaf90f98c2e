package dev.openledger.openlora.engine;

import dev.openledger.openlora.store.AdapterLease;
import dev.openledger.openlora.store.AdapterStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;

/**
 * Which model gets the next batch slot (see the package documentation for the policy). Decode
 * thread only; holds no lock. {@code wake} is run when an adapter load completes.
 */
final class Scheduler {
  private final AdapterStore store;
  private final EngineLimits limits;
  private final Runnable wake;
  private final Map<String, ModelQueue> queues = new LinkedHashMap<>();
  private int waitingCount;

  /** A request removed from its queue without running, and why. */
  record Dropped(Waiting waiting, FinishReason reason, String error) {}

  /** A request granted a slot, with its model's queue. */
  record Admission(Waiting waiting, ModelQueue queue) {}

  Scheduler(AdapterStore store, EngineLimits limits, Runnable wake) {
    this.store = store;
    this.limits = limits;
    this.wake = wake;
  }

  int waiting() {
    return waitingCount;
  }

  void enqueue(Waiting w) {
    String key = w.request.model().name() + "@" + w.request.model().adapterHash().toHex();
    ModelQueue q = queues.computeIfAbsent(key, k -> new ModelQueue(k, w.request.model()));
    if (!q.backlogged()) {
      // VTC: a model that was idle starts level with the least-served backlogged model, banking no
      // credit
      long min = Long.MAX_VALUE;
      for (ModelQueue o : queues.values()) {
        if (o != q && o.backlogged()) {
          min = Math.min(min, o.served);
        }
      }
      if (min != Long.MAX_VALUE) {
        q.served = Math.max(q.served, min);
      }
    }
    q.waiting.add(w);
    waitingCount++;
  }

  /** Removes cancelled and expired waiting requests, and those whose adapter failed to load. */
  List<Dropped> dropDead(long now) {
    List<Dropped> out = new ArrayList<>();
    for (ModelQueue q : queues.values()) {
      for (Iterator<Waiting> it = q.waiting.iterator(); it.hasNext(); ) {
        Waiting w = it.next();
        if (w.handle.cancelled) {
          out.add(new Dropped(w, FinishReason.CANCELLED, null));
        } else if (now - w.request.deadlineNanos() >= 0) {
          out.add(
              new Dropped(w, FinishReason.TIMEOUT, "request timed out after waiting in the queue"));
        } else {
          continue;
        }
        it.remove();
        waitingCount--;
      }
      if (q.lease != null && q.lease.isFailed()) {
        String why = failure(q.lease);
        for (Waiting w : q.waiting) {
          out.add(new Dropped(w, FinishReason.FAILED, why));
          waitingCount--;
        }
        q.waiting.clear();
        q.draining = true; // deactivated once its running sequences (none can exist) are gone
      }
    }
    return out;
  }

  private static String failure(AdapterLease lease) {
    try {
      lease.ready().join();
      return "adapter failed to load";
    } catch (CompletionException e) {
      return e.getCause() == null ? e.toString() : e.getCause().getMessage();
    } catch (java.util.concurrent.CancellationException e) {
      return "adapter load was cancelled";
    }
  }

  /**
   * Activates pending models (least served first, ties oldest), ends expired time slices, and
   * prefetches adapters of the next pending models.
   */
  void plan(long step) {
    int active = 0;
    for (ModelQueue q : queues.values()) {
      if (q.active()) {
        active++;
      }
    }
    while (active < limits.maxActiveAdapters()) {
      ModelQueue next = null;
      for (ModelQueue q : queues.values()) {
        if (!q.active() && !q.waiting.isEmpty() && (next == null || before(q, next))) {
          next = q;
        }
      }
      if (next == null) {
        break;
      }
      next.lease = store.acquire(next.listing);
      next.lease.ready().whenComplete((a, x) -> wake.run());
      next.activeSince = step;
      next.draining = false;
      next.prefetched = false;
      active++;
    }
    boolean contention = false;
    List<ModelQueue> pending = new ArrayList<>();
    for (ModelQueue q : queues.values()) {
      if (!q.active() && !q.waiting.isEmpty()) {
        pending.add(q);
        contention = true;
      } else if (q.active() && q.lease.isWaitingForRoom()) {
        contention = true;
      }
    }
    if (contention) {
      for (ModelQueue q : queues.values()) {
        if (q.active()
            && !q.draining
            && q.lease.isReady()
            && step - q.activeSince >= limits.sliceSteps()) {
          q.draining = true;
        }
      }
    }
    if (!pending.isEmpty() && limits.prefetchDepth() > 0) {
      pending.sort(
          Comparator.comparingLong((ModelQueue q) -> q.served)
              .thenComparingLong(ModelQueue::headArrival));
      for (int i = 0; i < Math.min(limits.prefetchDepth(), pending.size()); i++) {
        ModelQueue q = pending.get(i);
        if (!q.prefetched) {
          store.prefetch(q.listing);
          q.prefetched = true;
        }
      }
    }
  }

  /**
   * The next request to admit, or null: least-served admissible model first, ties to the oldest
   * request.
   */
  Admission next() {
    ModelQueue best = null;
    for (ModelQueue q : queues.values()) {
      if (q.admissible() && (best == null || before(q, best))) {
        best = q;
      }
    }
    if (best == null) {
      return null;
    }
    Waiting w = best.waiting.poll();
    waitingCount--;
    best.running++;
    return new Admission(w, best);
  }

  /** Least served first, ties to the oldest waiting request. */
  private static boolean before(ModelQueue a, ModelQueue b) {
    return a.served < b.served || (a.served == b.served && a.headArrival() < b.headArrival());
  }

  /** Charges {@code tokens} of service to {@code q}. */
  void served(ModelQueue q, int tokens) {
    q.served += tokens;
  }

  void finished(ModelQueue q) {
    q.running--;
  }

  /** Releases the pins of active models with nothing left to run, and forgets idle models. */
  void deactivateIdle() {
    for (Iterator<ModelQueue> it = queues.values().iterator(); it.hasNext(); ) {
      ModelQueue q = it.next();
      if (q.active() && q.running == 0 && (q.draining || q.waiting.isEmpty())) {
        q.lease.close();
        q.lease = null;
        q.draining = false;
      }
      if (!q.active() && !q.backlogged()) {
        it.remove();
      }
    }
  }

  /** Empties every queue (shut-down) and releases every pin. */
  List<Waiting> drainAll() {
    List<Waiting> out = new ArrayList<>();
    for (ModelQueue q : queues.values()) {
      out.addAll(q.waiting);
      q.waiting.clear();
      if (q.lease != null) {
        q.lease.close();
        q.lease = null;
      }
    }
    queues.clear();
    waitingCount = 0;
    return out;
  }
}
