package dev.openledger.openlora.service;

import dev.openledger.core.receipt.SignedReceipt;
import java.util.Objects;

/**
 * A call that was charged: its receipt and the exact tokens the model read and wrote (what
 * attribution needs).
 *
 * @param receipt the signed receipt of the charge
 * @param promptTokens the tokens fed to the model (BOS and any chat template included)
 * @param completionTokens the tokens generated (stop tokens excluded), as many as the receipt
 *     charges
 */
public record ChargedCall(SignedReceipt receipt, int[] promptTokens, int[] completionTokens) {
  public ChargedCall {
    Objects.requireNonNull(receipt, "receipt");
    promptTokens = promptTokens.clone();
    completionTokens = completionTokens.clone();
  }

  @Override
  public int[] promptTokens() {
    return promptTokens.clone();
  }

  @Override
  public int[] completionTokens() {
    return completionTokens.clone();
  }
}
