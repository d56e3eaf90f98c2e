package dev.openledger.openlora.engine;

/**
 * Receives one request's tokens. Both methods run on the decode thread and must return quickly
 * without blocking (hand work to another thread through a queue).
 */
public interface TokenSink {

  /**
   * A generated token; return false to end the request now (finish reason {@link
   * FinishReason#STOP}).
   */
  boolean onToken(int token);

  /** The request ended; called exactly once per accepted request. */
  void onFinish(EngineResult result);
}
