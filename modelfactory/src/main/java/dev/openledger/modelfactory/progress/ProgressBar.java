package dev.openledger.modelfactory.progress;

import dev.openledger.modelfactory.job.JobEvent;
import dev.openledger.modelfactory.job.JobListener;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * Draws one job's progress on a terminal stream (the CLI passes stderr): phases and the final state
 * as lines, and each step as a bar redrawn in place, at most every 200 ms and always on the last
 * step:
 *
 * <pre>
 * job 3 [=========>              ] step 120/300 epoch 1.2/3 loss 3.214 | 12,345 tok/s | ETA 1:23
 * </pre>
 */
public final class ProgressBar implements JobListener {
  private static final int WIDTH = 24;
  private static final long REDRAW_NANOS = 200_000_000L;

  private final long jobId;
  private final PrintWriter out;
  private long lastDraw;
  private boolean midLine;

  /** Draws the events of job {@code jobId} on {@code out}. */
  public ProgressBar(long jobId, PrintWriter out) {
    this.jobId = jobId;
    this.out = out;
  }

  @Override
  public synchronized void onEvent(JobEvent e) {
    if (e.jobId() != jobId) {
      return;
    }
    if (e instanceof JobEvent.Progress p) {
      long now = System.nanoTime();
      boolean last = p.step() == p.totalSteps();
      if (last || now - lastDraw >= REDRAW_NANOS) {
        lastDraw = now;
        out.print("\r" + line(p));
        midLine = !last;
        if (last) {
          out.println();
        }
      }
    } else if (e instanceof JobEvent.Phase ph) {
      println(
          "job "
              + jobId
              + ": "
              + ph.phase()
              + (ph.resumedFromStep() > 0
                  ? " (resumed from step " + ph.resumedFromStep() + ")"
                  : ""));
    } else if (e instanceof JobEvent.StateChanged s) {
      println(
          "job "
              + jobId
              + ": "
              + s.state().name().toLowerCase(Locale.ROOT)
              + (s.detail().isEmpty() ? "" : " - " + s.detail()));
    }
    out.flush();
  }

  private void println(String text) {
    if (midLine) {
      out.println();
      midLine = false;
    }
    out.println(text);
  }

  /** The bar for one progress event. */
  public static String line(JobEvent.Progress p) {
    int filled = (int) Math.round(WIDTH * p.fraction());
    String bar =
        "=".repeat(Math.max(0, filled - 1))
            + (filled == 0 ? "" : filled < WIDTH ? ">" : "=")
            + " ".repeat(WIDTH - filled);
    String eta =
        p.etaSeconds() < 0
            ? "--:--"
            : String.format(Locale.ROOT, "%d:%02d", p.etaSeconds() / 60, p.etaSeconds() % 60);
    return String.format(
        Locale.ROOT,
        "job %d [%s] step %d/%d epoch %.1f/%d loss %.3f | %,.0f tok/s | ETA %s  ",
        p.jobId(),
        bar,
        p.step(),
        p.totalSteps(),
        p.epoch(),
        p.epochs(),
        p.loss(),
        p.tokensPerSecond(),
        eta);
  }
}
