package dev.openledger.node.client;

/** A client call failed; the subclass says how. */
public sealed class ClientException extends RuntimeException
    permits ClientException.Unreachable,
        ClientException.ApiError,
        ClientException.VerificationFailed {
  private static final long serialVersionUID = 1L;

  ClientException(String message, Throwable cause) {
    super(message, cause);
  }

  /** The node could not be reached or did not answer in time. */
  public static final class Unreachable extends ClientException {
    private static final long serialVersionUID = 1L;

    Unreachable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** The node answered with an error. */
  public static final class ApiError extends ClientException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String code;

    ApiError(int status, String code, String message) {
      super(message, null);
      this.status = status;
      this.code = code;
    }

    public int status() {
      return status;
    }

    public String code() {
      return code;
    }
  }

  /** A proof, hash or signature the node sent did not verify. */
  public static final class VerificationFailed extends ClientException {
    private static final long serialVersionUID = 1L;

    VerificationFailed(String message) {
      super(message, null);
    }
  }
}
