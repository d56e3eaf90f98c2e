package dev.openledger.ml.tensor;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A fixed pool of one worker per core for coarse-grained data parallelism: {@link #parallelFor}
 * splits an index range into one contiguous chunk per thread, the caller runs chunk 0 itself, and
 * the call returns when every chunk is done. No task objects are queued: workers wait on a
 * generation counter, spinning for a short while (consecutive kernels of one forward pass follow
 * each other within microseconds) and then parking, so an idle pool costs nothing.
 *
 * <p>Work whose estimated cost is below {@link #INLINE_FLOPS} runs on the caller alone: a hand-off
 * costs microseconds, more than a small kernel. A call made from inside a running chunk, or while
 * another thread is using the pool, also runs inline; results never depend on how the range was
 * split, because every kernel gives each output element to exactly one chunk.
 */
public final class WorkerPool implements AutoCloseable {

  /** Body of a parallel loop over {@code [from, to)}. */
  @FunctionalInterface
  public interface RangeBody {
    void run(int from, int to);
  }

  /** Below this many floating-point operations a loop is not worth handing to other threads. */
  public static final long INLINE_FLOPS = 60_000;

  private static final long SPIN_NANOS = 50_000;
  private static volatile WorkerPool shared;

  private final int threads;
  private final Thread[] workers;
  private final AtomicIntegerArray parked;
  private final ReentrantLock callerLock = new ReentrantLock();
  private final AtomicInteger pending = new AtomicInteger();
  private volatile long generation;
  private volatile boolean closed;
  private volatile RangeBody job;
  private volatile int jobN;
  private volatile int jobChunks;
  private volatile Throwable failure;

  /**
   * A pool of {@code threads} threads in all: the caller plus {@code threads - 1} daemon workers.
   */
  public WorkerPool(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("a pool needs at least one thread, got " + threads);
    }
    this.threads = threads;
    this.workers = new Thread[threads - 1];
    this.parked = new AtomicIntegerArray(threads - 1);
    for (int i = 0; i < workers.length; i++) {
      int chunk = i + 1;
      Thread t = new Thread(() -> workLoop(chunk), "ml-worker-" + chunk);
      t.setDaemon(true);
      workers[i] = t;
      t.start();
    }
  }

  /**
   * The process-wide pool: one thread per available processor, or the number in system property
   * {@code openledger.ml.threads}.
   */
  public static WorkerPool shared() {
    WorkerPool p = shared;
    if (p == null) {
      synchronized (WorkerPool.class) {
        p = shared;
        if (p == null) {
          int n =
              Integer.getInteger(
                  "openledger.ml.threads", Runtime.getRuntime().availableProcessors());
          p = new WorkerPool(Math.max(1, n));
          shared = p;
        }
      }
    }
    return p;
  }

  /** Number of threads, the caller included. */
  public int threads() {
    return threads;
  }

  /**
   * Runs {@code body} over {@code [0, n)} split into contiguous chunks, one per thread, or inline
   * when {@code n * flopsPerItem} is below {@link #INLINE_FLOPS}. Chunk {@code i} of {@code c} is
   * {@code [n*i/c, n*(i+1)/c)}.
   */
  public void parallelFor(int n, long flopsPerItem, RangeBody body) {
    if (n <= 0) {
      return;
    }
    if (threads == 1 || n == 1 || (long) n * flopsPerItem < INLINE_FLOPS || !callerLock.tryLock()) {
      body.run(0, n);
      return;
    }
    try {
      if (callerLock.getHoldCount() > 1) {
        body.run(0, n); // nested call from inside a chunk run by the caller
        return;
      }
      runShared(n, body);
    } finally {
      callerLock.unlock();
    }
  }

  private void runShared(int n, RangeBody body) {
    int chunks = Math.min(threads, n);
    failure = null;
    job = body;
    jobN = n;
    jobChunks = chunks;
    pending.set(chunks - 1);
    generation = generation + 1; // publishes the job (volatile write after the fields above)
    for (int i = 0; i < workers.length; i++) {
      if (parked.get(i) != 0) {
        LockSupport.unpark(workers[i]);
      }
    }
    try {
      body.run(0, (int) ((long) n / chunks));
    } finally {
      awaitWorkers();
      job = null;
    }
    Throwable t = failure;
    if (t != null) {
      failure = null;
      if (t instanceof RuntimeException re) {
        throw re;
      }
      if (t instanceof Error e) {
        throw e;
      }
      throw new IllegalStateException("worker failed", t);
    }
  }

  private void awaitWorkers() {
    int spins = 0;
    while (pending.get() > 0) {
      if (++spins < 2_000) {
        Thread.onSpinWait();
      } else {
        Thread.yield();
      }
    }
  }

  private void workLoop(int chunk) {
    long seen = 0;
    while (!closed) {
      long g = waitForGeneration(seen, chunk - 1);
      if (g == seen) {
        continue;
      }
      seen = g;
      int chunks = jobChunks;
      if (chunk >= chunks) {
        continue;
      }
      int n = jobN;
      RangeBody body = job;
      try {
        body.run((int) ((long) n * chunk / chunks), (int) ((long) n * (chunk + 1) / chunks));
      } catch (Throwable t) {
        failure = t;
      } finally {
        pending.decrementAndGet();
      }
    }
  }

  /** Spins, then parks, until the generation moves past {@code seen} or the pool closes. */
  private long waitForGeneration(long seen, int slot) {
    long start = System.nanoTime();
    int spins = 0;
    while (true) {
      long g = generation;
      if (g != seen || closed) {
        return g;
      }
      if ((++spins & 63) != 0 || System.nanoTime() - start < SPIN_NANOS) {
        Thread.onSpinWait();
        continue;
      }
      parked.set(slot, 1);
      // Re-check after announcing: a caller that published before seeing parked=true did not unpark
      // us.
      if (generation == seen && !closed) {
        LockSupport.park(this);
      }
      parked.set(slot, 0);
      start = System.nanoTime();
    }
  }

  @Override
  public void close() {
    closed = true;
    for (Thread t : workers) {
      LockSupport.unpark(t);
    }
  }
}
