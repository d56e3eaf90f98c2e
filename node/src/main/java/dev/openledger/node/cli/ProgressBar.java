package dev.openledger.node.cli;

import dev.openledger.ml.train.StepStats;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * A one-line training progress bar on stderr: step, bar, loss, tokens/s and ETA, redrawn at most
 * every 200 ms and always on the last step.
 */
public final class ProgressBar implements Consumer<StepStats> {
  private static final int WIDTH = 24;
  private final PrintWriter err;
  private long lastDraw;

  public ProgressBar(PrintWriter err) {
    this.err = err;
  }

  @Override
  public void accept(StepStats s) {
    long now = System.nanoTime();
    boolean last = s.step() == s.totalSteps();
    if (!last && now - lastDraw < 200_000_000L) {
      return;
    }
    lastDraw = now;
    err.print("\r" + line(s));
    if (last) {
      err.println();
    }
    err.flush();
  }

  static String line(StepStats s) {
    int filled = s.totalSteps() == 0 ? WIDTH : (int) ((long) WIDTH * s.step() / s.totalSteps());
    String bar =
        "=".repeat(Math.max(0, filled - 1))
            + (filled > 0 && filled < WIDTH ? ">" : filled > 0 ? "=" : "")
            + " ".repeat(WIDTH - filled);
    double tps = s.tokensPerSecond();
    double perStep = s.step() == 0 ? 0 : s.elapsedNanos() / 1e9 / s.step();
    long eta = Math.round(perStep * (s.totalSteps() - s.step()));
    return String.format(
        Locale.ROOT,
        "step %d/%d [%s] loss %.3f | %,.0f tok/s | ETA %d:%02d   ",
        s.step(),
        s.totalSteps(),
        bar,
        s.loss(),
        tps,
        eta / 60,
        eta % 60);
  }
}
