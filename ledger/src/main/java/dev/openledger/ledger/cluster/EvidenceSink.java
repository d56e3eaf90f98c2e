package dev.openledger.ledger.cluster;

/**
 * Where detected misbehaviour goes besides the node's own record ({@code /api/cluster/evidence}, logs,
 * metrics). The staking module's slashing plugs in here: a sink that wraps the evidence bytes in its slash
 * message, signs it with the node's account key and submits it like any transaction. Called on the thread
 * that applies the log, once per evidence hash per process; it must not block.
 */
@FunctionalInterface
public interface EvidenceSink {
  void accept(SignedEvidence evidence);

  /** A sink that only keeps the node's own record. */
  EvidenceSink NONE = e -> {};
}
