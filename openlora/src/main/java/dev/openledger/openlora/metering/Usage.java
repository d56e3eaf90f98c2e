package dev.openledger.openlora.metering;

import dev.openledger.core.crypto.Hash;
import dev.openledger.core.money.Amount;

/**
 * What a finished request used, as charged.
 *
 * @param model the model name
 * @param adapterHash the adapter that served it
 * @param pricePerToken price of one token
 * @param promptTokens prompt tokens processed
 * @param completionTokens tokens generated
 */
public record Usage(
    String model, Hash adapterHash, Amount pricePerToken, int promptTokens, int completionTokens) {
  public Usage {
    if (model == null || adapterHash == null || pricePerToken == null) {
      throw new IllegalArgumentException("model, adapter hash and price are required");
    }
    if (promptTokens < 0 || completionTokens < 0) {
      throw new IllegalArgumentException("token counts must be >= 0");
    }
  }

  /** {@code (prompt + completion) · price}. */
  public Amount cost() {
    return pricePerToken.times((long) promptTokens + completionTokens);
  }
}
