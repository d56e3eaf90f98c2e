package dev.openledger.ledger.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openledger.ledger.engine.ChainReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults on a 3-validator cluster under steady transfer load (the shape of Besu's QBFT soak test,
 * scaled to CI), with every client operation recorded and the history checked against the replicas
 * afterwards.
 */
@SuppressWarnings("try") // TransferLoad.close() joins its sender threads, so it may be interrupted
class ClusterFaultTest {
  @TempDir Path dir;
  TestCluster cluster;

  @AfterEach
  void close() {
    if (cluster != null) {
      cluster.close();
    }
  }

  /**
   * Stop one validator: blocks continue. Stop a second: no block is committed while one is up.
   * Restart both: blocks resume. Then every acknowledged transfer is on every replica, supply is
   * conserved, and all replicas hold the same blocks and state roots.
   */
  @Test
  void stopOneProgressStopTwoStallRestartResume() throws Exception {
    cluster = TestCluster.create(dir, 3);
    cluster.startAll();
    int leader = cluster.awaitLeader(Duration.ofSeconds(20));
    History history = new History();
    try (TransferLoad load = new TransferLoad(cluster, history, 5)) {
      load.start();
      awaitProgress(3, Duration.ofSeconds(30));
      Thread.sleep(2000);

      cluster.stop(leader);
      awaitProgress(3, Duration.ofSeconds(30));
      Thread.sleep(2000);

      int second = cluster.running().get(0);
      int survivor = cluster.running().get(1);
      cluster.stop(second);
      Thread.sleep(1500); // a block already in flight may still land
      long stalled = cluster.engine(survivor).reader().height();
      long stallStart = System.nanoTime();
      Thread.sleep(3000);
      assertThat(cluster.engine(survivor).reader().height())
          .as("no block with one validator of three")
          .isEqualTo(stalled);
      long stallEnd = System.nanoTime();
      assertThat(
              history.ops().stream()
                  .filter(
                      o ->
                          o.type() == History.Type.OK
                              && o.completedNanos() > stallStart
                              && o.completedNanos() < stallEnd))
          .as("nothing acknowledged while one of three runs")
          .isEmpty();

      cluster.start(leader);
      cluster.start(second);
      awaitProgressFrom(stalled, 3, Duration.ofSeconds(40));
      Thread.sleep(2000);
    }
    long height = cluster.awaitConverged(Duration.ofSeconds(30));
    assertThat(new HashSet<>(cluster.stateRoots(height)))
        .as("state roots at height %d", height)
        .hasSize(1);
    assertThat(history.count(History.Type.OK)).as("acknowledged transfers").isGreaterThan(20);
    List<ChainReader> readers = new ArrayList<>();
    for (int i : cluster.running()) {
      readers.add(cluster.engine(i).reader());
      assertThat(cluster.engine(i).verifyChain().isOk()).isTrue();
    }
    HistoryChecker.check(history, readers, cluster.engine(0).chain().bank(), cluster.genesis);
  }

  /**
   * The leader is stopped and restarted four times under load; clients retry the same signed
   * transfer on other validators until they learn its outcome. No acknowledged transfer is lost or
   * applied twice, and the committed order replays serially to the replicas' balances.
   */
  @Test
  void repeatedLeaderFailoverKeepsAHistoryThatChecks() throws Exception {
    cluster = TestCluster.create(dir, 3);
    cluster.startAll();
    cluster.awaitLeader(Duration.ofSeconds(20));
    History history = new History();
    try (TransferLoad load = new TransferLoad(cluster, history, 2)) {
      load.start();
      for (int round = 0; round < 4; round++) {
        awaitProgress(2, Duration.ofSeconds(30));
        int leader = cluster.awaitLeader(Duration.ofSeconds(20));
        cluster.stop(leader);
        awaitProgress(1, Duration.ofSeconds(30));
        cluster.start(leader);
      }
      awaitProgress(2, Duration.ofSeconds(30));
    }
    cluster.awaitConverged(Duration.ofSeconds(30));
    List<ChainReader> readers =
        cluster.running().stream().map(i -> cluster.engine(i).reader()).toList();
    HistoryChecker.check(history, readers, cluster.engine(0).chain().bank(), cluster.genesis);
    assertThat(history.count(History.Type.OK)).isGreaterThan(20);
  }

  private void awaitProgress(int blocks, Duration timeout) {
    long from =
        cluster.running().stream()
            .mapToLong(i -> cluster.engine(i).reader().height())
            .max()
            .orElse(0);
    awaitProgressFrom(from, blocks, timeout);
  }

  private void awaitProgressFrom(long from, int blocks, Duration timeout) {
    TestCluster.await(
        timeout,
        (blocks) + " blocks after height " + from,
        () ->
            cluster.running().stream()
                .anyMatch(i -> cluster.engine(i).reader().height() >= from + blocks));
  }
}
