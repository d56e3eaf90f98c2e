package dev.openledger.openlora.engine;

/** Why a request ended. */
public enum FinishReason {
  /** A stop token was sampled, or the sink asked to stop (a stop string matched). */
  STOP,
  /** {@code max_tokens} were generated, or the model's context is full. */
  LENGTH,
  /** The caller cancelled (e.g. the client disconnected). */
  CANCELLED,
  /** The request's deadline passed. */
  TIMEOUT,
  /** The adapter could not be loaded, or the engine failed or shut down. */
  FAILED
}
