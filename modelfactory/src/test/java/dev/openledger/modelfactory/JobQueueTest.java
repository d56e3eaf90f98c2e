package dev.openledger.modelfactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.openledger.core.Result;
import dev.openledger.core.crypto.Hash;
import dev.openledger.modelfactory.job.JobEvent;
import dev.openledger.modelfactory.job.JobRecord;
import dev.openledger.modelfactory.job.JobState;
import dev.openledger.modelfactory.job.Submission;
import dev.openledger.modelfactory.registry.ModelRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job queue: persistence across restarts, order, cancellation, failures, events and the worker
 * thread.
 */
class JobQueueTest {
  @TempDir static Path shared;
  static Path base;
  static List<String> paragraphs;

  @BeforeAll
  static void setUp() throws Exception {
    base = TestBases.random(shared.resolve("base"));
    paragraphs = TestData.paragraphs(TestData.brown().genre('a').subList(0, 1));
  }

  static long submit(World w, Hash d, String name) throws IOException {
    Submission s = w.factory.submit(World.quick(name, base, d).epochs(1).build());
    assertThat(s).as("%s", s).isInstanceOf(Submission.Accepted.class);
    return ((Submission.Accepted) s).job().id();
  }

  @Test
  void queuedJobsSurviveARestartAndRunInOrder(@TempDir Path dir) throws Exception {
    Hash d;
    long first;
    long second;
    try (World w = new World(dir)) {
      d = w.datanet("news", paragraphs);
      first = submit(w, d, "news-model");
      second = submit(w, d, "news-model");
    }
    try (World w = new World(dir)) {
      assertThat(w.factory.jobs())
          .extracting(JobRecord::state)
          .containsExactly(JobState.QUEUED, JobState.QUEUED);
      List<Long> started = new CopyOnWriteArrayList<>();
      w.factory.addListener(
          e -> {
            if (e instanceof JobEvent.StateChanged s && s.state() == JobState.RUNNING) {
              started.add(s.jobId());
            }
          });
      assertThat(w.factory.runPending()).isEqualTo(2);
      assertThat(started).containsExactly(first, second);
      assertThat(w.factory.versions("news-model"))
          .extracting(ModelRecord::version, ModelRecord::jobId)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(1, first),
              org.assertj.core.groups.Tuple.tuple(2, second));
      assertThat(w.factory.job(second).orElseThrow().result().orElseThrow().version()).isEqualTo(2);
    }
  }

  @Test
  void aQueuedJobIsCancelledAtOnce(@TempDir Path dir) throws Exception {
    try (World w = new World(dir)) {
      long id = submit(w, w.datanet("news", paragraphs), "m");
      assertThat(w.factory.cancel(id).orElseThrow().state()).isEqualTo(JobState.CANCELLED);
      assertThat(w.factory.runPending()).isZero();
      assertThat(((Result.Err<JobRecord>) w.factory.cancel(id)).code()).isEqualTo("job_finished");
      assertThat(((Result.Err<JobRecord>) w.factory.cancel(99)).code()).isEqualTo("unknown_job");
    }
  }

  @Test
  void aRunningJobStopsAtTheNextStepWhenCancelled(@TempDir Path dir) throws Exception {
    try (World w = new World(dir)) {
      long id = submit(w, w.datanet("news", paragraphs), "m");
      w.factory.addListener(
          e -> {
            if (e instanceof JobEvent.Progress p && p.step() == 3) {
              try {
                w.factory.cancel(id).orElseThrow();
              } catch (IOException ex) {
                throw new java.io.UncheckedIOException(ex);
              }
            }
          });
      w.factory.runPending();
      JobRecord j = w.factory.job(id).orElseThrow();
      assertThat(j.state()).isEqualTo(JobState.CANCELLED);
      assertThat(w.factory.lossCurve(id)).hasSize(3);
      assertThat(w.factory.models()).isEmpty();
      assertThat(dir.resolve("modelfactory/jobs/" + id + "/work")).doesNotExist();
    }
  }

  @Test
  void aSnapshotThatNoLongerMatchesItsRootFailsTheJob(@TempDir Path dir) throws Exception {
    try (World w = new World(dir)) {
      long id = submit(w, w.datanet("news", paragraphs), "m");
      Path data = dir.resolve("modelfactory/jobs/" + id + "/data");
      try (Stream<Path> files = Files.list(data)) {
        Path snapshot = files.findFirst().orElseThrow();
        List<String> lines = Files.readAllLines(snapshot);
        Files.write(snapshot, lines.subList(0, lines.size() - 1)); // the last row removed
      }
      w.factory.runPending();
      JobRecord j = w.factory.job(id).orElseThrow();
      assertThat(j.state()).isEqualTo(JobState.FAILED);
      assertThat(j.failure().orElseThrow().code()).isEqualTo("io_error");
      assertThat(j.failure().orElseThrow().message()).contains("Merkle root");
      assertThat(w.factory.models()).isEmpty();
    }
  }

  @Test
  void listenersSeeStatesPhasesAndEveryStep(@TempDir Path dir) throws Exception {
    try (World w = new World(dir)) {
      Hash d = w.datanet("news", paragraphs);
      List<JobEvent> events = new CopyOnWriteArrayList<>();
      w.factory.addListener(events::add);
      long id = submit(w, d, "m");
      w.factory.runPending();
      List<JobEvent.Progress> steps =
          events.stream()
              .filter(JobEvent.Progress.class::isInstance)
              .map(JobEvent.Progress.class::cast)
              .toList();
      int total = steps.get(0).totalSteps();
      assertThat(steps)
          .extracting(JobEvent.Progress::step)
          .containsExactlyElementsOf(
              java.util.stream.IntStream.rangeClosed(1, total).boxed().toList());
      assertThat(steps)
          .allSatisfy(
              p -> {
                assertThat(p.jobId()).isEqualTo(id);
                assertThat(p.tokensPerSecond()).isPositive();
                assertThat(p.etaSeconds()).isNotNegative();
                assertThat(p.loss()).isPositive();
              });
      assertThat(steps.get(total - 1).etaSeconds()).isZero();
      assertThat(steps.get(total - 1).epoch()).isGreaterThanOrEqualTo(1.0);
      assertThat(
              events.stream()
                  .filter(JobEvent.Phase.class::isInstance)
                  .map(e -> ((JobEvent.Phase) e).phase())
                  .toList())
          .containsExactly("preparing", "training", "gradients", "evaluating", "artifacts");
      assertThat(
              events.stream()
                  .filter(JobEvent.StateChanged.class::isInstance)
                  .map(e -> ((JobEvent.StateChanged) e).state())
                  .toList())
          .containsExactly(JobState.QUEUED, JobState.RUNNING, JobState.SUCCEEDED);
      assertThat(w.factory.lossCurve(id)).hasSize(total);
    }
  }

  @Test
  void theBackgroundWorkerRunsSubmissionsAndPausesOnClose(@TempDir Path dir) throws Exception {
    long id;
    try (World w = new World(dir)) {
      Hash d = w.datanet("news", paragraphs);
      CountDownLatch twoSteps = new CountDownLatch(2);
      w.factory.addListener(
          e -> {
            if (e instanceof JobEvent.Progress) {
              twoSteps.countDown();
            }
          });
      w.factory.startWorker();
      id = submit(w, d, "m");
      assertThat(twoSteps.await(60, TimeUnit.SECONDS)).isTrue();
    } // closing stops the worker at a step boundary: the job stays RUNNING with a checkpoint
    try (World w = new World(dir)) {
      JobRecord paused = w.factory.job(id).orElseThrow();
      assertThat(paused.state()).isEqualTo(JobState.RUNNING);
      assertThat(dir.resolve("modelfactory/jobs/" + id + "/scratch/checkpoint.bin")).exists();
      CountDownLatch done = new CountDownLatch(1);
      w.factory.addListener(
          e -> {
            if (e instanceof JobEvent.StateChanged s && s.state().isFinal()) {
              done.countDown();
            }
          });
      w.factory.startWorker();
      assertThat(done.await(60, TimeUnit.SECONDS)).isTrue();
      assertThat(w.factory.job(id).orElseThrow().state()).isEqualTo(JobState.SUCCEEDED);
      assertThat(w.factory.job(id).orElseThrow().attempts()).isEqualTo(2);
    }
  }

  @Test
  void oneProcessAtATimeOwnsTheDataDirectory(@TempDir Path dir) throws Exception {
    try (World w = new World(dir)) {
      assertThatThrownBy(
              () ->
                  ModelFactory.open(
                      new ModelFactoryConfig(
                          dir.resolve("modelfactory"),
                          dev.openledger.ml.tensor.Kernels.best(),
                          w.settings,
                          java.time.Clock.systemUTC()),
                      w.datanets,
                      w.access))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("in use");
    }
  }
}
