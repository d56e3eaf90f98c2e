package dev.openledger.ml.format;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;

/**
 * Strict access to the fields of one JSON object: each read marks a field as understood, and {@link
 * #rejectOthers} refuses the rest, so an option this engine does not know is an error rather than
 * silently ignored.
 */
final class Fields {
  private final JsonNode node;
  private final String where;
  private final Set<String> seen = new HashSet<>();

  Fields(JsonNode node, String where) throws FormatException {
    if (node == null || !node.isObject()) {
      throw new FormatException(where + " must be a JSON object");
    }
    this.node = node;
    this.where = where;
  }

  /** The field, or null when absent (a JSON null is returned as a null node). */
  JsonNode optional(String name) {
    seen.add(name);
    return node.get(name);
  }

  JsonNode require(String name) throws FormatException {
    JsonNode v = optional(name);
    if (v == null || v.isNull()) {
      throw new FormatException(where + ": missing field '" + name + "'");
    }
    return v;
  }

  String text(String name) throws FormatException {
    JsonNode v = require(name);
    if (!v.isTextual()) {
      throw new FormatException(where + ": field '" + name + "' must be a string, found " + v);
    }
    return v.asText();
  }

  int intValue(String name) throws FormatException {
    JsonNode v = require(name);
    if (!v.isInt()) {
      throw new FormatException(
          where + ": field '" + name + "' must be a 32-bit integer, found " + v);
    }
    return v.intValue();
  }

  /** An integer field, or {@code otherwise} when absent or null. */
  int intValue(String name, int otherwise) throws FormatException {
    JsonNode v = optional(name);
    return v == null || v.isNull() ? otherwise : intValue(name);
  }

  /** A number field as float, or {@code otherwise} when absent or null. */
  float floatValue(String name, float otherwise) throws FormatException {
    JsonNode v = optional(name);
    if (v == null || v.isNull()) {
      return otherwise;
    }
    if (!v.isNumber()) {
      throw new FormatException(where + ": field '" + name + "' must be a number, found " + v);
    }
    return (float) v.doubleValue();
  }

  /** A boolean field, or {@code otherwise} when absent or null. */
  boolean bool(String name, boolean otherwise) throws FormatException {
    JsonNode v = optional(name);
    if (v == null || v.isNull()) {
      return otherwise;
    }
    if (!v.isBoolean()) {
      throw new FormatException(where + ": field '" + name + "' must be true or false, found " + v);
    }
    return v.booleanValue();
  }

  /** A string field, or {@code otherwise} when absent or null. */
  String text(String name, String otherwise) throws FormatException {
    JsonNode v = optional(name);
    return v == null || v.isNull() ? otherwise : text(name);
  }

  void requireNullOrAbsent(String name) throws FormatException {
    JsonNode v = optional(name);
    if (v != null && !v.isNull()) {
      throw new FormatException(
          where + ": '" + name + "' is not supported (must be null), found " + v);
    }
  }

  void requireFalseOrAbsent(String name) throws FormatException {
    JsonNode v = optional(name);
    if (v != null && !v.isNull() && !(v.isBoolean() && !v.booleanValue())) {
      throw new FormatException(
          where + ": '" + name + "' is not supported (must be false), found " + v);
    }
  }

  /** Absent, null, "", [] or {} (an option left at its default). */
  void requireEmptyOrAbsent(String name) throws FormatException {
    JsonNode v = optional(name);
    if (v != null
        && !v.isNull()
        && !(v.isTextual() && v.asText().isEmpty())
        && !(v.isContainerNode() && v.isEmpty())) {
      throw new FormatException(
          where + ": '" + name + "' is not supported (must be empty), found " + v);
    }
  }

  /** Absent, null, false, "", [] or {}. */
  void requireEmptyOrFalse(String name) throws FormatException {
    JsonNode v = node.get(name);
    if (v != null && v.isBoolean()) {
      requireFalseOrAbsent(name);
    } else {
      requireEmptyOrAbsent(name);
    }
  }

  /** Fails if the object has a field no one asked for. */
  void rejectOthers() throws FormatException {
    Set<String> unknown = new TreeSet<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!seen.contains(f)) {
        unknown.add(f);
      }
    }
    if (!unknown.isEmpty()) {
      throw new FormatException(where + ": unknown or unsupported field(s) " + unknown);
    }
  }
}
