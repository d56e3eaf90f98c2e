package dev.openledger.ledger.block;

import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Something a transaction did, for indexers and people: a type such as {@code bank.transfer} and
 * ordered key/value attributes. Events are part of the receipt and hence of the receipt root.
 *
 * @param type {@code module.what}
 * @param attributes in the order the module emitted them
 */
public record Event(String type, List<Attribute> attributes) {
  private static final Pattern TYPE = Pattern.compile("[a-z]+\\.[a-z_]+");

  /** Bounds that make every event decodable again: the decoder enforces the same ones. */
  static final int MAX_TYPE_BYTES = 64;

  static final int MAX_KEY_BYTES = 64;
  static final int MAX_VALUE_BYTES = 4096;
  static final int MAX_ATTRIBUTES = 256;

  public Event {
    Objects.requireNonNull(type, "type");
    if (!TYPE.matcher(type).matches() || type.length() > MAX_TYPE_BYTES) {
      throw new IllegalArgumentException(
          "event type must look like module.what (at most "
              + MAX_TYPE_BYTES
              + " characters), got '"
              + type
              + "'");
    }
    attributes = List.copyOf(attributes);
    if (attributes.size() > MAX_ATTRIBUTES) {
      throw new IllegalArgumentException("an event has at most " + MAX_ATTRIBUTES + " attributes");
    }
  }

  /**
   * An event from alternating keys and values: {@code Event.of("bank.burn", "from", a, "amount",
   * x)}.
   */
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
    String type = r.string("event type", MAX_TYPE_BYTES);
    int n = (int) r.varint("attribute count", MAX_ATTRIBUTES);
    List<Attribute> attrs = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      attrs.add(
          new Attribute(
              r.string("attribute key", MAX_KEY_BYTES),
              r.string("attribute value", MAX_VALUE_BYTES)));
    }
    try {
      return new Event(type, attrs);
    } catch (IllegalArgumentException e) {
      throw new DecodeException(e.getMessage());
    }
  }

  /** UTF-8 lengths without encoding. */
  static final class Utf8 {
    private Utf8() {}

    static int length(String s) {
      int n = 0;
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (c < 0x80) {
          n += 1;
        } else if (c < 0x800) {
          n += 2;
        } else if (Character.isHighSurrogate(c)) {
          n += 4;
          i++;
        } else {
          n += 3;
        }
      }
      return n;
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
      if (Utf8.length(key) > MAX_KEY_BYTES || Utf8.length(value) > MAX_VALUE_BYTES) {
        throw new IllegalArgumentException(
            "event attribute '"
                + key
                + "' is longer than "
                + MAX_KEY_BYTES
                + "/"
                + MAX_VALUE_BYTES
                + " bytes");
      }
    }
  }
}
