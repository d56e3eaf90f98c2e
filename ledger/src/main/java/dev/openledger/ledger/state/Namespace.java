package dev.openledger.ledger.state;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A module's part of the state: every key it owns starts with {@code name + "/"}. The slash ends
 * the name, so no namespace is a prefix of another.
 *
 * @param name lowercase letters, e.g. {@code bank}
 */
public record Namespace(String name) {
  private static final Pattern NAME = Pattern.compile("[a-z]{1,16}");

  public Namespace {
    Objects.requireNonNull(name, "name");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "a namespace is 1-16 lowercase letters, got '" + name + "'");
    }
  }

  /** The namespace's own prefix, {@code name/}. */
  public StateKey prefix() {
    return StateKey.adopt(StateKey.utf8(name + "/"));
  }

  /** A key in this namespace: {@code name/} followed by {@code suffix}. */
  public StateKey key(byte[] suffix) {
    byte[] out = new byte[name.length() + 1 + suffix.length];
    writePrefix(out);
    System.arraycopy(suffix, 0, out, name.length() + 1, suffix.length);
    return StateKey.adopt(out);
  }

  /** A key made of a one-letter table tag and an id, e.g. {@code bank/a<20 address bytes>}. */
  public StateKey key(char table, byte[] id) {
    byte[] out = new byte[name.length() + 2 + id.length];
    writePrefix(out);
    out[name.length() + 1] = (byte) table;
    System.arraycopy(id, 0, out, name.length() + 2, id.length);
    return StateKey.adopt(out);
  }

  /** Writes {@code name/} at the start of {@code out} (names are ASCII letters). */
  private void writePrefix(byte[] out) {
    for (int i = 0; i < name.length(); i++) {
      out[i] = (byte) name.charAt(i);
    }
    out[name.length()] = '/';
  }

  /** True when {@code key} belongs to this namespace. */
  public boolean owns(StateKey key) {
    return key.startsWith(prefix());
  }
}
