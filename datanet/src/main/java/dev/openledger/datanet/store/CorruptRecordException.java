package dev.openledger.datanet.store;

import dev.openledger.core.codec.DecodeException;
import java.io.UncheckedIOException;

/**
 * A stored record that does not decode: the database is damaged or was written by incompatible
 * code.
 */
public final class CorruptRecordException extends UncheckedIOException {
  private static final long serialVersionUID = 1L;

  public CorruptRecordException(DecodeException cause) {
    super(
        "corrupt record in the datanet store: " + cause.getMessage(),
        new java.io.IOException(cause));
  }
}
