package dev.openledger.node.demo;

import java.util.List;

/** The demo's closing step: the table every part filled in ({@link DemoSummary}). */
public final class SummaryDemo {
  private SummaryDemo() {}

  public static List<DemoStep> steps() {
    return List.of(
        DemoStep.of(
            "Summary: who contributed what, who earned what, and why", SummaryDemo::summary));
  }

  private static void summary(DemoContext ctx) {
    DemoContext.expect(
        !ctx.summary().columns().isEmpty(), "no part of the demo filled in the summary");
    for (String line : ctx.summary().render()) {
      ctx.say("%s", line);
    }
  }
}
