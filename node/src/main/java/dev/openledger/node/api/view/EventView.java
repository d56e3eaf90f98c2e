package dev.openledger.node.api.view;

import java.util.List;

/**
 * An event.
 *
 * @param type e.g. {@code bank.transfer}
 * @param attributes in emission order
 */
public record EventView(String type, List<Attribute> attributes) {
  /**
   * One attribute.
   *
   * @param key name
   * @param value text
   */
  public record Attribute(String key, String value) {}
}
