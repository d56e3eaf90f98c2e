package dev.openledger.ledger.store;

/** Storage failed (I/O, corruption). Not an expected outcome: the node stops rather than guess. */
public final class StorageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StorageException(String message, Throwable cause) {
    super(message, cause);
  }

  public StorageException(String message) {
    super(message);
  }
}
