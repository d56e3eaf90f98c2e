package dev.openledger.modelfactory.progress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openledger.modelfactory.job.JobEvent;
import dev.openledger.modelfactory.job.JobState;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/**
 * The CLI's progress bar: one job's events only, phases on their own lines, the last step always
 * drawn.
 */
class ProgressBarTest {

  static JobEvent.Progress step(long job, int step, int total, long eta) {
    return new JobEvent.Progress(job, step, total, step / 10.0, 3, 2.5f, 1e-3f, 12345.6, eta);
  }

  @Test
  void drawsPhasesStepsAndTheEnd() {
    StringWriter text = new StringWriter();
    ProgressBar bar = new ProgressBar(7, new PrintWriter(text, true));
    bar.onEvent(new JobEvent.Phase(7, "training", 12));
    bar.onEvent(step(7, 13, 30, -1));
    bar.onEvent(step(8, 1, 30, 5)); // another job: ignored
    for (int s = 14; s <= 30; s++) {
      bar.onEvent(step(7, s, 30, 30 - s));
    }
    bar.onEvent(new JobEvent.StateChanged(7, JobState.SUCCEEDED, "m v1"));
    String out = text.toString().replace(System.lineSeparator(), "\n");
    assertThat(out).startsWith("job 7: training (resumed from step 12)\n");
    assertThat(out).contains("step 13/30").contains("ETA --:--").doesNotContain("job 8");
    assertThat(out)
        .contains(
            "\rjob 7 [========================] step 30/30 epoch 3.0/3 loss 2.500 | 12,346 tok/s | ETA 0:00  \n");
    assertThat(out).endsWith("job 7: succeeded - m v1\n");
  }

  @Test
  void barFillsWithTheFraction() {
    assertThat(ProgressBar.line(step(1, 0, 24, 60)))
        .contains("[" + " ".repeat(24) + "]")
        .contains("ETA 1:00");
    assertThat(ProgressBar.line(step(1, 12, 24, 61)))
        .contains("[" + "=".repeat(11) + ">" + " ".repeat(12) + "]")
        .contains("ETA 1:01");
  }
}
