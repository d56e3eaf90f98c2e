package dev.openledger.attribution;

import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.crypto.Hash;
import java.util.Objects;

/**
 * The hashes of everything an attribution was computed from; with the same inputs anyone recomputes
 * the same result.
 *
 * @param request the request/response hash given by the caller
 * @param gradientStore the gradient store's content hash
 * @param rowCatalog the row catalog's hash
 * @param spanIndex the span index's content hash ({@link Hash#ZERO} without a span track)
 * @param queryGradient hash of the query gradient
 * @param output hash of the output tokens
 * @param config hash of the configuration
 */
public record AttributionInputs(
    Hash request,
    Hash gradientStore,
    Hash rowCatalog,
    Hash spanIndex,
    Hash queryGradient,
    Hash output,
    Hash config) {
  public AttributionInputs {
    Objects.requireNonNull(request);
    Objects.requireNonNull(gradientStore);
    Objects.requireNonNull(rowCatalog);
    Objects.requireNonNull(spanIndex);
    Objects.requireNonNull(queryGradient);
    Objects.requireNonNull(output);
    Objects.requireNonNull(config);
  }

  void encode(CanonicalWriter w) {
    w.hash(request)
        .hash(gradientStore)
        .hash(rowCatalog)
        .hash(spanIndex)
        .hash(queryGradient)
        .hash(output)
        .hash(config);
  }
}
