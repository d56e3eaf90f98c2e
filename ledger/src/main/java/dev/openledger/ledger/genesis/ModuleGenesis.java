package dev.openledger.ledger.genesis;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.openledger.core.crypto.Address;
import dev.openledger.core.json.Json;
import java.io.IOException;

/**
 * Module sections of a genesis file ({@code "modules": {"datanet": {...}, "model": {...}}}), read
 * strictly: every field present, no unknown field.
 */
public final class ModuleGenesis {
  /**
   * The governance module account: the authority of module parameters and of model approvals.
   * Governance executes its proposals' messages with this address as sender.
   */
  public static final Address GOVERNANCE = Address.module("gov");

  private ModuleGenesis() {}

  /**
   * The section {@code name} as a {@code type}, or {@code absent} when the genesis has none.
   *
   * @throws IllegalArgumentException when the section is not a valid {@code type}
   */
  public static <T> T section(Genesis genesis, String name, Class<T> type, T absent) {
    JsonNode node = genesis.modules().get(name);
    if (node == null) {
      return absent;
    }
    ObjectReader reader =
        Json.mapper()
            .readerFor(type)
            .with(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES);
    try {
      return reader.readValue(node);
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "genesis section modules." + name + " is not valid: " + e.getMessage(), e);
    }
  }

  /** A value as a genesis section. */
  public static JsonNode toSection(Object value) {
    return Json.mapper().valueToTree(value);
  }
}
