package dev.openledger.openlora.service;

import dev.openledger.core.receipt.SignedReceipt;
import java.util.Optional;

/**
 * Receives one call's output. Methods run on the decode thread: return quickly, never block (queue
 * the events for the thread writing the response). Exactly one of {@link #onFinish} and {@link
 * #onError} ends the call.
 */
public interface CallListener {

  /** More completion text (never empty). */
  void onText(String text);

  /** The call completed; {@code result.receipt()} is what the caller was charged. */
  void onFinish(CallResult result);

  /**
   * The call failed after it was accepted; {@code receipt} is present when work done was charged.
   */
  void onError(ServeError error, Optional<SignedReceipt> receipt);
}
