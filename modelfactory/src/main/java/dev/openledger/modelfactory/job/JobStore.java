package dev.openledger.modelfactory.job;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.openledger.core.json.Json;
import dev.openledger.modelfactory.io.AtomicFiles;
import dev.openledger.modelfactory.spec.FineTuneSpec;
import dev.openledger.modelfactory.spec.SpecProblem;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Job records on disk, one directory per job:
 *
 * <pre>
 *   jobs/.lock                 held by the process that owns the queue
 *   jobs/&lt;id&gt;/job.json         the {@link JobRecord}, replaced atomically
 *   jobs/&lt;id&gt;/data/            the datanet snapshot (written at submission)
 *   jobs/&lt;id&gt;/loss.jsonl       the loss curve
 *   jobs/&lt;id&gt;/scratch/         checkpoint, gradient log, artifact staging (removed when the job ends)
 * </pre>
 *
 * A job directory is assembled as {@code jobs/.new-<id>/} and renamed into place, so it appears
 * complete or not at all; leftovers of an interrupted submission are removed at open. A refused
 * submission's id is not reused within the process (ids stay increasing; gaps are harmless).
 * Thread-safe.
 */
public final class JobStore implements AutoCloseable {
  public static final String RECORD = "job.json";

  private final Path root;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final TreeMap<Long, JobRecord> records = new TreeMap<>();
  private long nextId = 1;

  private JobStore(Path root, FileChannel lockChannel, FileLock lock) {
    this.root = root;
    this.lockChannel = lockChannel;
    this.lock = lock;
  }

  /**
   * The work that fills a new job's directory; returns the problems that refuse the job (empty:
   * keep it).
   */
  @FunctionalInterface
  public interface Populate {
    List<SpecProblem> into(Path jobDir) throws IOException;
  }

  /**
   * Opens the store, taking its lock.
   *
   * @throws IOException if another process (or another store in this one) holds the directory
   */
  public static JobStore open(Path root) throws IOException {
    Files.createDirectories(root);
    FileChannel ch =
        FileChannel.open(
            root.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = ch.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    }
    if (lock == null) {
      ch.close();
      throw new IOException("job directory " + root + " is in use by another process");
    }
    JobStore store = new JobStore(root, ch, lock);
    try {
      store.load();
    } catch (IOException | RuntimeException e) {
      store.close();
      throw e;
    }
    return store;
  }

  private void load() throws IOException {
    try (Stream<Path> entries = Files.list(root)) {
      for (Path p : entries.sorted().toList()) {
        String name = p.getFileName().toString();
        if (name.startsWith(".new-")) {
          AtomicFiles.deleteTree(p); // an interrupted submission: never acknowledged
        } else if (name.matches("[0-9]+") && Files.isDirectory(p)) {
          JobRecord r = read(p.resolve(RECORD));
          if (r.id() != Long.parseLong(name)) {
            throw new IOException(p.resolve(RECORD) + " holds job " + r.id());
          }
          records.put(r.id(), r);
        }
      }
    }
    nextId = records.isEmpty() ? 1 : records.lastKey() + 1;
  }

  private static JobRecord read(Path file) throws IOException {
    try {
      return Json.mapper().readValue(Files.readAllBytes(file), JobRecord.class);
    } catch (JsonProcessingException e) {
      throw new IOException(file + ": not a job record: " + e.getOriginalMessage(), e);
    }
  }

  /**
   * Creates a queued job: a new directory is filled by {@code populate}, its record written, and
   * the directory renamed into place. If {@code populate} reports problems, nothing is kept. The
   * filling runs outside the store's lock (it may export large datanets), so the worker is not held
   * up meanwhile.
   */
  public Submission create(FineTuneSpec spec, long nowMillis, Populate populate)
      throws IOException {
    long id;
    synchronized (this) {
      id = nextId++;
    }
    Path tmp = root.resolve(".new-" + id);
    try {
      AtomicFiles.deleteTree(tmp);
      Files.createDirectories(tmp);
      List<SpecProblem> problems = populate.into(tmp);
      if (!problems.isEmpty()) {
        return new Submission.Refused(problems);
      }
      JobRecord record = JobRecord.queued(id, spec, nowMillis);
      AtomicFiles.write(tmp.resolve(RECORD), bytes(record));
      AtomicFiles.fsyncTree(tmp);
      synchronized (this) {
        AtomicFiles.moveIntoPlace(tmp, dir(id));
        records.put(id, record);
      }
      return new Submission.Accepted(record);
    } finally {
      AtomicFiles.deleteTree(tmp);
    }
  }

  /** Replaces a job's record. */
  public synchronized void save(JobRecord record) throws IOException {
    if (!records.containsKey(record.id())) {
      throw new IllegalArgumentException("no job " + record.id());
    }
    AtomicFiles.write(dir(record.id()).resolve(RECORD), bytes(record));
    records.put(record.id(), record);
  }

  /** Every job, oldest first. */
  public synchronized List<JobRecord> all() {
    return new ArrayList<>(records.values());
  }

  public synchronized Optional<JobRecord> get(long id) {
    return Optional.ofNullable(records.get(id));
  }

  public Path dir(long id) {
    return root.resolve(Long.toString(id));
  }

  public Path dataDir(long id) {
    return dir(id).resolve("data");
  }

  public Path workDir(long id) {
    return dir(id).resolve("scratch");
  }

  public Path lossFile(long id) {
    return dir(id).resolve("loss.jsonl");
  }

  private static byte[] bytes(JobRecord r) {
    return (Json.writePretty(r) + "\n").getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public synchronized void close() throws IOException {
    try {
      if (lock.isValid()) {
        lock.release();
      }
    } finally {
      lockChannel.close();
    }
  }
}
