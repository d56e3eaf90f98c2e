package dev.openledger.modelfactory.spec;

import java.util.Objects;

/**
 * One reason a fine-tuning request is refused.
 *
 * @param code stable machine-readable reason, e.g. {@code unknown_datanet}, {@code bad_rank}
 * @param field the request field at fault, e.g. {@code datanets[0]}, {@code lora.rank}
 * @param message what is wrong and, where possible, what is allowed
 */
public record SpecProblem(String code, String field, String message) {
  public SpecProblem {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return field + ": " + message + " [" + code + "]";
  }
}
