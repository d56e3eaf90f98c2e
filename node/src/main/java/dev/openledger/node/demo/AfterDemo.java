package dev.openledger.node.demo;

/**
 * What the demo does once every step succeeded: stop at once, or keep its node (and the dashboard
 * at {@code /}) up with the demo's data until {@link #awaitStop()} returns, for {@code demo
 * --serve}.
 */
@FunctionalInterface
public interface AfterDemo {
  /** Stop at once. */
  AfterDemo STOP = () -> {};

  /** Returns when the node should stop; the demo then closes it and deletes its directory. */
  void awaitStop() throws InterruptedException;

  /** Called once the node is closed and the demo's directory deleted, whatever happened. */
  default void stopped() {}

  /** Whether the node is kept up at all (everything but {@link #STOP}). */
  default boolean serves() {
    return this != STOP;
  }
}
