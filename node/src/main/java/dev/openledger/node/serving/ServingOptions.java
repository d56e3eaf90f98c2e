package dev.openledger.node.serving;

import dev.openledger.attribution.AttributionConfig;
import dev.openledger.core.crypto.KeyPair;
import dev.openledger.openlora.service.ServeConfig;
import java.time.Duration;
import java.util.Objects;

/**
 * How a node serves approved models (given to {@code LedgerNode.start}; built from {@code
 * openledger node --serve-base} or {@code config/serving.json}).
 *
 * @param base the base model: a Hugging Face model directory, or the content hash (hex) of a base
 *     model already imported into this node's ModelFactory
 * @param provider the serving provider's key: it signs receipts and settlements and is paid the
 *     provider share
 * @param settleInterval how often unsettled receipts are settled on chain (also once when the node
 *     stops)
 * @param serve OpenLoRA's limits and cache
 * @param attribution how the node attributes the answers it serves (scorer, shares, the span
 *     track's rules); each attribution records this configuration's hash, so that anyone
 *     recomputing it uses the same
 */
public record ServingOptions(
    String base,
    KeyPair provider,
    Duration settleInterval,
    ServeConfig serve,
    AttributionConfig attribution) {
  /** Settle every 10 seconds by default. */
  public static final Duration DEFAULT_SETTLE_INTERVAL = Duration.ofSeconds(10);

  public ServingOptions {
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(settleInterval, "settleInterval");
    Objects.requireNonNull(serve, "serve");
    Objects.requireNonNull(attribution, "attribution");
    if (base.isBlank()) {
      throw new IllegalArgumentException(
          "the base model is a directory or an imported base model's hash");
    }
    if (settleInterval.isNegative() || settleInterval.isZero()) {
      throw new IllegalArgumentException("the settlement interval must be positive");
    }
  }

  /** Attributing with {@link AttributionConfig#DEFAULT}. */
  public ServingOptions(String base, KeyPair provider, Duration settleInterval, ServeConfig serve) {
    this(base, provider, settleInterval, serve, AttributionConfig.DEFAULT);
  }
}
