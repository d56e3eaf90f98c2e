package dev.openledger.attribution.service;

import dev.openledger.core.Result;
import dev.openledger.core.crypto.Hash;
import java.io.IOException;

/**
 * Finds a served model's attribution inputs by the model label and adapter hash its receipts carry.
 */
@FunctionalInterface
public interface ModelSource {

  /**
   * @param model the label the receipt names ({@code name} or {@code name@version})
   * @param adapterHash the adapter that served the request; the model returned must have exactly
   *     this adapter
   * @return the model, or an error such as {@code unknown_model} or {@code artifacts_missing}
   * @throws IOException if reading its files fails
   */
  Result<AttributedModel> load(String model, Hash adapterHash) throws IOException;
}
