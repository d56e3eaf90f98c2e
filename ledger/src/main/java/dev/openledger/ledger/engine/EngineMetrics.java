package dev.openledger.ledger.engine;

import java.util.Map;

/**
 * Counters since the engine started, for {@code /metrics} and {@code /api/status}.
 *
 * @param height latest committed height
 * @param mempoolSize transactions waiting
 * @param blocksProduced blocks this engine committed (genesis excluded)
 * @param txsCommitted transactions included (successful or not)
 * @param txsFailed included transactions whose message failed
 * @param txsDropped admitted transactions dropped while building a block
 * @param refusedByCode submissions refused at admission, by rejection code
 * @param lastBlockMillis how long building and storing the latest block took
 */
public record EngineMetrics(
    long height,
    int mempoolSize,
    long blocksProduced,
    long txsCommitted,
    long txsFailed,
    long txsDropped,
    Map<String, Long> refusedByCode,
    long lastBlockMillis) {
  public EngineMetrics {
    refusedByCode = Map.copyOf(refusedByCode);
  }
}
