package dev.openledger.ledger.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Snapshots and log truncation: with a snapshot every few entries and small log segments, the
 * leader purges its log while a follower is down; the follower, restarted, can no longer be sent
 * the entries it missed, installs the leader's RocksDB checkpoint, continues from the log, and ends
 * with the same chain.
 */
@SuppressWarnings("try") // TransferLoad.close() joins its sender threads, so it may be interrupted
class SnapshotCatchUpTest {
  @TempDir Path dir;
  TestCluster cluster;

  @AfterEach
  void close() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void aFollowerThatMissedManyBlocksInstallsASnapshotAndMatches() throws Exception {
    TestCluster c = TestCluster.create(dir, 3);
    c.options = c.options.withSnapshots(40, 16 * 1024);
    cluster = c;
    c.startAll();
    int leader = c.awaitLeader(Duration.ofSeconds(20));
    int lagging = (leader + 1) % 3;
    long missedFrom = c.engine(lagging).reader().height();
    long appliedBefore = c.engine(lagging).clusterStatus().appliedIndex();
    c.stop(lagging);

    History history = new History();
    try (TransferLoad load = new TransferLoad(c, history, 0)) {
      load.start();
      TestCluster.await(
          Duration.ofSeconds(90),
          "the leader to purge its log past the stopped follower",
          () -> {
            int l = c.awaitLeader(Duration.ofSeconds(20));
            ClusterStatus s = c.engine(l).clusterStatus();
            return s.logStartIndex() > appliedBefore + 1 && s.height() > missedFrom + 40;
          });
    }
    long leaderHeight = c.awaitConverged(Duration.ofSeconds(30));

    RatisEngine back = c.start(lagging);
    TestCluster.await(
        Duration.ofSeconds(60),
        "the restarted follower to install a snapshot",
        () -> back.clusterStatus().snapshotsInstalled() > 0);
    c.awaitHeight(leaderHeight, Duration.ofSeconds(60));
    long height = c.awaitConverged(Duration.ofSeconds(30));
    assertThat(new HashSet<>(c.stateRoots(height))).hasSize(1);
    assertThat(back.verifyChain().isOk()).as("the installed chain replays from genesis").isTrue();
    assertThat(back.reader().block(missedFrom + 1).orElseThrow().hash())
        .isEqualTo(
            c.engine(leader == lagging ? (lagging + 1) % 3 : leader)
                .reader()
                .block(missedFrom + 1)
                .orElseThrow()
                .hash());
  }
}
