package dev.openledger.modelfactory.job;

import dev.openledger.core.Result;
import dev.openledger.modelfactory.spec.FineTuneSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job queue: submissions, state transitions, cancellation and event fan-out over a {@link
 * JobStore}. The worker takes jobs in order — an interrupted RUNNING job first (resume), then the
 * oldest QUEUED one. Thread-safe.
 */
public final class JobQueue implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(JobQueue.class);

  private final JobStore store;
  private final Clock clock;
  private final List<JobListener> listeners = new CopyOnWriteArrayList<>();
  private final Map<Long, JobEvent.Progress> progress = new ConcurrentHashMap<>();
  private final Map<Long, JobEvent.Phase> phases = new ConcurrentHashMap<>();
  private final Object signal = new Object();

  private JobQueue(JobStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /** Opens the queue over {@code jobsDir} (locking it). */
  public static JobQueue open(Path jobsDir, Clock clock) throws IOException {
    return new JobQueue(JobStore.open(jobsDir), clock);
  }

  public JobStore store() {
    return store;
  }

  /**
   * Queues a job whose directory {@code populate} fills; refused (and nothing kept) if it reports
   * problems.
   */
  public Submission submit(FineTuneSpec spec, JobStore.Populate populate) throws IOException {
    Submission s = store.create(spec, clock.millis(), populate);
    if (s instanceof Submission.Accepted a) {
      LOG.info(
          "job {} queued: {} on {} datanet version(s)",
          a.job().id(),
          spec.name(),
          spec.datanets().size());
      publish(new JobEvent.StateChanged(a.job().id(), JobState.QUEUED, ""));
      synchronized (signal) {
        signal.notifyAll();
      }
    }
    return s;
  }

  public List<JobRecord> list() {
    return store.all();
  }

  public Optional<JobRecord> get(long id) {
    return store.get(id);
  }

  /**
   * Cancels a job: a queued one at once; a running one at its next step boundary (the request is
   * saved, so it holds across a restart).
   *
   * @return the job's record, or {@code unknown_job} / {@code job_finished}
   */
  public synchronized Result<JobRecord> cancel(long id) throws IOException {
    Optional<JobRecord> job = store.get(id);
    if (job.isEmpty()) {
      return Result.err("unknown_job", "no job " + id);
    }
    JobRecord j = job.get();
    if (j.state().isFinal()) {
      return Result.err("job_finished", "job " + id + " already ended " + j.state());
    }
    if (j.state() == JobState.QUEUED) {
      JobRecord c = j.cancelled(clock.millis());
      store.save(c);
      publish(new JobEvent.StateChanged(id, JobState.CANCELLED, "cancelled before it started"));
      return Result.ok(c);
    }
    JobRecord c = j.cancelRequested(clock.millis());
    store.save(c);
    return Result.ok(c);
  }

  /** Whether a cancel was requested for job {@code id}. */
  public boolean cancelRequested(long id) {
    return store.get(id).map(JobRecord::cancelRequested).orElse(false);
  }

  /** Takes the next job to run and marks it started; empty when nothing is runnable. */
  synchronized Optional<JobRecord> takeNext() throws IOException {
    Optional<JobRecord> next =
        store.all().stream()
            .filter(j -> j.state() == JobState.RUNNING)
            .findFirst()
            .or(() -> store.all().stream().filter(j -> j.state() == JobState.QUEUED).findFirst());
    if (next.isEmpty()) {
      return next;
    }
    JobRecord started = next.get().started(clock.millis());
    store.save(started);
    publish(
        new JobEvent.StateChanged(
            started.id(),
            JobState.RUNNING,
            started.attempts() > 1 ? "resumed (attempt " + started.attempts() + ")" : ""));
    return Optional.of(started);
  }

  /** Ends a job in {@code state} (SUCCEEDED with a result, FAILED with a failure, or CANCELLED). */
  synchronized JobRecord finish(
      long id, JobState state, Optional<JobResult> result, Optional<JobRecord.Failure> failure)
      throws IOException {
    JobRecord j = store.get(id).orElseThrow();
    long now = clock.millis();
    JobRecord done =
        switch (state) {
          case SUCCEEDED -> j.succeeded(result.orElseThrow(), now);
          case FAILED -> j.failed(failure.orElseThrow(), now);
          case CANCELLED -> j.cancelled(now);
          default -> throw new IllegalArgumentException("not a final state: " + state);
        };
    store.save(done);
    progress.remove(id);
    phases.remove(id);
    String detail =
        result
            .map(r -> r.model() + " v" + r.version() + ": " + r.evaluation())
            .or(() -> failure.map(JobRecord.Failure::message))
            .orElse("");
    publish(new JobEvent.StateChanged(id, state, detail));
    return done;
  }

  /** Waits up to {@code millis} for a submission. */
  void awaitSubmission(long millis) throws InterruptedException {
    synchronized (signal) {
      signal.wait(millis);
    }
  }

  void wake() {
    synchronized (signal) {
      signal.notifyAll();
    }
  }

  public void addListener(JobListener l) {
    listeners.add(l);
  }

  public void removeListener(JobListener l) {
    listeners.remove(l);
  }

  /** The last progress event of a running job. */
  public Optional<JobEvent.Progress> lastProgress(long id) {
    return Optional.ofNullable(progress.get(id));
  }

  /** The phase a running job is in (its last phase event), for subscribers that arrive late. */
  public Optional<JobEvent.Phase> lastPhase(long id) {
    return Optional.ofNullable(phases.get(id));
  }

  /** Sends {@code e} to every listener (a listener that throws is logged and kept). */
  public void publish(JobEvent e) {
    if (e instanceof JobEvent.Progress p) {
      progress.put(p.jobId(), p);
    } else if (e instanceof JobEvent.Phase ph) {
      phases.put(ph.jobId(), ph);
    }
    for (JobListener l : listeners) {
      try {
        l.onEvent(e);
      } catch (RuntimeException ex) {
        LOG.warn("job listener {} failed on {}", l, e.type(), ex);
      }
    }
  }

  @Override
  public void close() throws IOException {
    store.close();
  }
}
