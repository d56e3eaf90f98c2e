package dev.openledger.openlora.store;

/**
 * Why an adapter could not be made ready; the message says which model, where, and what was wrong.
 */
public final class AdapterLoadException extends Exception {
  private static final long serialVersionUID = 1L;

  /** The kinds of failure. */
  public enum Reason {
    /** The adapter directory or one of its files is missing. */
    MISSING,
    /** The files are not a valid PEFT adapter for the base model. */
    INVALID,
    /** The adapter's content hash is not the approved one. */
    HASH_MISMATCH,
    /** The adapter alone is larger than the whole cache. */
    TOO_LARGE,
    /** Reading failed. */
    IO
  }

  private final Reason reason;

  public AdapterLoadException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
