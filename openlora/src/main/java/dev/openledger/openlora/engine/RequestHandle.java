package dev.openledger.openlora.engine;

/** An accepted request; {@link #cancel()} ends it at the next step (idempotent, thread-safe). */
public final class RequestHandle {
  private final String id;
  volatile boolean cancelled;
  private final Runnable wake;

  RequestHandle(String id, Runnable wake) {
    this.id = id;
    this.wake = wake;
  }

  public String id() {
    return id;
  }

  public void cancel() {
    cancelled = true;
    wake.run();
  }

  public boolean isCancelled() {
    return cancelled;
  }
}
