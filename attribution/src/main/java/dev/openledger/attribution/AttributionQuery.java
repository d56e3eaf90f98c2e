package dev.openledger.attribution;

import dev.openledger.attribution.score.QueryGradient;
import dev.openledger.core.crypto.Hash;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * One paid inference to attribute.
 *
 * @param request hash of the request and response as the settlement records them
 * @param gradient the query gradient (NLL of the response given the prompt) in the store's source
 *     layout
 * @param outputTokens the generated tokens, for the span track
 */
public record AttributionQuery(Hash request, QueryGradient gradient, int[] outputTokens) {
  public AttributionQuery {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(gradient, "gradient");
    outputTokens = outputTokens.clone();
  }

  @Override
  public int[] outputTokens() {
    return outputTokens.clone();
  }

  /** SHA-256 over the output tokens as big-endian int32. */
  public Hash outputHash() {
    ByteBuffer b = ByteBuffer.allocate(4 * outputTokens.length);
    b.asIntBuffer().put(outputTokens);
    return Hash.sha256(b.array());
  }
}
