package dev.openledger.attribution.service;

import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.crypto.Hash;
import java.util.Objects;

/**
 * One served request to attribute: the tokens the model was fed and the tokens it generated.
 *
 * @param requestId the response id the caller saw (the receipt's {@code request_id})
 * @param model the model label of the receipt
 * @param adapterHash the adapter that served it (the receipt's {@code adapter_hash})
 * @param promptTokens what the model was fed before generating (BOS and any chat template included)
 * @param responseTokens what it generated (stop tokens excluded); at least one
 */
public record Inference(
    String requestId, String model, Hash adapterHash, int[] promptTokens, int[] responseTokens) {
  /** Domain tag of {@link #hash()}. */
  public static final String DOMAIN = "openledger/attribution-request/v1";

  public Inference {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(adapterHash, "adapterHash");
    if (requestId.isEmpty()
        || requestId.length() > 256
        || model.isEmpty()
        || model.length() > 256) {
      throw new IllegalArgumentException("request id and model must be 1-256 characters");
    }
    promptTokens = promptTokens.clone();
    responseTokens = responseTokens.clone();
    if (responseTokens.length == 0) {
      throw new IllegalArgumentException(
          "an inference to attribute needs at least one generated token");
    }
  }

  @Override
  public int[] promptTokens() {
    return promptTokens.clone();
  }

  @Override
  public int[] responseTokens() {
    return responseTokens.clone();
  }

  /**
   * The request hash recorded as the attribution's {@code request} input: SHA-256 of the domain
   * tag, request id, model, adapter hash and both token lists (canonical encoding, tokens as
   * varints).
   */
  public Hash hash() {
    CanonicalWriter w = new CanonicalWriter(64 + 3 * (promptTokens.length + responseTokens.length));
    w.string(DOMAIN).string(requestId).string(model).hash(adapterHash);
    tokens(w, promptTokens);
    tokens(w, responseTokens);
    return Hash.sha256(w.toByteArray());
  }

  static void tokens(CanonicalWriter w, int[] t) {
    w.varint(t.length);
    for (int x : t) {
      w.varint(x);
    }
  }
}
