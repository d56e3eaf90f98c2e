package dev.openledger.node.home;

import java.util.Objects;

/**
 * Paid serving as configured in {@code config/serving.json} (each field may be overridden on the
 * command line by {@code openledger node --serve-base DIR --provider KEY --settle-interval S}):
 *
 * <pre>
 * {"base": "path/to/base-model-dir or an imported base model's hash", "provider": "provider-key or devnet:dave",
 *  "settleIntervalSeconds": 10}
 * </pre>
 *
 * @param base the base model directory, or the content hash of a base model imported into
 *     ModelFactory
 * @param provider the serving provider's key: a keystore name, or {@code devnet:NAME} on the devnet
 * @param settleIntervalSeconds how often receipts are settled on chain (1 to 86,400)
 */
public record ServingConfig(String base, String provider, long settleIntervalSeconds) {
  public ServingConfig {
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(provider, "provider");
    if (settleIntervalSeconds < 1 || settleIntervalSeconds > 86_400) {
      throw new IllegalArgumentException(
          "settleIntervalSeconds must be within [1, 86400], got " + settleIntervalSeconds);
    }
  }
}
