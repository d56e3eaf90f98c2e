package dev.openledger.ledger.cluster;

import dev.openledger.ledger.engine.MempoolLimits;
import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * How a replicated engine runs (chain rules are in genesis).
 *
 * @param verifierThreads workers checking signatures (admission, and followers' re-verification of blocks)
 * @param mempool pending-transaction bounds
 * @param clockMillis the leader's clock, read only to stamp new blocks
 * @param electionTimeout Raft's minimum election timeout (the maximum is twice it); failover takes about this
 * @param snapshotEvery log entries between snapshots; the log is purged up to each snapshot
 * @param logSegmentBytes size of a Raft log segment; only closed segments are purged
 * @param attestEvery how often this validator sends its collected attestations
 * @param evidenceSink where evidence goes besides the node's record
 */
public record ClusterOptions(
    int verifierThreads,
    MempoolLimits mempool,
    LongSupplier clockMillis,
    Duration electionTimeout,
    long snapshotEvery,
    long logSegmentBytes,
    Duration attestEvery,
    EvidenceSink evidenceSink) {
  public ClusterOptions {
    if (verifierThreads < 1) {
      throw new IllegalArgumentException("verifierThreads must be at least 1");
    }
    Objects.requireNonNull(mempool, "mempool");
    Objects.requireNonNull(clockMillis, "clockMillis");
    if (electionTimeout.toMillis() < 50) {
      throw new IllegalArgumentException("electionTimeout must be at least 50 ms");
    }
    if (snapshotEvery < 1 || logSegmentBytes < 16 * 1024) {
      throw new IllegalArgumentException("snapshotEvery must be positive and logSegmentBytes at least 16 KiB");
    }
    Objects.requireNonNull(attestEvery, "attestEvery");
    Objects.requireNonNull(evidenceSink, "evidenceSink");
  }

  /** A node's defaults: 1 s election timeout, a snapshot every 10,000 entries, 8 MiB log segments. */
  public static ClusterOptions defaults() {
    return new ClusterOptions(
        Runtime.getRuntime().availableProcessors(), MempoolLimits.defaults(), System::currentTimeMillis, Duration.ofSeconds(1), 10_000, 8L << 20,
        Duration.ofMillis(200), EvidenceSink.NONE);
  }

  public ClusterOptions withSnapshots(long every, long segmentBytes) {
    return new ClusterOptions(verifierThreads, mempool, clockMillis, electionTimeout, every, segmentBytes, attestEvery, evidenceSink);
  }

  public ClusterOptions withElectionTimeout(Duration timeout) {
    return new ClusterOptions(verifierThreads, mempool, clockMillis, timeout, snapshotEvery, logSegmentBytes, attestEvery, evidenceSink);
  }

  public ClusterOptions withEvidenceSink(EvidenceSink sink) {
    return new ClusterOptions(verifierThreads, mempool, clockMillis, electionTimeout, snapshotEvery, logSegmentBytes, attestEvery, sink);
  }

  public ClusterOptions withVerifierThreads(int n) {
    return new ClusterOptions(n, mempool, clockMillis, electionTimeout, snapshotEvery, logSegmentBytes, attestEvery, evidenceSink);
  }
}
