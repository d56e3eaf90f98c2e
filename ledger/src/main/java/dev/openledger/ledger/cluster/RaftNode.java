package dev.openledger.ledger.cluster;

import dev.openledger.core.crypto.Hash;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.proto.RaftProtos.CommitInfoProto;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.StateMachine;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.util.SizeInBytes;
import org.apache.ratis.util.TimeDuration;

/**
 * This node's Ratis server and a Ratis client of its group, behind the few operations the engine
 * needs: submit an entry to the local server (only the leader's producer does), send an entry or a
 * read-only request to whoever leads, change the group's membership, and report role, leader and
 * indices.
 */
final class RaftNode implements AutoCloseable {
  private final RaftGroupId groupId;
  private final RaftPeerId selfId;
  private final RaftServer server;
  private final RaftClient client;
  private final ClientId localClientId = ClientId.randomId();
  private final AtomicLong callIds = new AtomicLong();

  private RaftNode(RaftGroupId groupId, RaftPeerId selfId, RaftServer server, RaftClient client) {
    this.groupId = groupId;
    this.selfId = selfId;
    this.server = server;
    this.client = client;
  }

  /** The group id every replica of a chain derives from its genesis hash. */
  static RaftGroupId groupIdOf(Hash genesisHash) {
    return RaftGroupId.valueOf(UUID.nameUUIDFromBytes(genesisHash.bytes()));
  }

  static RaftPeer peer(String id, String address) {
    return RaftPeer.newBuilder().setId(id).setAddress(address).build();
  }

  /** Starts the server (recovering its log when it has one) and a client of the group. */
  static RaftNode start(
      ClusterConfig config, Hash genesisHash, StateMachine sm, ClusterOptions options) {
    RaftGroupId gid = groupIdOf(genesisHash);
    List<RaftPeer> peers = new ArrayList<>();
    config.peers().forEach((id, address) -> peers.add(peer(id, address)));
    RaftProperties p = properties(config, options);
    RaftGroup startGroup =
        config.joining() ? RaftGroup.valueOf(gid) : RaftGroup.valueOf(gid, peers);
    try {
      RaftServer server =
          RaftServer.newBuilder()
              .setServerId(RaftPeerId.valueOf(config.selfId()))
              .setGroup(startGroup)
              .setProperties(p)
              .setStateMachine(sm)
              .setOption(RaftStorage.StartupOption.RECOVER)
              .build();
      server.start();
      RaftClient client =
          RaftClient.newBuilder()
              .setProperties(p)
              .setRaftGroup(RaftGroup.valueOf(gid, peers))
              .setRetryPolicy(
                  RetryPolicies.retryUpToMaximumCountWithFixedSleep(
                      20,
                      TimeDuration.valueOf(
                          options.electionTimeout().toMillis() / 2, TimeUnit.MILLISECONDS)))
              .build();
      return new RaftNode(gid, RaftPeerId.valueOf(config.selfId()), server, client);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot start the Raft server of " + config.selfId() + " on " + config.selfAddress(), e);
    }
  }

  private static RaftProperties properties(ClusterConfig config, ClusterOptions options) {
    RaftProperties p = new RaftProperties();
    RaftServerConfigKeys.setStorageDir(p, List.of(config.raftDir().toFile()));
    GrpcConfigKeys.Server.setHost(p, ClusterConfig.host(config.selfAddress()));
    GrpcConfigKeys.Server.setPort(p, ClusterConfig.port(config.selfAddress()));
    long min = options.electionTimeout().toMillis();
    RaftServerConfigKeys.Rpc.setTimeoutMin(p, TimeDuration.valueOf(min, TimeUnit.MILLISECONDS));
    RaftServerConfigKeys.Rpc.setTimeoutMax(p, TimeDuration.valueOf(2 * min, TimeUnit.MILLISECONDS));
    RaftServerConfigKeys.Rpc.setRequestTimeout(
        p, TimeDuration.valueOf(Math.max(3000, 3 * min), TimeUnit.MILLISECONDS));
    RaftServerConfigKeys.LeaderElection.setPreVote(p, true);
    RaftServerConfigKeys.Snapshot.setAutoTriggerEnabled(p, true);
    RaftServerConfigKeys.Snapshot.setAutoTriggerThreshold(p, options.snapshotEvery());
    RaftServerConfigKeys.Log.setPurgeUptoSnapshotIndex(p, true);
    RaftServerConfigKeys.Log.setPurgeGap(
        p, (int) Math.min(Integer.MAX_VALUE, Math.max(1, options.snapshotEvery() / 2)));
    RaftServerConfigKeys.Log.setSegmentSizeMax(p, SizeInBytes.valueOf(options.logSegmentBytes()));
    RaftServerConfigKeys.Log.setPreallocatedSize(
        p, SizeInBytes.valueOf(Math.min(options.logSegmentBytes(), 4L << 20)));
    // A proposal stays under RatisEngine.MAX_ENTRY_BYTES (3 MiB), below Ratis's 4 MiB entry limit.
    RaftServerConfigKeys.Log.Appender.setInstallSnapshotEnabled(p, true);
    // Snapshot files go in 1 MiB chunks, at most 4 unanswered; a stream to a follower that went
    // away waits 2 s per chunk before it is abandoned (with Ratis's defaults it blocked the
    // leader's appender to that follower for 24 s).
    RaftServerConfigKeys.Log.Appender.setSnapshotChunkSizeMax(p, SizeInBytes.valueOf(1 << 20));
    GrpcConfigKeys.Server.setInstallSnapshotRequestElementLimit(p, 4);
    GrpcConfigKeys.Server.setInstallSnapshotRequestTimeout(
        p, TimeDuration.valueOf(2, TimeUnit.SECONDS));
    return p;
  }

  /** Appends an entry through the local server; fails unless this node leads. */
  CompletableFuture<ApplyOutcome> submitLocal(byte[] entry) {
    RaftClientRequest req =
        RaftClientRequest.newBuilder()
            .setClientId(localClientId)
            .setServerId(selfId)
            .setGroupId(groupId)
            .setCallId(callIds.incrementAndGet())
            .setMessage(Message.valueOf(ByteString.copyFrom(entry)))
            .setType(RaftClientRequest.writeRequestType())
            .build();
    try {
      return server.submitClientRequestAsync(req).thenApply(RaftNode::outcome);
    } catch (IOException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /**
   * Appends an entry through the leader, blocking the calling thread (the client finds the leader
   * and retries across elections). Blocking calls do not share the async API's ordered sliding
   * window, so one request retrying against a dead leader does not hold back the others.
   */
  ApplyOutcome submitBlocking(byte[] entry) throws IOException {
    return outcome(client.io().send(Message.valueOf(ByteString.copyFrom(entry))));
  }

  /**
   * A read-only request answered by the leader's state machine, not logged, not ordered with
   * others.
   */
  CompletableFuture<byte[]> askLeader(byte[] request) {
    return client
        .async()
        .sendReadOnlyUnordered(Message.valueOf(ByteString.copyFrom(request)))
        .thenApply(
            r -> {
              if (!r.isSuccess()) {
                throw new IllegalStateException("the leader did not answer: " + r.getException());
              }
              return r.getMessage().getContent().toByteArray();
            });
  }

  private static ApplyOutcome outcome(RaftClientReply r) {
    if (!r.isSuccess()) {
      throw new IllegalStateException("the entry was not committed: " + r.getException());
    }
    return ApplyOutcome.decode(r.getMessage().getContent().toByteArray());
  }

  /** Asks the group to hold exactly {@code peers} (id to address). */
  RaftClientReply setConfiguration(Map<String, String> peers) throws IOException {
    List<RaftPeer> list = new ArrayList<>();
    peers.forEach((id, address) -> list.add(peer(id, address)));
    return client.admin().setConfiguration(list);
  }

  private Optional<RaftServer.Division> division() {
    try {
      return Optional.of(server.getDivision(groupId));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  boolean isLeaderReady() {
    return division().map(d -> d.getInfo().isLeader() && d.getInfo().isLeaderReady()).orElse(false);
  }

  boolean isLeader() {
    return division().map(d -> d.getInfo().isLeader()).orElse(false);
  }

  String role() {
    return division().map(d -> d.getInfo().getCurrentRole().name()).orElse("STOPPED");
  }

  Optional<String> leaderId() {
    return division().map(d -> d.getInfo().getLeaderId()).map(RaftPeerId::toString);
  }

  long term() {
    return division().map(d -> d.getInfo().getCurrentTerm()).orElse(0L);
  }

  long appliedIndex() {
    return division().map(d -> d.getInfo().getLastAppliedIndex()).orElse(-1L);
  }

  long commitIndex() {
    return division().map(d -> d.getRaftLog().getLastCommittedIndex()).orElse(-1L);
  }

  /** The first entry the log still holds. */
  long logStartIndex() {
    return division().map(d -> d.getRaftLog().getStartIndex()).orElse(-1L);
  }

  /** True when every entry known committed has been applied here. */
  boolean caughtUp() {
    return division()
        .map(d -> d.getInfo().getLastAppliedIndex() >= d.getRaftLog().getLastCommittedIndex())
        .orElse(false);
  }

  /** The group's current members (id to address). */
  Map<String, String> currentPeers() {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    division()
        .ifPresent(
            d ->
                d.getRaftConf()
                    .getCurrentPeers()
                    .forEach(p -> out.put(p.getId().toString(), p.getAddress())));
    return out;
  }

  /** False while a membership change is in progress. */
  boolean configurationStable() {
    return division().map(d -> d.getRaftConf().getPreviousPeers().isEmpty()).orElse(false);
  }

  /** Commit indices this node heard from each peer, by id. */
  Map<String, Long> commitInfos() {
    Map<String, Long> out = new java.util.HashMap<>();
    division()
        .ifPresent(
            d -> {
              Collection<CommitInfoProto> infos = d.getCommitInfos();
              for (CommitInfoProto c : infos) {
                out.put(c.getServer().getId().toStringUtf8(), c.getCommitIndex());
              }
            });
    return out;
  }

  @Override
  public void close() {
    try {
      client.close();
    } catch (IOException e) {
      throw new UncheckedIOException("closing the Raft client failed", e);
    } finally {
      try {
        server.close();
      } catch (IOException e) {
        throw new UncheckedIOException("closing the Raft server failed", e);
      }
    }
  }
}
