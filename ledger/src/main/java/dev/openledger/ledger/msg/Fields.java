package dev.openledger.ledger.msg;

import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;
import dev.openledger.core.crypto.Hash;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/** Shared field checks and list codecs for the datanet and model messages. */
final class Fields {
  private Fields() {}

  /**
   * Text of at most {@code maxBytes} UTF-8 bytes with no control characters other than tab and line
   * breaks.
   */
  static String text(String value, String what, int minBytes, int maxBytes, boolean multiLine) {
    Objects.requireNonNull(value, what);
    int n = value.getBytes(StandardCharsets.UTF_8).length;
    if (n < minBytes || n > maxBytes) {
      throw new IllegalArgumentException(
          what + " must be " + minBytes + " to " + maxBytes + " bytes of UTF-8, got " + n);
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      boolean lineBreak = c == '\n' || c == '\r' || c == '\t';
      if (Character.isISOControl(c) && !(multiLine && lineBreak)) {
        throw new IllegalArgumentException(what + " contains a control character at index " + i);
      }
    }
    return value;
  }

  /** A value matching {@code pattern}, described as {@code shape} in the error. */
  static String matching(String value, String what, Pattern pattern, String shape) {
    Objects.requireNonNull(value, what);
    if (!pattern.matcher(value).matches()) {
      throw new IllegalArgumentException(what + " must be " + shape + ", got '" + value + "'");
    }
    return value;
  }

  static int range(long value, String what, long min, long max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          what + " must be within [" + min + ", " + max + "], got " + value);
    }
    return (int) value;
  }

  /** A list of 1..max distinct hashes. */
  static List<Hash> distinctHashes(List<Hash> hashes, String what, int max) {
    List<Hash> copy = List.copyOf(hashes);
    if (copy.isEmpty() || copy.size() > max) {
      throw new IllegalArgumentException(
          what + " must list 1 to " + max + " entries, got " + copy.size());
    }
    if (new HashSet<>(copy).size() != copy.size()) {
      throw new IllegalArgumentException(what + " lists an entry twice");
    }
    return copy;
  }

  static void writeHashes(CanonicalWriter w, List<Hash> hashes) {
    w.varint(hashes.size());
    hashes.forEach(w::hash);
  }

  static List<Hash> readHashes(CanonicalReader r, String what, int max) throws DecodeException {
    int n = (int) r.varint(what, max);
    List<Hash> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(r.hash(what));
    }
    return out;
  }

  static void writeStrings(CanonicalWriter w, List<String> values) {
    w.varint(values.size());
    values.forEach(w::string);
  }

  static List<String> readStrings(CanonicalReader r, String what, int maxCount, int maxBytes)
      throws DecodeException {
    int n = (int) r.varint(what, maxCount);
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(r.string(what, maxBytes));
    }
    return out;
  }

  /** An enum constant by its ordinal, or a decoding failure. */
  static <E extends Enum<E>> E enumAt(CanonicalReader r, String what, E[] values)
      throws DecodeException {
    int v = r.u8(what);
    if (v >= values.length) {
      throw new DecodeException(what + ": unknown value " + v);
    }
    return values[v];
  }
}
