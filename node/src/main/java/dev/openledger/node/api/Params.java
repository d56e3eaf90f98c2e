package dev.openledger.node.api;

import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;

/**
 * Parsing of path and query parameters into values, with 400 answers that say what was expected.
 */
public final class Params {
  private Params() {}

  public static Hash hash(String text) {
    try {
      return Hash.fromHex(text);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(
          "bad_hash", "'" + text + "' is not a 32-byte hash in hex: " + e.getMessage());
    }
  }

  public static Address address(String text) {
    try {
      return Address.parse(text);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("bad_address", e.getMessage());
    }
  }

  public static long nonNegativeLong(String text, String name) {
    try {
      long v = Long.parseLong(text);
      if (v >= 0) {
        return v;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw ApiException.badRequest(
        "bad_" + name, name + " must be a non-negative integer, got '" + text + "'");
  }

  /** {@code true}, {@code false}, or absent (false). */
  public static boolean bool(String text, String name) {
    if (text == null || text.equals("false")) {
      return false;
    }
    if (text.equals("true")) {
      return true;
    }
    throw ApiException.badRequest(
        "bad_" + name, name + " must be true or false, got '" + text + "'");
  }

  static String firstLine(String s) {
    return s == null ? "" : s.lines().findFirst().orElse("");
  }
}
