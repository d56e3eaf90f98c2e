package dev.openledger.ml.format;

import java.io.IOException;

/**
 * A file is malformed or uses a feature this engine does not support. The message names the file
 * part at fault (tensor, field, offset). An {@link IOException}, so callers that handle I/O
 * failures handle this too.
 */
public final class FormatException extends IOException {
  private static final long serialVersionUID = 1L;

  public FormatException(String message) {
    super(message);
  }

  public FormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
