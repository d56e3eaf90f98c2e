package dev.openledger.ledger.block;

import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Something a transaction did, for indexers and people: a type such as {@code bank.transfer} and ordered
 * key/value attributes. Events are part of the receipt and hence of the receipt root.
 *
 * @param type {@code module.what}
 * @param attributes in the order the module emitted them
 */
public record Event(String type, List<Attribute> attributes) {
  private static final Pattern TYPE = Pattern.compile("[a-z]+\\.[a-z_]+");

  public Event {
    Objects.requireNonNull(type, "type");
    if (!TYPE.matcher(type).matches()) {
      throw new IllegalArgumentException("event type must look like module.what, got '" + type + "'");
    }
    attributes = List.copyOf(attributes);
  }

  /** An event from alternating keys and values: {@code Event.of("bank.burn", "from", a, "amount", x)}. */
  public static Event of(String type, Object... keyValues) {
    if (keyValues.length % 2 != 0) {
      throw new IllegalArgumentException("keys and values come in pairs");
    }
    List<Attribute> attrs = new ArrayList<>(keyValues.length / 2);
    for (int i = 0; i < keyValues.length; i += 2) {
      attrs.add(new Attribute(keyValues[i].toString(), String.valueOf(keyValues[i + 1])));
    }
    return new Event(type, attrs);
  }

  /** The value of the first attribute named {@code key}, or null. */
  public String get(String key) {
    for (Attribute a : attributes) {
      if (a.key().equals(key)) {
        return a.value();
      }
    }
    return null;
  }

  void encode(CanonicalWriter w) {
    w.string(type).varint(attributes.size());
    for (Attribute a : attributes) {
      w.string(a.key()).string(a.value());
    }
  }

  static Event decode(CanonicalReader r) throws DecodeException {
    String type = r.string("event type", 64);
    int n = (int) r.varint("attribute count", 256);
    List<Attribute> attrs = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      attrs.add(new Attribute(r.string("attribute key", 64), r.string("attribute value", 4096)));
    }
    try {
      return new Event(type, attrs);
    } catch (IllegalArgumentException e) {
      throw new DecodeException(e.getMessage());
    }
  }

  /**
   * One attribute.
   *
   * @param key a short name
   * @param value its text form (addresses in Bech32m, amounts in OPEN)
   */
  public record Attribute(String key, String value) {
    public Attribute {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(value, "value");
    }
  }
}
