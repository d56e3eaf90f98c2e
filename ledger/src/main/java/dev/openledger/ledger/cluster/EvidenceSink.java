package dev.openledger.ledger.cluster;

/**
 * Where detected misbehaviour goes besides the node's own record ({@code /api/cluster/evidence}, logs,
 * metrics) and the engine's slash reporter (which submits {@code staking/slash} transactions, see
 * {@link ClusterOptions.SlashReporting}): an extra hook for operators (paging, archiving). Called on the
 * thread that applies the log, once per evidence hash per process; it must not block.
 */
@FunctionalInterface
public interface EvidenceSink {
  void accept(SignedEvidence evidence);

  /** A sink that only keeps the node's own record. */
  EvidenceSink NONE = e -> {};
}
