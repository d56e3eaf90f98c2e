package dev.openledger.openlora.engine;

import dev.openledger.core.Result;
import dev.openledger.ml.generate.Decoder;
import dev.openledger.ml.model.Parameters;
import dev.openledger.ml.tensor.Kernels;
import dev.openledger.ml.tensor.Mat;
import dev.openledger.ml.tensor.Rng;
import dev.openledger.openlora.metrics.ModelMetrics;
import dev.openledger.openlora.metrics.ServingMetrics;
import dev.openledger.openlora.store.AdapterStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Continuous batching on one decode thread (see the package documentation). {@link #submit} is
 * thread-safe and never blocks: it accepts a request into the queue or refuses it at once.
 */
public final class ServingEngine implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ServingEngine.class);
  private static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

  private final Decoder decoder;
  private final int maxSeqLen;
  private final EngineLimits limits;
  private final ServingMetrics metrics;
  private final Scheduler scheduler;
  private final ConcurrentLinkedQueue<Waiting> inbox = new ConcurrentLinkedQueue<>();
  private final AtomicInteger queued = new AtomicInteger();
  private final AtomicLong arrivals = new AtomicLong();
  private final AtomicLong steps = new AtomicLong();
  private final List<Running> running = new ArrayList<>();
  private final Thread thread;
  private volatile boolean closed;

  /** The batch size, published for {@link #stats()}. */
  private volatile int runningCount;

  /** A sequence in the batch. */
  private static final class Running {
    final Waiting w;
    final ModelQueue queue;
    final Decoder.Sequence seq;
    final Rng rng;
    final ModelMetrics metrics;
    int prefilled;
    int chunk;
    int generated;
    int last;

    Running(Waiting w, ModelQueue queue, Decoder.Sequence seq, ModelMetrics metrics) {
      this.w = w;
      this.queue = queue;
      this.seq = seq;
      this.rng = new Rng(w.request.seed());
      this.metrics = metrics;
    }

    boolean prefilling() {
      return prefilled < w.request.promptLength();
    }
  }

  /** Engine figures at one moment. */
  public record Stats(long steps, int running, int queued) {}

  /**
   * Starts the decode thread.
   *
   * @param base the base model's weights (read-only here)
   * @param kernels the kernels the decoder runs on
   * @param store where adapters come from
   * @param limits batch, queue and scheduling bounds
   * @param metrics where per-model figures go
   */
  public ServingEngine(
      Parameters base,
      Kernels kernels,
      AdapterStore store,
      EngineLimits limits,
      ServingMetrics metrics) {
    this.decoder = new Decoder(base, kernels);
    this.maxSeqLen = base.config().maxSeqLen();
    this.limits = limits;
    this.metrics = metrics;
    this.thread = new Thread(this::loop, "openlora-engine");
    this.scheduler = new Scheduler(store, limits, this::wake);
    thread.setDaemon(true);
    thread.start();
  }

  public EngineLimits limits() {
    return limits;
  }

  /** The model's context length: prompt plus completion tokens must fit in it. */
  public int maxSeqLen() {
    return maxSeqLen;
  }

  /**
   * Queues {@code r}, or refuses it: {@code queue_full} when {@code maxQueued} requests already
   * wait, {@code context_length_exceeded} when prompt plus {@code maxTokens} exceed the context,
   * {@code shut_down}.
   */
  public Result<RequestHandle> submit(EngineRequest r) {
    if (closed) {
      return Result.err("shut_down", "the serving engine is shutting down");
    }
    if ((long) r.promptLength() + r.maxTokens() > maxSeqLen) {
      return Result.err(
          "context_length_exceeded",
          "prompt ("
              + r.promptLength()
              + " tokens) plus max_tokens ("
              + r.maxTokens()
              + ") exceed the model's context of "
              + maxSeqLen
              + " tokens");
    }
    if (queued.incrementAndGet() > limits.maxQueued()) {
      queued.decrementAndGet();
      return Result.err(
          "queue_full", limits.maxQueued() + " requests are already waiting; retry later");
    }
    RequestHandle h = new RequestHandle(r.id(), this::wake);
    metrics.model(r.model().name()).queued(1);
    inbox.add(new Waiting(r, h, arrivals.incrementAndGet(), System.nanoTime()));
    wake();
    return Result.ok(h);
  }

  public Stats stats() {
    return new Stats(steps.get(), runningCount, queued.get());
  }

  private void wake() {
    LockSupport.unpark(thread);
  }

  // ---------------------------------------------------------------- the decode loop

  private void loop() {
    while (!closed) {
      try {
        if (!schedule()) {
          LockSupport.parkNanos(this, IDLE_PARK_NANOS);
          continue;
        }
        step();
      } catch (RuntimeException | Error e) {
        log.error("decode step failed; failing the running requests", e);
        for (Running r : new ArrayList<>(running)) {
          finish(r, FinishReason.FAILED, "the decode step failed: " + e);
        }
      }
    }
    shutDown();
  }

  /**
   * Moves arrivals into queues, drops dead requests, admits into free slots. Returns whether there
   * is work.
   */
  private boolean schedule() {
    for (Waiting w; (w = inbox.poll()) != null; ) {
      scheduler.enqueue(w);
    }
    long now = System.nanoTime();
    for (Scheduler.Dropped d : scheduler.dropDead(now)) {
      queued.decrementAndGet();
      ModelMetrics m = metrics.model(d.waiting().request.model().name());
      m.queued(-1);
      end(
          d.waiting(),
          m,
          new EngineResult(d.reason(), false, 0, 0, Optional.ofNullable(d.error())));
    }
    for (Running r : new ArrayList<>(running)) {
      if (r.w.handle.cancelled) {
        finish(r, FinishReason.CANCELLED, null);
      } else if (now - r.w.request.deadlineNanos() >= 0) {
        finish(r, FinishReason.TIMEOUT, "request timed out while generating");
      }
    }
    long step = steps.get();
    scheduler.plan(step);
    while (running.size() < limits.maxBatch()) {
      Scheduler.Admission a = scheduler.next();
      if (a == null) {
        break;
      }
      queued.decrementAndGet();
      ModelMetrics m = metrics.model(a.queue().listing.name());
      m.queued(-1);
      m.running(1);
      Running r = new Running(a.waiting(), a.queue(), decoder.start(a.queue().lease.adapter()), m);
      scheduler.served(a.queue(), a.waiting().request.promptLength());
      running.add(r);
    }
    scheduler.deactivateIdle();
    runningCount = running.size();
    return !running.isEmpty();
  }

  /**
   * One decode step: one token per decoding sequence, then prompt chunks within the token budget.
   */
  private void step() {
    List<Decoder.Feed> feeds = new ArrayList<>(running.size());
    List<Running> rows = new ArrayList<>(running.size());
    int budget = limits.stepTokens();
    for (Running r : running) {
      if (!r.prefilling()) {
        feeds.add(new Decoder.Feed(r.seq, new int[] {r.last}));
        rows.add(r);
        budget--;
      }
    }
    for (Running r : running) {
      if (r.prefilling() && budget > 0) {
        int n =
            Math.min(
                Math.min(r.w.request.promptLength() - r.prefilled, limits.prefillChunk()), budget);
        int[] chunk = new int[n];
        for (int i = 0; i < n; i++) {
          chunk[i] = r.w.request.promptToken(r.prefilled + i);
        }
        r.chunk = n;
        feeds.add(new Decoder.Feed(r.seq, chunk));
        rows.add(r);
        budget -= n;
      }
    }
    Mat logits = decoder.step(feeds);
    steps.incrementAndGet();
    metrics.step(feeds.size());
    long now = System.nanoTime();
    for (int i = 0; i < rows.size(); i++) {
      Running r = rows.get(i);
      if (r.prefilling()) {
        r.prefilled += r.chunk;
        if (r.prefilling()) {
          continue;
        }
        r.metrics.prompt(r.prefilled);
      }
      sample(r, logits.row(i).toArray(), now);
    }
  }

  private void sample(Running r, float[] logits, long now) {
    EngineRequest q = r.w.request;
    int token = q.sampler().sample(logits, r.rng);
    if (q.stopTokens().contains(token)) {
      finish(r, FinishReason.STOP, null);
      return;
    }
    r.generated++;
    r.last = token;
    scheduler.served(r.queue, 1);
    if (r.generated == 1) {
      r.metrics.firstToken(now - r.w.arrivalNanos);
    }
    r.metrics.token(now);
    boolean more;
    try {
      more = q.sink().onToken(token);
    } catch (RuntimeException e) {
      log.error("token sink of request {} failed", q.id(), e);
      finish(r, FinishReason.FAILED, "the response writer failed: " + e);
      return;
    }
    if (!more) {
      finish(r, FinishReason.STOP, null);
    } else if (r.generated >= q.maxTokens() || r.seq.remaining() == 0) {
      finish(r, FinishReason.LENGTH, null);
    }
  }

  private void finish(Running r, FinishReason reason, String error) {
    running.remove(r);
    scheduler.finished(r.queue);
    r.metrics.running(-1);
    int prompt = r.prefilling() ? r.prefilled : r.w.request.promptLength();
    end(
        r.w,
        r.metrics,
        new EngineResult(reason, true, prompt, r.generated, Optional.ofNullable(error)));
  }

  private static void end(Waiting w, ModelMetrics m, EngineResult result) {
    m.finished(result.reason().name().toLowerCase());
    try {
      w.request.sink().onFinish(result);
    } catch (RuntimeException e) {
      log.error("finish handler of request {} failed", w.request.id(), e);
    }
  }

  private void shutDown() {
    for (Running r : new ArrayList<>(running)) {
      finish(r, FinishReason.FAILED, "the serving engine shut down");
    }
    for (Waiting w; (w = inbox.poll()) != null; ) {
      scheduler.enqueue(w);
    }
    for (Waiting w : scheduler.drainAll()) {
      ModelMetrics m = metrics.model(w.request.model().name());
      m.queued(-1);
      end(
          w,
          m,
          new EngineResult(
              FinishReason.FAILED, false, 0, 0, Optional.of("the serving engine shut down")));
    }
    queued.set(0);
  }

  /**
   * Stops the decode thread; every request still queued or running ends as {@link
   * FinishReason#FAILED}.
   */
  @Override
  public void close() {
    closed = true;
    wake();
    try {
      thread.join(TimeUnit.SECONDS.toMillis(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    // a submit that raced with closing may have queued after the decode thread's last look
    for (Waiting w; (w = inbox.poll()) != null; ) {
      ModelMetrics m = metrics.model(w.request.model().name());
      m.queued(-1);
      end(
          w,
          m,
          new EngineResult(
              FinishReason.FAILED, false, 0, 0, Optional.of("the serving engine shut down")));
    }
  }
}
