package dev.openledger.node.demo;

import dev.openledger.node.LedgerNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Runs the demo's steps in order in a temporary directory and reports what happened. */
public final class Demo {
  private Demo() {}

  /**
   * Every step, in lifecycle order. Later parts of the system append their steps before the
   * summary, and add their columns to {@link DemoContext#summary()}.
   */
  public static List<DemoStep> steps() {
    List<DemoStep> all = new ArrayList<>(LedgerDemo.steps());
    all.addAll(EconomyDemo.steps());
    all.addAll(DatanetDemo.steps());
    all.addAll(ServingDemo.steps());
    all.addAll(AttributionDemo.steps());
    all.addAll(SummaryDemo.steps());
    return all;
  }

  /**
   * Runs {@code steps}; returns true when all succeeded. The temporary directory and the node are
   * removed whatever happens.
   */
  public static boolean run(PrintWriter out, List<DemoStep> steps) {
    return run(out, steps, AfterDemo.STOP);
  }

  /**
   * Runs {@code steps}; when all succeeded and {@code after} serves, prints the dashboard's address
   * and keeps the node up until {@code after} says to stop. The temporary directory and the node
   * are removed whatever happens.
   */
  public static boolean run(PrintWriter out, List<DemoStep> steps, AfterDemo after) {
    Path dir;
    try {
      dir = Files.createTempDirectory("openledger-demo-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary directory for the demo", e);
    }
    DemoContext ctx = new DemoContext(out, dir);
    long started = System.nanoTime();
    try {
      for (int i = 0; i < steps.size(); i++) {
        DemoStep step = steps.get(i);
        out.printf("%n[%d/%d] %s%n", i + 1, steps.size(), step.title());
        out.flush();
        try {
          step.run(ctx);
        } catch (Exception e) {
          out.printf(
              "%ndemo FAILED at step %d (%s): %s%n",
              i + 1, step.title(), e.getMessage() == null ? e : e.getMessage());
          out.flush();
          return false;
        }
      }
      out.printf(
          "%ndemo complete: %d steps in %.1f s%n",
          steps.size(), (System.nanoTime() - started) / 1e9);
      out.flush();
      if (after.serves()) {
        serve(out, ctx, after);
      }
      return true;
    } finally {
      try {
        LedgerNode node = ctx.detach();
        if (node != null) {
          node.close();
        }
        deleteRecursively(dir);
      } finally {
        after.stopped();
      }
    }
  }

  private static void serve(PrintWriter out, DemoContext ctx, AfterDemo after) {
    out.printf("%ndashboard: %s/%n", ctx.node().url());
    out.println(
        "the demo's node keeps running with its data (API on the same address); press Ctrl-C to stop it");
    out.flush();
    try {
      after.awaitStop();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    out.println("stopping the demo's node and deleting its data");
    out.flush();
  }

  private static void deleteRecursively(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete the demo directory " + dir, e);
    }
  }
}
