package dev.openledger.openlora.bench;

import dev.openledger.ml.generate.Sampler;
import dev.openledger.ml.tensor.Kernels;
import dev.openledger.openlora.chain.ModelListing;
import dev.openledger.openlora.engine.EngineLimits;
import dev.openledger.openlora.engine.EngineRequest;
import dev.openledger.openlora.engine.EngineResult;
import dev.openledger.openlora.engine.ServingEngine;
import dev.openledger.openlora.engine.TokenSink;
import dev.openledger.openlora.metrics.ServingMetrics;
import dev.openledger.openlora.service.BaseModel;
import dev.openledger.openlora.store.AdapterStore;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/** The workload on the OpenLoRA engine, with requests submitted at their arrival times. */
final class EngineRun {
  private EngineRun() {}

  /** Per-request timestamps, written on the decode thread. */
  private static final class Timed implements TokenSink {
    final CountDownLatch done;
    long submitted;
    long first;
    long last;
    int tokens;
    EngineResult result;

    Timed(CountDownLatch done) {
      this.done = done;
    }

    @Override
    public boolean onToken(int token) {
      long now = System.nanoTime();
      if (tokens++ == 0) {
        first = now;
      }
      last = now;
      return true;
    }

    @Override
    public void onFinish(EngineResult r) {
      result = r;
      done.countDown();
    }
  }

  static Measured run(
      BaseModel base,
      Kernels kernels,
      List<ModelListing> adapters,
      Workload w,
      long cacheBytes,
      EngineLimits limits)
      throws InterruptedException {
    ServingMetrics metrics = new ServingMetrics();
    List<Workload.Item> items = w.items();
    Timed[] timed = new Timed[items.size()];
    CountDownLatch done = new CountDownLatch(items.size());
    long t0;
    long end;
    AdapterStore.Stats stats;
    try (AdapterStore store = new AdapterStore(base.config(), cacheBytes, 1, metrics);
        ServingEngine engine = new ServingEngine(base.weights(), kernels, store, limits, metrics)) {
      t0 = System.nanoTime();
      for (int i = 0; i < items.size(); i++) {
        Workload.Item it = items.get(i);
        long due = t0 + it.arrivalNanos();
        for (long now = System.nanoTime(); now < due; now = System.nanoTime()) {
          LockSupport.parkNanos(due - now);
        }
        timed[i] = new Timed(done);
        timed[i].submitted = System.nanoTime();
        EngineRequest r =
            new EngineRequest(
                "b" + i,
                adapters.get(it.adapter()),
                it.prompt(),
                it.outputTokens(),
                Sampler.greedy(),
                0,
                Set.of(),
                timed[i].submitted + TimeUnit.HOURS.toNanos(1),
                timed[i]);
        engine.submit(r).orElseThrow();
      }
      if (!done.await(30, TimeUnit.MINUTES)) {
        throw new IllegalStateException("the serving benchmark did not finish in 30 minutes");
      }
      end = 0;
      for (Timed t : timed) {
        end = Math.max(end, t.last);
      }
      stats = store.stats();
    }
    double[] ttft = new double[items.size()];
    double[] tpot = new double[items.size()];
    long tokens = 0;
    for (int i = 0; i < timed.length; i++) {
      Timed t = timed[i];
      if (t.tokens != items.get(i).outputTokens()) {
        throw new IllegalStateException(
            "request "
                + i
                + " produced "
                + t.tokens
                + " tokens, expected "
                + items.get(i).outputTokens()
                + ": "
                + t.result);
      }
      tokens += t.tokens;
      ttft[i] = (t.first - t.submitted) / 1e6;
      tpot[i] = t.tokens > 1 ? (t.last - t.first) / 1e6 / (t.tokens - 1) : 0;
    }
    double seconds = (end - t0) / 1e9;
    long memory = 4L * base.weights().data().length + stats.highWaterBytes();
    return new Measured(
        "openlora",
        w.adapters(),
        true,
        "",
        items.size(),
        tokens,
        seconds,
        tokens / seconds,
        items.size() / seconds,
        Percentiles.of(ttft, 50),
        Percentiles.of(ttft, 99),
        Percentiles.of(tpot, 50),
        Percentiles.of(tpot, 99),
        stats.loads(),
        stats.evictions(),
        memory);
  }
}
