package dev.openledger.ledger.cluster;

import java.util.List;
import java.util.Optional;

/**
 * A validator's view of the cluster, for {@code /api/status}, {@code /api/cluster} and metrics.
 *
 * @param selfId this node
 * @param role {@code LEADER}, {@code FOLLOWER}, {@code CANDIDATE}, {@code LISTENER} or {@code
 *     STOPPED}
 * @param leaderId the leader this node knows of
 * @param term the Raft term
 * @param appliedIndex the last log entry applied here
 * @param commitIndex the last log entry known committed
 * @param snapshotIndex the log position of the newest snapshot (-1: none)
 * @param logStartIndex the first log entry still kept here (earlier ones were purged after a
 *     snapshot)
 * @param height the latest block stored here
 * @param attestedHeight the latest block whose state root a quorum of validators signed
 * @param peers the Raft group as this node sees it
 * @param validatorSetVersion the membership version
 * @param snapshotsInstalled snapshots this replica installed from a leader since it started
 * @param halted why this replica stopped applying blocks, when it did
 * @param evidence how many pieces of evidence this node holds
 */
public record ClusterStatus(
    String selfId,
    String role,
    Optional<String> leaderId,
    long term,
    long appliedIndex,
    long commitIndex,
    long snapshotIndex,
    long logStartIndex,
    long height,
    long attestedHeight,
    List<Peer> peers,
    long validatorSetVersion,
    long snapshotsInstalled,
    Optional<String> halted,
    int evidence) {
  public ClusterStatus {
    peers = List.copyOf(peers);
  }

  /**
   * A member of the group.
   *
   * @param id peer id
   * @param address Raft address
   * @param validator whether the validator set holds it
   * @param commitIndex the commit index this node last heard from it (-1: unknown)
   */
  public record Peer(String id, String address, boolean validator, long commitIndex) {}
}
