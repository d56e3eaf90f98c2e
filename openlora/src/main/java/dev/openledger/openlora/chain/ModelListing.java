package dev.openledger.openlora.chain;

import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import dev.openledger.core.money.Amount;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * An approved model as the registry lists it.
 *
 * @param name the model name callers put in {@code model} (letters, digits, {@code . _ - : /}; at
 *     most 128)
 * @param baseModel id of the base model the adapter was trained on; a provider serves only its own
 *     base's models
 * @param adapterDir where this provider keeps the PEFT adapter directory (on chain: resolved from
 *     the hash)
 * @param adapterHash the approved adapter's content hash ({@code PeftAdapterDirectory.contentHash})
 * @param pricePerToken what one prompt or completion token costs the caller
 * @param developer the account that published the model (paid its share at settlement)
 */
public record ModelListing(
    String name,
    String baseModel,
    Path adapterDir,
    Hash adapterHash,
    Amount pricePerToken,
    Address developer) {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._:/-]{1,128}");

  public ModelListing {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "model name must be 1-128 of [A-Za-z0-9._:/-], got " + name);
    }
    if (baseModel == null || baseModel.isBlank()) {
      throw new IllegalArgumentException("model " + name + " needs a base model id");
    }
    if (adapterDir == null || adapterHash == null || pricePerToken == null || developer == null) {
      throw new IllegalArgumentException(
          "model " + name + ": adapterDir, adapterHash, pricePerToken and developer are required");
    }
  }

  /**
   * Whether {@code text} could be a model name (used to tell a malformed name from an unknown one).
   */
  public static boolean isValidName(String text) {
    return text != null && NAME.matcher(text).matches();
  }
}
