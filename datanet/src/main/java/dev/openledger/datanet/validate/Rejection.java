package dev.openledger.datanet.validate;

import java.util.Objects;
import java.util.Optional;

/**
 * A stage's refusal: a stable reason, a message for people, and for duplicates a pointer to the
 * original.
 */
public record Rejection(Reason reason, String message, Optional<DuplicateOf> original) {
  public Rejection {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(original, "original");
    if (original.isPresent() != (reason == Reason.DUPLICATE || reason == Reason.NEAR_DUPLICATE)) {
      throw new IllegalArgumentException(
          "a pointer to the original goes with, and only with, a duplicate: " + reason);
    }
  }

  public static Rejection of(Reason reason, String message) {
    return new Rejection(reason, message, Optional.empty());
  }

  public static Rejection duplicate(Reason reason, String message, DuplicateOf original) {
    return new Rejection(reason, message, Optional.of(original));
  }

  /** {@code code: message}, for logs and CLI output. */
  @Override
  public String toString() {
    return reason.code() + ": " + message;
  }
}
