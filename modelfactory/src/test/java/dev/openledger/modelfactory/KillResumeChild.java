package dev.openledger.modelfactory;

import dev.openledger.modelfactory.access.DevnetAccessPolicy;
import dev.openledger.modelfactory.job.JobEvent;
import dev.openledger.modelfactory.run.RunSettings;
import java.nio.file.Path;

/**
 * The process {@link KillResumeTest} kills: opens the node in {@code args[0]} and runs its pending
 * jobs, checkpointing every 3 steps. A listener sleeps {@code args[1]} ms after each step so the
 * parent has a wide window to kill it mid-training (it slows the run without changing what it
 * computes).
 */
public final class KillResumeChild {
  private KillResumeChild() {}

  public static void main(String[] args) throws Exception {
    long pause = Long.parseLong(args[1]);
    try (World w =
        new World(Path.of(args[0]), DevnetAccessPolicy.allOpen(), new RunSettings(3, 3600))) {
      w.factory.addListener(
          e -> {
            if (e instanceof JobEvent.Progress) {
              try {
                Thread.sleep(pause);
              } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
              }
            }
          });
      w.factory.runPending();
    }
  }
}
