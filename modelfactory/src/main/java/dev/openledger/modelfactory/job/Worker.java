package dev.openledger.modelfactory.job;

import java.io.IOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs jobs one at a time: either on the caller's thread until nothing is runnable ({@link
 * #runUntilIdle}), or on a background thread that waits for submissions ({@link #start}). Closing
 * stops a running job at its next step boundary after a checkpoint; it stays RUNNING and resumes
 * when a worker next starts.
 */
// close() joins the job thread and so may be interrupted; callers want that InterruptedException,
// not a flag.
@SuppressWarnings("try")
public final class Worker implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Worker.class);
  private static final long IDLE_POLL_MILLIS = 1000;

  private final JobQueue queue;
  private final JobRunner runner;
  private volatile boolean stopping;
  private Thread thread;

  public Worker(JobQueue queue, JobRunner runner) {
    this.queue = queue;
    this.runner = runner;
  }

  /**
   * Runs runnable jobs on this thread until none is left (or the worker is closed); returns how
   * many ran.
   */
  public int runUntilIdle() throws IOException {
    int ran = 0;
    while (!stopping) {
      Optional<JobRecord> next = queue.takeNext();
      if (next.isEmpty()) {
        break;
      }
      runOne(next.get());
      ran++;
    }
    return ran;
  }

  /** Starts the background thread. */
  public synchronized void start() {
    if (thread != null) {
      throw new IllegalStateException("worker already started");
    }
    thread = new Thread(this::loop, "modelfactory-worker");
    thread.setDaemon(true);
    thread.start();
  }

  private void loop() {
    while (!stopping) {
      try {
        if (runUntilIdle() == 0 && !stopping) {
          queue.awaitSubmission(IDLE_POLL_MILLIS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (IOException e) {
        // the queue's own files failed (not a job's): nothing can run until that is fixed
        LOG.error("job queue I/O failed; worker stops", e);
        return;
      }
    }
  }

  private void runOne(JobRecord job) throws IOException {
    long id = job.id();
    try {
      JobRunner.Outcome o = runner.run(job, () -> stopping || queue.cancelRequested(id));
      if (o instanceof JobRunner.Succeeded s) {
        queue.finish(id, JobState.SUCCEEDED, Optional.of(s.result()), Optional.empty());
      } else if (queue.cancelRequested(id)) {
        queue.finish(id, JobState.CANCELLED, Optional.empty(), Optional.empty());
      } else {
        LOG.info(
            "job {} paused at step {}; it resumes when a worker starts",
            id,
            ((JobRunner.Interrupted) o).step());
        return;
      }
    } catch (IOException e) {
      LOG.error("job {} failed", id, e);
      queue.finish(
          id,
          JobState.FAILED,
          Optional.empty(),
          Optional.of(new JobRecord.Failure("io_error", e.toString())));
    } catch (RuntimeException e) {
      LOG.error("job {} failed", id, e);
      queue.finish(
          id,
          JobState.FAILED,
          Optional.empty(),
          Optional.of(new JobRecord.Failure("internal_error", e.toString())));
    }
    runner.cleanup(queue.get(id).orElseThrow());
  }

  /** Stops the worker: a running job checkpoints and stays RUNNING. Waits for the thread to end. */
  @Override
  public void close() throws InterruptedException {
    stopping = true;
    queue.wake();
    Thread t;
    synchronized (this) {
      t = thread;
    }
    if (t != null) {
      t.join();
    }
  }
}
