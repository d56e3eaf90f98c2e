package dev.openledger.openlora.service;

/** A value, or the {@link ServeError} that refused the call. */
public sealed interface ServeResult<T> {

  /** Accepted. */
  record Ok<T>(T value) implements ServeResult<T> {}

  /** Refused before any work. */
  record Refused<T>(ServeError error) implements ServeResult<T> {}

  static <T> ServeResult<T> ok(T value) {
    return new Ok<>(value);
  }

  static <T> ServeResult<T> refused(ServeError error) {
    return new Refused<>(error);
  }
}
