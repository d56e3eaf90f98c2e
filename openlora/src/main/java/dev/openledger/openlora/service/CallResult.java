package dev.openledger.openlora.service;

import dev.openledger.core.receipt.SignedReceipt;

/**
 * A completed call.
 *
 * @param finishReason {@code "stop"} (stop token or stop string) or {@code "length"} (max_tokens or
 *     context)
 * @param promptTokens prompt tokens processed
 * @param completionTokens tokens generated
 * @param receipt the signed receipt of the charge
 */
public record CallResult(
    String finishReason, int promptTokens, int completionTokens, SignedReceipt receipt) {
  public int totalTokens() {
    return promptTokens + completionTokens;
  }
}
