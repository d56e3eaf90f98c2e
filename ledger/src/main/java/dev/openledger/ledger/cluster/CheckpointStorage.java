package dev.openledger.ledger.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.storage.FileInfo;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.SnapshotInfo;
import org.apache.ratis.statemachine.SnapshotRetentionPolicy;
import org.apache.ratis.statemachine.StateMachineStorage;
import org.apache.ratis.statemachine.impl.FileListSnapshotInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Snapshots as RocksDB checkpoints: {@code <raft storage>/sm/snapshot.<term>_<index>/} holds a
 * complete copy of the ledger database as of log entry {@code index}. Ratis sends a lagging
 * follower every file of the newest one and replaces the follower's {@code sm/} directory with
 * them; the state machine then opens that copy. Ratis writes an {@code .md5} file beside each
 * received file; those are not part of the database and are skipped.
 */
final class CheckpointStorage implements StateMachineStorage {
  private static final Logger log = LoggerFactory.getLogger(CheckpointStorage.class);
  private static final Pattern NAME = Pattern.compile("snapshot\\.(\\d+)_(\\d+)");

  /**
   * Snapshots kept: a follower may still be receiving an older one while newer ones are written.
   */
  static final int RETAINED = 3;

  private volatile Path smDir;
  private volatile Path tmpDir;
  private volatile SnapshotInfo latest;

  @Override
  public void init(RaftStorage storage) throws IOException {
    smDir = storage.getStorageDir().getStateMachineDir().toPath();
    tmpDir = storage.getStorageDir().getTmpDir().toPath();
    Files.createDirectories(smDir);
    refresh();
  }

  /** Re-reads the directory (after Ratis installed a snapshot from the leader). */
  void refresh() throws IOException {
    latest = newest().map(this::info).orElse(null);
  }

  @Override
  public SnapshotInfo getLatestSnapshot() {
    return latest;
  }

  @Override
  public void format() {}

  @Override
  public void cleanupOldSnapshots(SnapshotRetentionPolicy policy) throws IOException {
    List<Path> all = snapshots();
    for (int i = 0; i < all.size() - RETAINED; i++) {
      deleteTree(all.get(i));
      log.debug("deleted old snapshot {}", all.get(i).getFileName());
    }
  }

  @Override
  public java.io.File getSnapshotDir() {
    return smDir.toFile();
  }

  @Override
  public java.io.File getTmpDir() {
    return tmpDir.toFile();
  }

  /** The directory a snapshot at {@code ti} lives in. */
  Path dirOf(TermIndex ti) {
    return smDir.resolve("snapshot." + ti.getTerm() + "_" + ti.getIndex());
  }

  /**
   * A fresh temporary directory under {@code sm/} for writing a snapshot before it is renamed into
   * place.
   */
  Path tempDirFor(TermIndex ti) throws IOException {
    Path t = smDir.resolve("writing." + ti.getTerm() + "_" + ti.getIndex());
    if (Files.exists(t)) {
      deleteTree(t);
    }
    return t;
  }

  /** Publishes a written snapshot atomically and makes it the latest. */
  void publish(Path written, TermIndex ti) throws IOException {
    Files.move(written, dirOf(ti), StandardCopyOption.ATOMIC_MOVE);
    refresh();
  }

  /** The newest snapshot directory and its position, if any. */
  Optional<Path> newest() throws IOException {
    List<Path> all = snapshots();
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
  }

  static TermIndex termIndexOf(Path dir) {
    Matcher m = NAME.matcher(dir.getFileName().toString());
    if (!m.matches()) {
      throw new IllegalArgumentException(dir + " is not a snapshot directory");
    }
    return TermIndex.valueOf(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)));
  }

  /** The database files of a snapshot directory (without Ratis's {@code .md5} companions). */
  static List<Path> databaseFiles(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile)
          .filter(p -> !p.getFileName().toString().endsWith(".md5"))
          .sorted()
          .toList();
    }
  }

  private List<Path> snapshots() throws IOException {
    if (smDir == null || !Files.isDirectory(smDir)) {
      return List.of();
    }
    List<Path> out = new ArrayList<>();
    try (Stream<Path> s = Files.list(smDir)) {
      s.filter(p -> Files.isDirectory(p) && NAME.matcher(p.getFileName().toString()).matches())
          .forEach(out::add);
    }
    out.sort(Comparator.comparing(CheckpointStorage::termIndexOf));
    return out;
  }

  private SnapshotInfo info(Path dir) {
    try {
      List<FileInfo> files = new ArrayList<>();
      for (Path f : databaseFiles(dir)) {
        files.add(new FileInfo(f.toAbsolutePath(), null));
      }
      return new FileListSnapshotInfo(files, termIndexOf(dir));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list snapshot " + dir, e);
    }
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
