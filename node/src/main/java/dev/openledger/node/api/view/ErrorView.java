package dev.openledger.node.api.view;

import java.util.Objects;

/**
 * The body of every error response: {@code {"error": {"code": "...", "message": "..."}}}.
 *
 * @param error the error
 */
public record ErrorView(Body error) {
  public ErrorView {
    Objects.requireNonNull(error, "error");
  }

  public static ErrorView of(String code, String message) {
    return new ErrorView(new Body(code, message));
  }

  /**
   * An error.
   *
   * @param code stable, machine-readable
   * @param message what was wrong and what to do
   */
  public record Body(String code, String message) {}
}
