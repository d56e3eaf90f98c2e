package dev.openledger.node.demo;

/** One step of the demo: a title and what it does and prints. */
public interface DemoStep {

  String title();

  /**
   * Runs the step.
   *
   * @throws DemoFailure when the chain did not behave as the step expects
   */
  void run(DemoContext ctx) throws Exception;

  /** A step from a title and a body. */
  static DemoStep of(String title, Body body) {
    return new DemoStep() {
      @Override
      public String title() {
        return title;
      }

      @Override
      public void run(DemoContext ctx) throws Exception {
        body.run(ctx);
      }
    };
  }

  /** A step body. */
  @FunctionalInterface
  interface Body {
    void run(DemoContext ctx) throws Exception;
  }
}
