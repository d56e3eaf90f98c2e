package dev.openledger.openlora.engine;

import java.util.Optional;

/**
 * How a request ended.
 *
 * @param reason why
 * @param admitted whether it got a batch slot (work was done)
 * @param promptTokens prompt tokens fed to the model
 * @param completionTokens tokens generated (stop tokens excluded)
 * @param error what failed, for {@link FinishReason#FAILED}
 */
public record EngineResult(
    FinishReason reason,
    boolean admitted,
    int promptTokens,
    int completionTokens,
    Optional<String> error) {
  public EngineResult {
    if (reason == null || error == null) {
      throw new IllegalArgumentException("reason and error are required");
    }
  }
}
