package dev.openledger.openlora.service;

import java.util.Optional;

/**
 * A refused or failed call, with what OpenAI's error object carries: message, type, param, code.
 *
 * @param kind the class of error, which fixes the HTTP status, type and code
 * @param message what was wrong and, where possible, what to do
 * @param param the request parameter at fault, if one is
 */
public record ServeError(Kind kind, String message, Optional<String> param) {

  /** Error classes with their HTTP status and OpenAI {@code type} and {@code code}. */
  public enum Kind {
    INVALID_REQUEST(400, "invalid_request_error", "invalid_value"),
    CONTEXT_LENGTH_EXCEEDED(400, "invalid_request_error", "context_length_exceeded"),
    MISSING_API_KEY(401, "invalid_request_error", "missing_api_key"),
    INVALID_API_KEY(401, "invalid_request_error", "invalid_api_key"),
    MODEL_NOT_FOUND(404, "invalid_request_error", "model_not_found"),
    TIMEOUT(408, "timeout_error", "request_timeout"),
    PROMPT_TOO_LONG(413, "invalid_request_error", "prompt_too_long"),
    QUEUE_FULL(429, "rate_limit_error", "rate_limit_exceeded"),
    INSUFFICIENT_FUNDS(429, "insufficient_quota", "insufficient_quota"),
    INTERNAL(500, "server_error", "internal_error"),
    MODEL_UNAVAILABLE(503, "server_error", "model_unavailable");

    private final int status;
    private final String type;
    private final String code;

    Kind(int status, String type, String code) {
      this.status = status;
      this.type = type;
      this.code = code;
    }

    public int status() {
      return status;
    }

    public String type() {
      return type;
    }

    public String code() {
      return code;
    }
  }

  public ServeError {
    if (kind == null || message == null || param == null) {
      throw new IllegalArgumentException("kind, message and param are required");
    }
  }

  public static ServeError of(Kind kind, String message) {
    return new ServeError(kind, message, Optional.empty());
  }

  public static ServeError invalid(String param, String message) {
    return new ServeError(Kind.INVALID_REQUEST, message, Optional.of(param));
  }
}
