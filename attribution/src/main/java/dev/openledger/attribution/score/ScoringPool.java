package dev.openledger.attribution.score;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * Threads for scoring. Work is cut into blocks of {@link #BLOCK_ROWS} rows whatever the thread
 * count; callers reduce per-block partial results in block order, which keeps results independent
 * of scheduling.
 */
public final class ScoringPool implements AutoCloseable {
  /** Rows per block; fixed, because block boundaries decide the order of floating-point sums. */
  public static final int BLOCK_ROWS = 256;

  private final ForkJoinPool pool;
  private final int threads;

  public ScoringPool(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
    this.threads = threads;
    this.pool = threads == 1 ? null : new ForkJoinPool(threads);
  }

  /** A pool with one thread per available processor. */
  public static ScoringPool perCore() {
    return new ScoringPool(Runtime.getRuntime().availableProcessors());
  }

  public int threads() {
    return threads;
  }

  public static int blockCount(int rows) {
    return (rows + BLOCK_ROWS - 1) / BLOCK_ROWS;
  }

  /**
   * Runs {@code task} for every block index in {@code [0, blocks)}, in parallel; returns when all
   * are done.
   */
  public void forEachBlock(int blocks, IntConsumer task) {
    if (pool == null || blocks <= 1) {
      for (int b = 0; b < blocks; b++) {
        task.accept(b);
      }
      return;
    }
    try {
      pool.submit(() -> IntStream.range(0, blocks).parallel().forEach(task)).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("scoring was interrupted", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException("scoring failed", cause);
    }
  }

  @Override
  public void close() {
    if (pool != null) {
      pool.shutdown();
    }
  }
}
