package dev.openledger.modelfactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import dev.openledger.core.crypto.Hash;
import dev.openledger.core.json.Json;
import dev.openledger.ml.train.Checkpoint;
import dev.openledger.modelfactory.job.JobEvent;
import dev.openledger.modelfactory.job.JobRecord;
import dev.openledger.modelfactory.job.JobState;
import dev.openledger.modelfactory.job.JobStore;
import dev.openledger.modelfactory.job.Submission;
import dev.openledger.modelfactory.registry.ModelRecord;
import dev.openledger.modelfactory.run.FineTuneRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job killed with SIGKILL mid-training (a separate JVM) resumes from its last checkpoint when the
 * node starts again and ends with exactly the adapter, gradient store and artifact set of an
 * uninterrupted run.
 */
class KillResumeTest {
  private static final long CHILD_TIMEOUT_SECONDS = 120;

  @Test
  void killedJobResumesToTheSameBytes(@TempDir Path tmp) throws Exception {
    Path base = TestBases.random(tmp.resolve("base"));
    List<String> paragraphs = TestData.paragraphs(TestData.brown().genre('a').subList(0, 3));
    Path node = tmp.resolve("killed");
    long jobId;
    try (World w = new World(node)) {
      Hash d = w.datanet("news", paragraphs);
      Submission s =
          w.factory.submit(World.quick("resumed", base).epochs(3).datanet(d.toHex()).build());
      jobId = ((Submission.Accepted) s).job().id();
    }
    Path jobDir = node.resolve("modelfactory/jobs").resolve(Long.toString(jobId));

    // run the job (3 epochs, 108 steps) in another JVM and kill it (SIGKILL) inside the last epoch,
    // while it writes per-example gradients as well as checkpoints
    Process child =
        new ProcessBuilder(javaCommand(node, 30))
            .redirectErrorStream(true)
            .redirectOutput(tmp.resolve("child.log").toFile())
            .start();
    int stepsAtKill = waitForSteps(child, jobDir.resolve("loss.jsonl"), 80);
    child.destroyForcibly(); // SIGKILL on Unix: no shutdown hooks, no finally blocks
    assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();

    JobRecord killed =
        Json.mapper().readValue(jobDir.resolve(JobStore.RECORD).toFile(), JobRecord.class);
    assertThat(killed.state()).isEqualTo(JobState.RUNNING);
    Checkpoint ckpt = Checkpoint.read(jobDir.resolve("scratch").resolve(FineTuneRun.CHECKPOINT));
    assertThat(ckpt.step())
        .as("checkpoint step when killed at step %d", stepsAtKill)
        .isGreaterThan(ckpt.train().steps() * 2 / 3) // inside the last epoch
        .isLessThan(ckpt.train().steps());

    // the node starts again: the job resumes from that checkpoint, not from scratch
    List<JobEvent.Phase> phases = new ArrayList<>();
    ModelRecord resumed;
    try (World w = new World(node)) {
      w.factory.addListener(
          e -> {
            if (e instanceof JobEvent.Phase p && p.phase().equals("training")) {
              phases.add(p);
            }
          });
      w.factory.runPending();
      JobRecord done = w.factory.job(jobId).orElseThrow();
      assertThat(done.state()).as("%s", done.failure()).isEqualTo(JobState.SUCCEEDED);
      assertThat(done.attempts()).isEqualTo(2);
      resumed = w.factory.model("resumed").orElseThrow();
    }
    assertThat(phases)
        .singleElement()
        .extracting(JobEvent.Phase::resumedFromStep)
        .isEqualTo(ckpt.step());

    ModelRecord straight =
        DeterminismTest.run(
            tmp.resolve("straight"), base, paragraphs, World.quick("resumed", base).epochs(3));
    assertThat(DeterminismTest.adapterBytes(node, resumed))
        .isEqualTo(DeterminismTest.adapterBytes(tmp.resolve("straight"), straight));
    assertThat(resumed.registration().artifacts())
        .as("the whole artifact set, gradient store and loss curve included")
        .isEqualTo(straight.registration().artifacts());
  }

  private static List<String> javaCommand(Path node, long pauseMillis) {
    String java = ProcessHandle.current().info().command().orElse("java");
    return List.of(
        java,
        "--add-modules",
        "jdk.incubator.vector",
        "-Xmx512m",
        "-Dopenledger.ml.threads=1",
        "-Dopenledger.repo.root=" + TestData.repoRoot(),
        "-cp",
        System.getProperty("java.class.path"),
        KillResumeChild.class.getName(),
        node.toString(),
        Long.toString(pauseMillis));
  }

  /**
   * Waits until the loss curve has {@code steps} lines; fails if the child ends or time runs out
   * first.
   */
  private static int waitForSteps(Process child, Path lossFile, int steps) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CHILD_TIMEOUT_SECONDS);
    while (System.nanoTime() < deadline) {
      if (!child.isAlive()) {
        fail(
            "the child ended (exit "
                + child.exitValue()
                + ") before it could be killed mid-training");
      }
      int n = Files.exists(lossFile) ? (int) Files.lines(lossFile).count() : 0;
      if (n >= steps) {
        return n;
      }
      Thread.sleep(5);
    }
    child.destroyForcibly();
    return fail(
        "the child did not reach step " + steps + " within " + CHILD_TIMEOUT_SECONDS + " s");
  }
}
