package dev.openledger.openlora.metrics;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/** Every model's {@link ModelMetrics} plus engine-wide figures, rendered as Prometheus text. */
public final class ServingMetrics {
  private final Map<String, ModelMetrics> models = new ConcurrentHashMap<>();
  private final AtomicLong cacheResident = new AtomicLong();
  private final AtomicLong cacheHighWater = new AtomicLong();
  private final AtomicLong cacheCapacity = new AtomicLong();
  private final AtomicLong batchSize = new AtomicLong();
  private final LongAdder steps = new LongAdder();

  /** The metrics of {@code model}, created on first use. */
  public ModelMetrics model(String model) {
    return models.computeIfAbsent(model, k -> new ModelMetrics());
  }

  public void cache(long residentBytes, long highWaterBytes, long capacityBytes) {
    cacheResident.set(residentBytes);
    cacheHighWater.set(highWaterBytes);
    cacheCapacity.set(capacityBytes);
  }

  /** One decode step ran {@code sequences} sequences. */
  public void step(int sequences) {
    steps.increment();
    batchSize.set(sequences);
  }

  /** The Prometheus text of everything, models sorted by name. */
  public String prometheus() {
    long now = System.nanoTime();
    Map<String, ModelMetrics> sorted = new TreeMap<>(models);
    PrometheusText t = new PrometheusText();
    gauge(
        t,
        sorted,
        "openlora_queue_length",
        "Requests waiting in the model's queue.",
        m -> m.queued.get());
    gauge(
        t,
        sorted,
        "openlora_running_sequences",
        "Sequences of the model in the running batch.",
        m -> m.running.get());
    counter(
        t,
        sorted,
        "openlora_cache_hits_total",
        "Times the model became active with its adapter already in the RAM cache.",
        m -> m.hits.sum());
    counter(
        t,
        sorted,
        "openlora_cache_misses_total",
        "Times the model became active and its adapter had to be loaded from disk.",
        m -> m.misses.sum());
    counter(
        t,
        sorted,
        "openlora_cache_evictions_total",
        "Times the adapter was evicted from the RAM cache.",
        m -> m.evictions.sum());
    histogram(
        t,
        sorted,
        "openlora_adapter_load_seconds",
        "Adapter load time from disk: read, verify hash, prepare.",
        m -> m.loadSeconds);
    histogram(
        t,
        sorted,
        "openlora_time_to_first_token_seconds",
        "Time from arrival to the first generated token.",
        m -> m.ttftSeconds);
    counter(
        t,
        sorted,
        "openlora_prompt_tokens_total",
        "Prompt tokens processed.",
        m -> m.promptTokens.sum());
    counter(
        t,
        sorted,
        "openlora_completion_tokens_total",
        "Tokens generated.",
        m -> m.completionTokens.sum());
    gauge(
        t,
        sorted,
        "openlora_tokens_per_second",
        "Tokens generated per second over the last 10 seconds.",
        m -> m.tokenRate.perSecond(now));
    t.header("openlora_requests_total", "counter", "Requests finished, by outcome.");
    sorted.forEach(
        (name, m) ->
            new TreeMap<>(m.outcomes)
                .forEach(
                    (outcome, n) ->
                        t.sample(
                            "openlora_requests_total",
                            PrometheusText.label("model", name)
                                + ","
                                + PrometheusText.label("outcome", outcome),
                            n.sum())));
    t.header(
            "openlora_cache_resident_bytes",
            "gauge",
            "Bytes of adapters held or reserved in the RAM cache.")
        .sample("openlora_cache_resident_bytes", "", cacheResident.get());
    t.header("openlora_cache_high_water_bytes", "gauge", "Most bytes the RAM cache has held.")
        .sample("openlora_cache_high_water_bytes", "", cacheHighWater.get());
    t.header("openlora_cache_capacity_bytes", "gauge", "The RAM cache's bound.")
        .sample("openlora_cache_capacity_bytes", "", cacheCapacity.get());
    t.header("openlora_batch_size", "gauge", "Sequences in the last decode step.")
        .sample("openlora_batch_size", "", batchSize.get());
    t.header("openlora_engine_steps_total", "counter", "Decode steps run.")
        .sample("openlora_engine_steps_total", "", steps.sum());
    return t.toString();
  }

  private static void gauge(
      PrometheusText t,
      Map<String, ModelMetrics> ms,
      String name,
      String help,
      ToDoubleFunction<ModelMetrics> f) {
    series(t, ms, name, "gauge", help, f);
  }

  private static void counter(
      PrometheusText t,
      Map<String, ModelMetrics> ms,
      String name,
      String help,
      ToDoubleFunction<ModelMetrics> f) {
    series(t, ms, name, "counter", help, f);
  }

  private static void series(
      PrometheusText t,
      Map<String, ModelMetrics> ms,
      String name,
      String type,
      String help,
      ToDoubleFunction<ModelMetrics> f) {
    t.header(name, type, help);
    ms.forEach(
        (model, m) -> t.sample(name, PrometheusText.label("model", model), f.applyAsDouble(m)));
  }

  private static void histogram(
      PrometheusText t,
      Map<String, ModelMetrics> ms,
      String name,
      String help,
      Function<ModelMetrics, Histogram> f) {
    t.header(name, "histogram", help);
    ms.forEach((model, m) -> f.apply(m).write(t, name, PrometheusText.label("model", model)));
  }
}
