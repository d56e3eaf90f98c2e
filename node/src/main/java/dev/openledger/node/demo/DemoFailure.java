package dev.openledger.node.demo;

/** The chain did something a demo step did not expect. */
public final class DemoFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DemoFailure(String message) {
    super(message);
  }
}
