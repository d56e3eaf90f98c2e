package dev.openledger.datanet.validate;

import java.util.Objects;
import java.util.function.Function;

/**
 * A value produced by a stage that also transforms its input (decoding, extraction), or the
 * rejection that stopped it.
 *
 * @param <T> the value type
 */
public sealed interface Checked<T> permits Checked.Ok, Checked.Rejected {

  static <T> Checked<T> ok(T value) {
    return new Ok<>(value);
  }

  static <T> Checked<T> rejected(Reason reason, String message) {
    return new Rejected<>(Rejection.of(reason, message));
  }

  <U> Checked<U> flatMap(Function<? super T, Checked<U>> f);

  /** The stage produced a value. */
  record Ok<T>(T value) implements Checked<T> {
    public Ok {
      Objects.requireNonNull(value, "value");
    }

    @Override
    public <U> Checked<U> flatMap(Function<? super T, Checked<U>> f) {
      return f.apply(value);
    }
  }

  /** The stage refused the input. */
  record Rejected<T>(Rejection rejection) implements Checked<T> {
    public Rejected {
      Objects.requireNonNull(rejection, "rejection");
    }

    @Override
    public <U> Checked<U> flatMap(Function<? super T, Checked<U>> f) {
      return new Rejected<>(rejection);
    }
  }
}
