package dev.openledger.ledger.cluster;

import dev.openledger.core.codec.DecodeException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.proto.RaftProtos.RaftConfigurationProto;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftGroupMemberId;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.raftlog.RaftLog;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.SnapshotInfo;
import org.apache.ratis.statemachine.StateMachineStorage;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.util.LifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Ratis side of a replica: decodes each committed log entry and applies it to the {@link Replica} on
 * Ratis's applying thread, in log order; takes snapshots as RocksDB checkpoints and opens an installed one;
 * answers read-only requests (transactions forwarded to the leader) through the engine.
 *
 * <p>Ratis replays the log from the newest snapshot after a restart; entries the store already holds are
 * recognised by the log position stored with each block and skipped, so nothing is applied twice. An error
 * storing a block is not caught: Ratis then stops this server, and the node restarts from its store.
 */
final class LedgerStateMachine extends BaseStateMachine {
  private static final Logger log = LoggerFactory.getLogger(LedgerStateMachine.class);

  /** What the engine answers and hears. */
  interface Hooks {
    /** Answers a read-only request (a batch of forwarded transactions) on the leader. */
    CompletableFuture<Message> query(Message request);

    /** The leader is now {@code leaderId} (this node or another). */
    void leaderChanged(RaftPeerId leaderId);

    /** Ratis's own membership changed. */
    void configurationChanged(RaftConfigurationProto conf);
  }

  private final Replica replica;
  private final Hooks hooks;
  private final CheckpointStorage storage = new CheckpointStorage();

  LedgerStateMachine(Replica replica, Hooks hooks) {
    this.replica = replica;
    this.hooks = hooks;
  }

  @Override
  public void initialize(RaftServer server, RaftGroupId groupId, RaftStorage raftStorage) throws IOException {
    super.initialize(server, groupId, raftStorage);
    storage.init(raftStorage);
    getLifeCycle().startAndTransition(() -> {
      Optional<Path> newest = storage.newest();
      LogPosition stored = replica.persisted();
      if (newest.isPresent() && CheckpointStorage.termIndexOf(newest.get()).getIndex() > stored.index()) {
        // Ratis published a snapshot from the leader but the store was not replaced before a stop.
        replica.restore(newest.get());
      }
      SnapshotInfo s = storage.getLatestSnapshot();
      if (s != null) {
        setLastAppliedTermIndex(s.getTermIndex());
      }
      log.info("state machine ready: height {}, store at log position {}, latest snapshot {}", replica.head().header().height(), replica.persisted(), s);
    });
  }

  @Override
  public StateMachineStorage getStateMachineStorage() {
    return storage;
  }

  @Override
  public SnapshotInfo getLatestSnapshot() {
    return storage.getLatestSnapshot();
  }

  @Override
  public CompletableFuture<Message> applyTransaction(TransactionContext trx) {
    LogEntryProto entry = trx.getLogEntry();
    TermIndex ti = TermIndex.valueOf(entry);
    LogPosition pos = new LogPosition(ti.getTerm(), ti.getIndex());
    ApplyOutcome outcome;
    try {
      ClusterEntry decoded = ClusterEntry.decode(entry.getStateMachineLogEntry().getLogData().toByteArray());
      outcome = apply(pos, decoded);
    } catch (DecodeException e) {
      outcome = new ApplyOutcome("malformed", "log entry " + pos + " is not a cluster entry: " + e.getMessage());
    }
    updateLastAppliedTermIndex(ti);
    return CompletableFuture.completedFuture(Message.valueOf(ByteString.copyFrom(outcome.encode())));
  }

  private ApplyOutcome apply(LogPosition pos, ClusterEntry e) {
    if (e instanceof Proposal p) {
      return replica.applyProposal(pos, p);
    }
    AttestationBatch b = (AttestationBatch) e;
    replica.applyAttestations(b);
    return ApplyOutcome.applied(b.attestations().size() + " attestations");
  }

  @Override
  public CompletableFuture<Message> query(Message request) {
    return hooks.query(request);
  }

  /**
   * Checkpoints the store at the log position of its latest block (not beyond what the store holds, so
   * the snapshot and the position it names always agree).
   */
  @Override
  public long takeSnapshot() throws IOException {
    LogPosition at = replica.persisted();
    if (at.index() < 0) {
      return RaftLog.INVALID_LOG_INDEX;
    }
    SnapshotInfo latest = storage.getLatestSnapshot();
    if (latest != null && latest.getIndex() >= at.index()) {
      return latest.getIndex();
    }
    TermIndex ti = TermIndex.valueOf(at.term(), at.index());
    Path tmp = storage.tempDirFor(ti);
    LogPosition written = replica.checkpoint(tmp);
    if (!written.equals(at)) {
      throw new IllegalStateException("the store moved from " + at + " to " + written + " while it was checkpointed");
    }
    storage.publish(tmp, ti);
    log.info("snapshot at log position {} (height {})", at, replica.head().header().height());
    return at.index();
  }

  @Override
  public void pause() {
    if (getLifeCycleState() == LifeCycle.State.RUNNING) {
      getLifeCycle().transition(LifeCycle.State.PAUSING);
      getLifeCycle().transition(LifeCycle.State.PAUSED);
    }
  }

  /** After Ratis installed a snapshot from the leader: open it in place of the store. */
  @Override
  public void reinitialize() throws IOException {
    storage.refresh();
    Path newest = storage.newest().orElseThrow(() -> new IOException("reinitialize without a snapshot in " + storage.getSnapshotDir()));
    replica.restore(newest);
    setLastAppliedTermIndex(CheckpointStorage.termIndexOf(newest));
    if (getLifeCycleState() == LifeCycle.State.PAUSED) {
      getLifeCycle().transition(LifeCycle.State.STARTING);
      getLifeCycle().transition(LifeCycle.State.RUNNING);
    }
  }

  @Override
  public void notifyLeaderChanged(RaftGroupMemberId memberId, RaftPeerId leaderId) {
    hooks.leaderChanged(leaderId);
  }

  @Override
  public void notifyConfigurationChanged(long term, long index, RaftConfigurationProto conf) {
    hooks.configurationChanged(conf);
  }
}
