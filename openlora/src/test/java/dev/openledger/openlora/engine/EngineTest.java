package dev.openledger.openlora.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openledger.core.Result;
import dev.openledger.core.crypto.Hash;
import dev.openledger.ml.generate.Sampler;
import dev.openledger.ml.tensor.VectorKernels;
import dev.openledger.openlora.Fixture;
import dev.openledger.openlora.chain.ModelListing;
import dev.openledger.openlora.metrics.ServingMetrics;
import dev.openledger.openlora.store.AdapterStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Continuous batching across adapters: exact outputs, the cache bound, fairness and limits. */
class EngineTest {
  private static final String[] TEXTS = {
    "The jury said",
    "She looked at the river and thought of the long summer days",
    "In the morning",
    "He wrote to the committee that the report would be ready before the end of the month and",
    "Models learn from data",
    "the town was quiet",
    "farmers brought their grain to the city"
  };

  @TempDir Path dir;

  /** Collects a request's tokens and its end. */
  static class Collect implements TokenSink {
    final List<Integer> tokens = new CopyOnWriteArrayList<>();
    final CompletableFuture<EngineResult> done = new CompletableFuture<>();

    @Override
    public boolean onToken(int token) {
      tokens.add(token);
      return true;
    }

    @Override
    public void onFinish(EngineResult result) {
      done.complete(result);
    }

    int[] array() {
      return tokens.stream().mapToInt(Integer::intValue).toArray();
    }

    EngineResult await() throws Exception {
      return done.get(60, TimeUnit.SECONDS);
    }
  }

  private static EngineRequest request(
      String id, ModelListing m, int[] prompt, int maxTokens, TokenSink sink) {
    return new EngineRequest(
        id,
        m,
        prompt,
        maxTokens,
        Sampler.greedy(),
        0,
        Set.of(Fixture.BASE.eosTokenId()),
        System.nanoTime() + TimeUnit.SECONDS.toNanos(60),
        sink);
  }

  private static ServingEngine engine(AdapterStore store, EngineLimits limits, ServingMetrics m) {
    return new ServingEngine(Fixture.BASE.weights(), VectorKernels.shared(), store, limits, m);
  }

  @Test
  void concurrentRequestsAcrossManyAdaptersEachEqualTheirAdapterAloneWithinTheCacheBound()
      throws Exception {
    Fixture f = new Fixture(dir, 12);
    long capacity = 3 * Fixture.adapterBytes();
    ServingMetrics metrics = new ServingMetrics();
    EngineLimits limits = new EngineLimits(6, 256, 3, 5, 16, 8, 2);
    List<int[]> prompts = new ArrayList<>();
    List<ModelListing> models = new ArrayList<>();
    List<Collect> sinks = new ArrayList<>();
    Random rnd = new Random(1);
    for (int i = 0; i < 48; i++) {
      models.add(f.models.get(i % 12));
      prompts.add(Fixture.prompt(TEXTS[rnd.nextInt(TEXTS.length)]));
      sinks.add(new Collect());
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < 48; i++) {
      order.add(i);
    }
    Collections.shuffle(order, rnd);
    try (AdapterStore store = new AdapterStore(Fixture.BASE.config(), capacity, 1, metrics);
        ServingEngine engine = engine(store, limits, metrics)) {
      ExecutorService clients = Executors.newFixedThreadPool(4);
      for (int i : order) {
        clients.execute(
            () ->
                assertThat(
                        engine
                            .submit(
                                request("r" + i, models.get(i), prompts.get(i), 12, sinks.get(i)))
                            .isOk())
                    .isTrue());
      }
      clients.shutdown();
      assertThat(clients.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
      Set<String> distinct = new HashSet<>();
      for (int i = 0; i < 48; i++) {
        EngineResult r = sinks.get(i).await();
        assertThat(r.reason()).isIn(FinishReason.STOP, FinishReason.LENGTH);
        int[] expected = Fixture.alone(models.get(i), prompts.get(i), 12);
        assertThat(sinks.get(i).array())
            .as("request %d on %s", i, models.get(i).name())
            .isEqualTo(expected);
        assertThat(r.completionTokens()).isEqualTo(expected.length);
        assertThat(r.promptTokens()).isEqualTo(prompts.get(i).length);
        distinct.add(models.get(i).name().length() + Arrays.toString(expected));
      }
      assertThat(distinct.size()).as("adapters change the output").isGreaterThan(12);
      AdapterStore.Stats s = store.stats();
      assertThat(s.highWaterBytes()).isLessThanOrEqualTo(capacity);
      assertThat(s.evictions()).isGreaterThan(0);
      assertThat(engine.stats().queued()).isZero();
    }
  }

  @Test
  void aPopularModelCannotStarveAnother() throws Exception {
    Fixture f = new Fixture(dir, 2);
    ServingMetrics metrics = new ServingMetrics();
    List<String> finished = new CopyOnWriteArrayList<>();
    try (AdapterStore store = new AdapterStore(Fixture.BASE.config(), 1 << 20, 1, metrics);
        ServingEngine engine = engine(store, new EngineLimits(2, 256, 2, 8, 16, 4, 2), metrics)) {
      for (ModelListing m : f.models) {
        try (var lease = store.acquire(m)) {
          lease
              .ready()
              .get(
                  30,
                  TimeUnit.SECONDS); // cached up front: the order then depends on scheduling alone
        }
      }
      List<Collect> all = new ArrayList<>();
      CountDownLatch submitted = new CountDownLatch(1);
      for (int i = 0; i < 25; i++) {
        String name = i < 24 ? "p" + i : "u";
        ModelListing m = f.models.get(i < 24 ? 0 : 1);
        boolean first = i == 0;
        Collect c =
            new Collect() {
              @Override
              public boolean onToken(int token) {
                if (first) {
                  try {
                    submitted.await(
                        30,
                        TimeUnit
                            .SECONDS); // holds the decode thread until all 25 are queued: test only
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                }
                return super.onToken(token);
              }

              @Override
              public void onFinish(EngineResult result) {
                finished.add(name);
                super.onFinish(result);
              }
            };
        all.add(c);
        assertThat(engine.submit(request(name, m, Fixture.prompt(TEXTS[1]), 16, c)).isOk())
            .isTrue();
      }
      submitted.countDown();
      for (Collect c : all) {
        c.await();
      }
    }
    // arriving behind 24 queued requests of the popular model, the other model's request gets the
    // next free slot
    assertThat(finished.indexOf("u")).isLessThan(6);
  }

  @Test
  void aFullQueueRefusesAtOnceAndEveryAcceptedRequestStillEnds() throws Exception {
    Fixture f = new Fixture(dir, 1);
    ServingMetrics metrics = new ServingMetrics();
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch go = new CountDownLatch(1);
    try (AdapterStore store = new AdapterStore(Fixture.BASE.config(), 1 << 20, 1, metrics);
        ServingEngine engine = engine(store, new EngineLimits(1, 2, 2, 8, 16, 4, 2), metrics)) {
      ModelListing m = f.models.get(0);
      Collect blocker =
          new Collect() {
            @Override
            public boolean onToken(int token) {
              started.countDown();
              try {
                go.await(30, TimeUnit.SECONDS); // holds the decode thread: a test-only sink
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              return super.onToken(token);
            }
          };
      assertThat(engine.submit(request("a", m, Fixture.prompt("x"), 3, blocker)).isOk()).isTrue();
      assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
      Collect b = new Collect();
      Collect c = new Collect();
      assertThat(engine.submit(request("b", m, Fixture.prompt("y"), 3, b)).isOk()).isTrue();
      assertThat(engine.submit(request("c", m, Fixture.prompt("z"), 3, c)).isOk()).isTrue();
      Result<RequestHandle> d =
          engine.submit(request("d", m, Fixture.prompt("w"), 3, new Collect()));
      assertThat(((Result.Err<RequestHandle>) d).code()).isEqualTo("queue_full");
      Result<RequestHandle> tooLong =
          engine.submit(request("e", m, Fixture.prompt("w"), 64, new Collect()));
      assertThat(((Result.Err<RequestHandle>) tooLong).code()).isEqualTo("context_length_exceeded");
      go.countDown();
      assertThat(blocker.await().admitted()).isTrue();
      assertThat(b.await().reason()).isIn(FinishReason.STOP, FinishReason.LENGTH);
      assertThat(c.await().reason()).isIn(FinishReason.STOP, FinishReason.LENGTH);
    }
  }

  @Test
  void expiredCancelledAndUnloadableRequestsEndWithTheirReason() throws Exception {
    Fixture f = new Fixture(dir, 1);
    ModelListing m = f.models.get(0);
    ModelListing tampered =
        new ModelListing(
            "tampered",
            m.baseModel(),
            m.adapterDir(),
            Hash.sha256(new byte[] {1}),
            m.pricePerToken(),
            m.developer());
    ServingMetrics metrics = new ServingMetrics();
    try (AdapterStore store = new AdapterStore(Fixture.BASE.config(), 1 << 20, 1, metrics);
        ServingEngine engine = engine(store, EngineLimits.defaults(), metrics)) {
      Collect late = new Collect();
      engine.submit(
          new EngineRequest(
              "late",
              m,
              Fixture.prompt("x"),
              5,
              Sampler.greedy(),
              0,
              Set.of(),
              System.nanoTime() - 1,
              late));
      EngineResult r = late.await();
      assertThat(r.reason()).isEqualTo(FinishReason.TIMEOUT);
      assertThat(r.admitted()).isFalse();

      AtomicReference<RequestHandle> handle = new AtomicReference<>();
      CountDownLatch submitted = new CountDownLatch(1);
      Collect cancelled =
          new Collect() {
            @Override
            public boolean onToken(int token) {
              try {
                submitted.await(10, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              handle.get().cancel();
              return super.onToken(token);
            }
          };
      handle.set(
          engine
              .submit(
                  new EngineRequest(
                      "c",
                      m,
                      Fixture.prompt("x"),
                      40,
                      Sampler.greedy(),
                      0,
                      Set.of(),
                      System.nanoTime() + TimeUnit.SECONDS.toNanos(30),
                      cancelled))
              .orElseThrow());
      submitted.countDown();
      EngineResult c = cancelled.await();
      assertThat(c.reason()).isEqualTo(FinishReason.CANCELLED);
      assertThat(c.admitted()).isTrue();
      assertThat(c.completionTokens()).isBetween(1, 2);

      Collect bad = new Collect();
      engine.submit(request("bad", tampered, Fixture.prompt("x"), 5, bad));
      EngineResult b = bad.await();
      assertThat(b.reason()).isEqualTo(FinishReason.FAILED);
      assertThat(b.error())
          .get()
          .asString()
          .contains("content hash")
          .contains("refusing to serve it");
      assertThat(bad.tokens).isEmpty();
    }
    assertThat(metrics.prometheus())
        .contains("openlora_requests_total{model=\"m0\",outcome=\"timeout\"} 1");
  }
}
