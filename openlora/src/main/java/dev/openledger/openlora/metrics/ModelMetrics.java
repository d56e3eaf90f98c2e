package dev.openledger.openlora.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** The metrics of one model (adapter). */
public final class ModelMetrics {
  final AtomicInteger queued = new AtomicInteger();
  final AtomicInteger running = new AtomicInteger();
  final LongAdder hits = new LongAdder();
  final LongAdder misses = new LongAdder();
  final LongAdder evictions = new LongAdder();
  final LongAdder promptTokens = new LongAdder();
  final LongAdder completionTokens = new LongAdder();
  final Histogram loadSeconds =
      new Histogram(0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1);
  final Histogram ttftSeconds =
      new Histogram(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10);
  final RateWindow tokenRate = new RateWindow();
  final Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();

  public void queued(int delta) {
    queued.addAndGet(delta);
  }

  public void running(int delta) {
    running.addAndGet(delta);
  }

  public void cacheHit() {
    hits.increment();
  }

  public void cacheMiss() {
    misses.increment();
  }

  public void evicted() {
    evictions.increment();
  }

  public void loaded(long nanos) {
    loadSeconds.observe(nanos / 1e9);
  }

  public void firstToken(long nanosSinceArrival) {
    ttftSeconds.observe(nanosSinceArrival / 1e9);
  }

  /** One generated token at time {@code nowNanos} ({@link System#nanoTime()}). */
  public void token(long nowNanos) {
    completionTokens.increment();
    tokenRate.add(nowNanos, 1);
  }

  public void prompt(int tokens) {
    promptTokens.add(tokens);
  }

  /** A request ended with {@code outcome} (e.g. {@code stop}, {@code length}, {@code timeout}). */
  public void finished(String outcome) {
    outcomes.computeIfAbsent(outcome, k -> new LongAdder()).increment();
  }

  public int queueLength() {
    return queued.get();
  }

  public long cacheHits() {
    return hits.sum();
  }

  public long cacheMisses() {
    return misses.sum();
  }

  public long cacheEvictions() {
    return evictions.sum();
  }

  public long completionTokens() {
    return completionTokens.sum();
  }

  public long loads() {
    return loadSeconds.count();
  }

  public long firstTokens() {
    return ttftSeconds.count();
  }
}
