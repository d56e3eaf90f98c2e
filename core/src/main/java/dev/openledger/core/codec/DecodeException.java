package dev.openledger.core.codec;

/**
 * The input is not a canonical encoding of the expected value. Checked, so that every decoder
 * either handles bad input or says that it passes it on.
 */
public final class DecodeException extends Exception {
  private static final long serialVersionUID = 1L;

  public DecodeException(String message) {
    super(message);
  }
}
