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
 * @param slashing whether and how this validator turns evidence into {@code staking/slash} transactions
 * @param evidenceSink where evidence goes besides the node's record and the slash reporter
 */
public record ClusterOptions(
    int verifierThreads,
    MempoolLimits mempool,
    LongSupplier clockMillis,
    Duration electionTimeout,
    long snapshotEvery,
    long logSegmentBytes,
    Duration attestEvery,
    SlashReporting slashing,
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
    Objects.requireNonNull(slashing, "slashing");
    Objects.requireNonNull(evidenceSink, "evidenceSink");
  }

  /**
   * Whether this validator reports evidence to the chain. Every validator that is not the offender reports,
   * the k-th in the validator set (the offender left out) after {@code k * stagger}, and only when the chain
   * has not slashed the fault yet, so that usually one transaction (one fee) lands per fault.
   *
   * @param enabled false: evidence is recorded and served, never submitted
   * @param stagger the delay between one reporter's turn and the next
   */
  public record SlashReporting(boolean enabled, Duration stagger) {
    public static final SlashReporting OFF = new SlashReporting(false, Duration.ZERO);

    public SlashReporting {
      Objects.requireNonNull(stagger, "stagger");
      if (stagger.isNegative()) {
        throw new IllegalArgumentException("stagger must not be negative");
      }
    }

    /** Reporting on, 2 s between reporters (ten blocks at the devnet's block time). */
    public static SlashReporting defaults() {
      return new SlashReporting(true, Duration.ofSeconds(2));
    }
  }

  /** A node's defaults: 1 s election timeout, a snapshot every 10,000 entries, 8 MiB log segments, slash reporting on. */
  public static ClusterOptions defaults() {
    return new ClusterOptions(
        Runtime.getRuntime().availableProcessors(), MempoolLimits.defaults(), System::currentTimeMillis, Duration.ofSeconds(1), 10_000, 8L << 20,
        Duration.ofMillis(200), SlashReporting.defaults(), EvidenceSink.NONE);
  }

  public ClusterOptions withSnapshots(long every, long segmentBytes) {
    return new ClusterOptions(verifierThreads, mempool, clockMillis, electionTimeout, every, segmentBytes, attestEvery, slashing, evidenceSink);
  }

  public ClusterOptions withElectionTimeout(Duration timeout) {
    return new ClusterOptions(verifierThreads, mempool, clockMillis, timeout, snapshotEvery, logSegmentBytes, attestEvery, slashing, evidenceSink);
  }

  public ClusterOptions withEvidenceSink(EvidenceSink sink) {
    return new ClusterOptions(verifierThreads, mempool, clockMillis, electionTimeout, snapshotEvery, logSegmentBytes, attestEvery, slashing, sink);
  }

  public ClusterOptions withSlashReporting(SlashReporting reporting) {
    return new ClusterOptions(verifierThreads, mempool, clockMillis, electionTimeout, snapshotEvery, logSegmentBytes, attestEvery, reporting, evidenceSink);
  }

  public ClusterOptions withVerifierThreads(int n) {
    return new ClusterOptions(n, mempool, clockMillis, electionTimeout, snapshotEvery, logSegmentBytes, attestEvery, slashing, evidenceSink);
  }
}
