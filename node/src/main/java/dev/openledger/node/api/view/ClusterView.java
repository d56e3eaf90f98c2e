package dev.openledger.node.api.view;

import dev.openledger.ledger.cluster.ClusterStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code cluster} part of {@code /api/status} and the body of {@code GET /api/cluster}.
 *
 * @param self this validator
 * @param role LEADER, FOLLOWER, CANDIDATE, LISTENER or STOPPED
 * @param leader the leader this node knows of
 * @param leaderApi the leader's API URL, when known
 * @param term Raft term
 * @param appliedIndex last log entry applied here
 * @param commitIndex last log entry known committed
 * @param snapshotIndex log position of the newest snapshot (-1: none)
 * @param logStartIndex first log entry still kept
 * @param height latest block stored here
 * @param attestedHeight latest block a quorum of validators signed the state root of
 * @param validatorSetVersion membership version
 * @param snapshotsInstalled snapshots installed from a leader since start
 * @param halted why this replica stopped applying blocks (divergence), if it did
 * @param evidence pieces of evidence held
 * @param peers the group
 */
public record ClusterView(
    String self,
    String role,
    Optional<String> leader,
    Optional<String> leaderApi,
    long term,
    long appliedIndex,
    long commitIndex,
    long snapshotIndex,
    long logStartIndex,
    long height,
    long attestedHeight,
    long validatorSetVersion,
    long snapshotsInstalled,
    Optional<String> halted,
    int evidence,
    List<PeerView> peers) {

  /**
   * A peer.
   *
   * @param id peer id
   * @param raft Raft address
   * @param api API URL, empty when unknown
   * @param validator in the validator set
   * @param commitIndex the commit index this node last heard from it (-1: unknown)
   */
  public record PeerView(String id, String raft, String api, boolean validator, long commitIndex) {}

  public static ClusterView of(ClusterStatus s, Map<String, String> apiUrls) {
    List<PeerView> peers = new ArrayList<>();
    for (ClusterStatus.Peer p : s.peers()) {
      peers.add(
          new PeerView(
              p.id(),
              p.address(),
              apiUrls.getOrDefault(p.id(), ""),
              p.validator(),
              p.commitIndex()));
    }
    return new ClusterView(
        s.selfId(),
        s.role(),
        s.leaderId(),
        s.leaderId().map(apiUrls::get),
        s.term(),
        s.appliedIndex(),
        s.commitIndex(),
        s.snapshotIndex(),
        s.logStartIndex(),
        s.height(),
        s.attestedHeight(),
        s.validatorSetVersion(),
        s.snapshotsInstalled(),
        s.halted(),
        s.evidence(),
        peers);
  }
}
