package dev.openledger.core;

import java.util.Objects;
import java.util.function.Function;

/**
 * The outcome of an operation whose failure is expected and must be handled: a value, or a reason
 * code with a message for people. Bugs are still exceptions; bad input is a {@code Result}.
 *
 * @param <T> the value type
 */
public sealed interface Result<T> permits Result.Ok, Result.Err {

  static <T> Result<T> ok(T value) {
    return new Ok<>(value);
  }

  static <T> Result<T> err(String code, String message) {
    return new Err<>(code, message);
  }

  boolean isOk();

  /** The value; throws {@link IllegalStateException} with the reason when this is an error. */
  T orElseThrow();

  <U> Result<U> map(Function<? super T, ? extends U> f);

  <U> Result<U> flatMap(Function<? super T, Result<U>> f);

  /** A successful result. */
  record Ok<T>(T value) implements Result<T> {
    public Ok {
      Objects.requireNonNull(value, "value");
    }

    @Override
    public boolean isOk() {
      return true;
    }

    @Override
    public T orElseThrow() {
      return value;
    }

    @Override
    public <U> Result<U> map(Function<? super T, ? extends U> f) {
      return new Ok<>(f.apply(value));
    }

    @Override
    public <U> Result<U> flatMap(Function<? super T, Result<U>> f) {
      return f.apply(value);
    }
  }

  /**
   * A failure: {@code code} is stable and machine-readable (e.g. {@code "bad_signature"}), {@code
   * message} says what was wrong and, where it can, what to do.
   */
  record Err<T>(String code, String message) implements Result<T> {
    public Err {
      Objects.requireNonNull(code, "code");
      Objects.requireNonNull(message, "message");
    }

    @Override
    public boolean isOk() {
      return false;
    }

    @Override
    public T orElseThrow() {
      throw new IllegalStateException(code + ": " + message);
    }

    @Override
    public <U> Result<U> map(Function<? super T, ? extends U> f) {
      return new Err<>(code, message);
    }

    @Override
    public <U> Result<U> flatMap(Function<? super T, Result<U>> f) {
      return new Err<>(code, message);
    }
  }
}
