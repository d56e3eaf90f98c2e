package dev.openledger.modelfactory.job;

/**
 * Receives job events. Called on the worker thread: implementations must return quickly and not
 * throw (an exception is logged and the listener is kept).
 */
@FunctionalInterface
public interface JobListener {
  void onEvent(JobEvent event);
}
